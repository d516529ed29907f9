package dev.neurogen.processor.plan;

import dev.neurogen.processor.model.NetworkModel;
import java.util.List;

/**
 * Everything the emitter needs, decided: the model, each layer's kernel shape and offsets, how
 * many samples are processed together, and the build-time cost figures.
 *
 * @param model the validated declaration
 * @param layers layer 1 first
 * @param blockSize samples processed together by the looped kernels (1 if every layer is unrolled)
 * @param cost the cost figures reported at build time
 */
public record NetworkPlan(NetworkModel model, List<LayerPlan> layers, int blockSize, CostReport cost) {

  public NetworkPlan {
    layers = List.copyOf(layers);
  }

  public LayerPlan layer(int l) {
    return layers.get(l - 1);
  }

  public LayerPlan outputLayer() {
    return layers.get(layers.size() - 1);
  }

  public int layerCount() {
    return layers.size();
  }

  public int parameterCount() {
    return (int) model.parameterCount();
  }

  /**
   * How a per-network method is cut by layers: one range of all layers when it fits the method
   * budget (written as a single method), otherwise the ranges of its chunk methods.
   */
  public List<LayerRange> chunks(PerNetworkMethod method) {
    return Planner.chunks(layers, method.fixedBytes(), method::layerBytes);
  }

  /** Whether a per-network method is split into chunk methods (it would not fit the budget whole). */
  public boolean splits(PerNetworkMethod method) {
    return chunks(method).size() > 1;
  }

  public boolean hasLoopedLayer() {
    return layers.stream().anyMatch(l -> l.shape() == KernelShape.LOOPED);
  }
}
