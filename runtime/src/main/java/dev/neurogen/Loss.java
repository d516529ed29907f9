package dev.neurogen;

/**
 * Per-sample losses. The loss of a batch is the mean of its samples' losses.
 *
 * <table>
 *   <caption>Losses, output activations and targets</caption>
 *   <tr><th>loss</th><th>output activation</th><th>per-sample loss</th><th>targets</th></tr>
 *   <tr><td>CROSS_ENTROPY</td><td>SOFTMAX</td><td>-sum_k y_k log p_k</td>
 *       <td>int labels, or probability rows (soft labels)</td></tr>
 *   <tr><td>BINARY_CROSS_ENTROPY</td><td>SIGMOID</td>
 *       <td>-sum_k [y_k log p_k + (1 - y_k) log(1 - p_k)]</td><td>rows of values in [0, 1]</td></tr>
 *   <tr><td>MSE</td><td>any but SOFTMAX</td><td>1/2 sum_k (z_k - y_k)^2</td><td>real rows</td></tr>
 *   <tr><td>HINGE</td><td>IDENTITY</td><td>sum_(j != y) max(0, s_j - s_y + 1)</td>
 *       <td>int labels</td></tr>
 * </table>
 */
public enum Loss {
  /** Softmax cross-entropy; fused output delta p - y. Generated networks implement {@link Classifier} and {@link TargetTrainable}. */
  CROSS_ENTROPY,
  /** Multi-label log-loss over independent sigmoid outputs; fused output delta p - y. Implements {@link TargetTrainable}. */
  BINARY_CROSS_ENTROPY,
  /** Half the sum of squared errors. Implements {@link TargetTrainable}. */
  MSE,
  /** Multiclass SVM loss (Weston-Watkins) on raw scores. Implements {@link Classifier}. */
  HINGE
}
