package dev.neurogen.processor.plan;

import dev.neurogen.processor.model.Attribute;
import dev.neurogen.processor.model.Message;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Decides the shape of the generated code from the model: which layers unroll, the sample block,
 * the flat offsets, and the cost figures. The method-size budget lives here, not in the emitter.
 */
public final class Planner {
  /**
   * HotSpot does not JIT-compile methods above 8,000 bytes of bytecode ({@code HugeMethodLimit}
   * with the default {@code DontCompileHugeMethods}); those would stay interpreted.
   */
  public static final int HUGE_METHOD_LIMIT = 8000;

  /**
   * Estimated bytecode per unrolled multiply-add: {@code w[k] * x[j] +} is aload, sipush, daload,
   * aload, sipush, daload, dmul, dadd (about 12 bytes); the weight-gradient statement {@code g[k]
   * += d * x[j]} about 14. Measured by {@code BytecodeSizeTest}.
   */
  static final int BYTES_PER_UNROLLED_MULTIPLY_ADD = 14;

  /** Fixed bytecode per unrolled method beyond its multiply-adds (locals, stores, activations). */
  static final int BYTES_PER_UNROLLED_ROW = 40;

  /**
   * Largest layer (inputs x outputs) written as straight-line code. Above it, loops over contiguous
   * arrays are faster anyway (C2 vectorises them) and the code stays small.
   */
  public static final int MAX_UNROLLED_MULTIPLY_ADDS = 256;

  /** Bytecode budget of one unrolled method: three quarters of {@link #HUGE_METHOD_LIMIT}. */
  static final int UNROLLED_METHOD_BUDGET = HUGE_METHOD_LIMIT * 3 / 4;

  /**
   * Samples processed together when a layer is looped: the kernels pass over a weight matrix once
   * per block, so a 784 x 128 layer (800 KB, beyond L2) is read once for a batch of 32 instead of
   * eight times; inside, groups of four samples share each loaded weight.
   */
  public static final int LOOPED_BLOCK_SIZE = 32;

  /**
   * Bytecode budget of one per-network method (and of each of its chunks when it is split by
   * layers): three quarters of {@link #HUGE_METHOD_LIMIT}, the same margin as unrolled kernels.
   */
  public static final int PER_NETWORK_METHOD_BUDGET = HUGE_METHOD_LIMIT * 3 / 4;

  /**
   * An instance needing more memory than this (1 GiB) while it is constructed gets a {@code [NetworkMemory]} warning at
   * build time; {@code -Aneurogen.memoryWarningMegabytes} changes it.
   */
  public static final long DEFAULT_MEMORY_WARNING_BYTES = 1L << 30;

  private Planner() {}

  /**
   * The warning for a network whose instance needs more than {@code thresholdBytes}, on its
   * {@code layers} value, or empty.
   */
  public static Optional<Problem> memoryWarning(NetworkPlan plan, long thresholdBytes) {
    CostReport cost = plan.cost();
    if (cost.peakBytes() <= thresholdBytes) {
      return Optional.empty();
    }
    return Optional.of(Problem.on(Attribute.LAYERS, Message.LARGE_INSTANCE, plan.model().interfaceName(),
        humanBytes(cost.peakBytes()), humanBytes(cost.instanceBytes()), cost.parameters(), cost.parameterBytes(),
        cost.scratchBytes(), humanBytes(thresholdBytes)));
  }

