package dev.neurogen.processor.emit;

/**
 * The one naming scheme of the generated class's fields, so every emitter refers to the same
 * buffers. Layer numbers follow the math: layer 0 is the input, W1 feeds layer 1.
 */
final class FieldNames {
  /** Per-slot inputs and the post-activation outputs z_k of layer k, shape [block][n_k]. */
  static String activations(int k) {
    return "z" + k;
  }

  /** Per-slot dLoss/da_k (k >= 1) or dLoss/dx (k = 0), shape [block][n_k]. */
  static String delta(int k) {
    return "delta" + k;
  }

  /** W_l: row-major double[n_l * n_(l-1)] when unrolled, columns double[n_(l-1)][n_l] when looped. */
  static String weights(int l) {
    return "w" + l;
  }

  /** Rows of W_l (double[n_l][n_(l-1)]), a mirror of the column storage for backpropagation. */
  static String weightRows(int l) {
    return "wr" + l;
  }

  static String biases(int l) {
    return "b" + l;
  }

  /** Sum of dLoss/dW_l over the samples seen since the last clear, same shape as the weights. */
  static String weightGradient(int l) {
    return "gw" + l;
  }

  static String biasGradient(int l) {
    return "gb" + l;
  }

  /**
   * The fields that belong to layer l and are allocated with it: its weights (and row mirror),
   * biases, their gradients, and its activation and delta buffers; layer 1 also has the input's.
   * Names that a network does not declare (a row mirror of an unrolled layer) are simply absent
   * from its fields.
   */
  static java.util.List<String> ofLayer(int l) {
    java.util.List<String> names = new java.util.ArrayList<>();
    if (l == 1) {
      names.add(activations(0));
      names.add(delta(0));
    }
    names.addAll(java.util.List.of(
        weights(l), weightRows(l), biases(l), weightGradient(l), biasGradient(l), activations(l), delta(l)));
    return names;
  }

  /** Per-slot output pre-activations a_L, shape [block][n_L]. */
  static final String LOGIT = "logit";

  /** Per-slot target rows (one-hot for labels), shape [block][n_L]. */
  static final String TARGET = "target";

  /** Per-slot class labels, for the hinge loss. */
  static final String LABEL = "label";

  private FieldNames() {}
}
