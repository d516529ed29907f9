package dev.neurogen.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable copy of an {@link OptimizerState}: the optimizer's name, the number of steps
 * taken, and each state buffer in the public flat parameter layout (W_1 row-major, b_1, ..., W_L,
 * b_L). Buffer names are PyTorch's state keys: {@code "momentum_buffer"} (SGD with momentum,
 * RMSProp with momentum), {@code "exp_avg"} and {@code "exp_avg_sq"} (Adam, AdamW), {@code
 * "square_avg"} and {@code "grad_avg"} (RMSProp, the latter when centered). A state that has not
 * taken a step yet has no buffers. Save it with the model and {@link OptimizerState#restore} it to
 * resume training exactly. The buffers are double for both precisions: a float network's state
 * writes its float moments widened (exactly) and restores them rounded to the nearest float.
 */
public final class OptimizerSnapshot {
  private final String optimizerName;
  private final long steps;
  private final Map<String, double[]> buffers;

  private OptimizerSnapshot(String optimizerName, long steps, Map<String, double[]> buffers) {
    this.optimizerName = optimizerName;
    this.steps = steps;
    this.buffers = buffers;
  }

  /**
   * A snapshot from its parts (for example read back from a model file); the arrays are copied.
   *
   * @param optimizerName {@link Optimizer#name()} of the optimizer that wrote it
   * @param steps steps taken, not negative
   * @param buffers buffer name to values in the flat layout, all of one length; iteration order kept
   */
  public static OptimizerSnapshot of(String optimizerName, long steps, Map<String, double[]> buffers) {
    Objects.requireNonNull(optimizerName, "optimizerName must not be null");
    Objects.requireNonNull(buffers, "buffers must not be null");
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, got " + steps);
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    int length = -1;
    for (Map.Entry<String, double[]> e : buffers.entrySet()) {
      double[] values = Objects.requireNonNull(e.getValue(), "buffer " + e.getKey() + " must not be null");
      if (length >= 0 && values.length != length) {
        throw new IllegalArgumentException("buffer " + e.getKey() + " has length " + values.length
            + " but the others have " + length);
      }
      length = values.length;
      copy.put(Objects.requireNonNull(e.getKey(), "buffer names must not be null"), values.clone());
    }
    return new OptimizerSnapshot(optimizerName, steps, Collections.unmodifiableMap(copy));
  }

  /** The {@link Optimizer#name()} of the optimizer whose state this is. */
  public String optimizerName() {
    return optimizerName;
  }

  /** Optimizer steps taken. */
  public long steps() {
    return steps;
  }

  /** The buffer names, in order (empty before the first step and for plain SGD). */
  public List<String> bufferNames() {
    return List.copyOf(new ArrayList<>(buffers.keySet()));
  }

  /**
   * A copy of one buffer in the flat layout.
   *
   * @throws IllegalArgumentException if there is no buffer of that name
   */
  public double[] buffer(String name) {
    double[] values = buffers.get(name);
    if (values == null) {
      throw new IllegalArgumentException("no buffer " + name + " in " + this);
    }
    return values.clone();
  }

  /** Length of every buffer (the network's parameter count), or 0 if there are none. */
  public int bufferLength() {
    return buffers.isEmpty() ? 0 : buffers.values().iterator().next().length;
  }

  /** The buffers themselves, for the state to read without a copy. */
  Map<String, double[]> buffers() {
    return buffers;
  }

  /** Equal if name, steps and every buffer are equal bit for bit. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof OptimizerSnapshot o) || !optimizerName.equals(o.optimizerName) || steps != o.steps
        || !buffers.keySet().equals(o.buffers.keySet())) {
      return false;
    }
    for (Map.Entry<String, double[]> e : buffers.entrySet()) {
      if (!Arrays.equals(e.getValue(), o.buffers.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = Objects.hash(optimizerName, steps);
    for (Map.Entry<String, double[]> e : buffers.entrySet()) {
      hash = 31 * hash + e.getKey().hashCode() * 17 + Arrays.hashCode(e.getValue());
    }
    return hash;
  }

  /** For example {@code OptimizerSnapshot[adam, steps 12, exp_avg, exp_avg_sq of 275]}. */
  @Override
  public String toString() {
    return "OptimizerSnapshot[" + optimizerName + ", steps " + steps
        + (buffers.isEmpty() ? "" : ", " + String.join(", ", buffers.keySet()) + " of " + bufferLength()) + "]";
  }
}