  /** 1.5 GiB, 300.0 MiB, 12.0 KiB or 512 bytes. */
  static String humanBytes(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  public static NetworkPlan plan(NetworkModel model) {
    List<LayerPlan> layers = new ArrayList<>();
    int offset = 0;
    for (int l = 1; l <= model.layerCount(); l++) {
      int inputs = model.size(l - 1);
      int outputs = model.size(l);
      KernelShape shape = unrolls(inputs, outputs) ? KernelShape.UNROLLED : KernelShape.LOOPED;
      int biasOffset = offset + inputs * outputs;
      layers.add(
          new LayerPlan(l, inputs, outputs, model.activation(l), l == model.layerCount(), shape, offset, biasOffset,
              keepsRows(shape, l)));
      offset = biasOffset + outputs;
    }
    boolean anyLooped = layers.stream().anyMatch(p -> p.shape() == KernelShape.LOOPED);
    int block = anyLooped ? LOOPED_BLOCK_SIZE : 1;
    return new NetworkPlan(model, layers, block, cost(model, layers, block));
  }

  /**
   * Looped layers after the first keep a row-wise mirror of their weights for the backward pass.
   * The first layer does not: it propagates only when the caller asks for the input gradient, and
   * it is usually the largest, so a mirror would cost the most memory and update time there.
   */
  static boolean keepsRows(KernelShape shape, int l) {
    return shape == KernelShape.LOOPED && l > 1;
  }

  /** The estimated size of the largest unrolled method of a layer must fit the JIT's limit. */
  static long estimatedUnrolledBytes(int inputs, int outputs) {
    return (long) inputs * outputs * BYTES_PER_UNROLLED_MULTIPLY_ADD
        + (long) Math.max(inputs, outputs) * BYTES_PER_UNROLLED_ROW;
  }

  /**
   * A layer unrolls if it is small and its largest unrolled method stays well inside the JIT's
   * limit; the margin covers the estimate's error (BytecodeSizeTest checks the real sizes).
   */
  static boolean unrolls(int inputs, int outputs) {
    return (long) inputs * outputs <= MAX_UNROLLED_MULTIPLY_ADDS
        && estimatedUnrolledBytes(inputs, outputs) <= UNROLLED_METHOD_BUDGET;
  }

  /**
   * Cuts the layers into ranges of consecutive layers whose code fits {@link
   * #PER_NETWORK_METHOD_BUDGET} per method: a single range of all layers if the whole method fits
   * (it is then written as one method), otherwise as few ranges as the greedy cut gives, each
   * written as its own method and called by a small dispatcher. Public so that any code that grows
   * by layer can be budgeted the same way.
   *
   * @param layers the network's layers, layer 1 first
   * @param fixedBytes estimated bytecode of the method beyond its layers' parts
   * @param layerBytes estimated bytecode of one layer's part
   * @throws IllegalArgumentException if even the dispatcher would not fit the budget (more layers
   *     than {@code NetworkRules} accepts)
   */
  public static List<LayerRange> chunks(List<LayerPlan> layers, int fixedBytes, ToIntFunction<LayerPlan> layerBytes) {
    long total = fixedBytes;
    for (LayerPlan layer : layers) {
      total += layerBytes.applyAsInt(layer);
    }
    if (total <= PER_NETWORK_METHOD_BUDGET) {
      return List.of(new LayerRange(1, layers.size()));
    }
    List<LayerRange> ranges = new ArrayList<>();
    int first = 1;
    long bytes = PerNetworkMethod.BYTES_PER_CHUNK_METHOD;
    for (LayerPlan layer : layers) {
      int cost = layerBytes.applyAsInt(layer);
      if (layer.index() > first && bytes + cost > PER_NETWORK_METHOD_BUDGET) {
        ranges.add(new LayerRange(first, layer.index() - 1));
        first = layer.index();
        bytes = PerNetworkMethod.BYTES_PER_CHUNK_METHOD;
      }
      bytes += cost;
    }
    ranges.add(new LayerRange(first, layers.size()));
    long dispatcher = fixedBytes + (long) ranges.size() * PerNetworkMethod.BYTES_PER_CHUNK_CALL;
    if (dispatcher > PER_NETWORK_METHOD_BUDGET) {
      throw new IllegalArgumentException(
          layers.size() + " layers need " + ranges.size() + " chunk methods, too many for one dispatcher");
    }
    return List.copyOf(ranges);
  }

  private static CostReport cost(NetworkModel model, List<LayerPlan> layers, int block) {
    long predict = 0;
    long train = 0;
    long scratchDoubles = 0;
    for (LayerPlan layer : layers) {
      long macs = layer.multiplyAdds();
      long forward = 2 * macs + 2L * layer.outputs(); // W z, + b, f(a)
      predict += forward;
      long backward = 2 * macs + layer.outputs() + 2L * layer.outputs(); // dW, db, delta * f'
      if (layer.index() > 1) {
        backward += 2 * macs; // W^T delta
      }
      train += forward + backward;
      // z_l and delta_l for every slot of the block
      scratchDoubles += 2L * block * layer.outputs();
    }
    int outputs = model.size(model.layerCount());
    scratchDoubles += (long) block * model.size(0) * 2; // inputs and input delta
    scratchDoubles += 2L * block * outputs; // logits and targets
    if (model.outputActivation() == dev.neurogen.Activation.SOFTMAX) {
      scratchDoubles += 2L * block; // the softmax's largest logit and exp sum, kept for the loss
    }
    long parameters = model.parameterCount();
    long mirrored = layers.stream().filter(LayerPlan::keepsRows).mapToLong(LayerPlan::multiplyAdds).sum();
    // the buffers hold the network's element type: 4 bytes each for precision = FLOAT
    int elementBytes = model.precision() == dev.neurogen.Precision.FLOAT ? Float.BYTES : Double.BYTES;
    return new CostReport(parameters, predict, train, scratchDoubles * elementBytes,
        (2 * parameters + mirrored) * elementBytes);
  }
}
