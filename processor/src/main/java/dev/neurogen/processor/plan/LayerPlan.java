package dev.neurogen.processor.plan;

import dev.neurogen.Activation;

/**
 * One weight layer l: {@code a_l = W_l z_(l-1) + b_l}, {@code z_l = f_l(a_l)}.
 *
 * @param index l, from 1
 * @param inputs n_(l-1), the columns of W_l
 * @param outputs n_l, the rows of W_l
 * @param activation f_l
 * @param isOutput whether this is layer L
 * @param shape how its kernels are written
 * @param weightOffset index of W_l[0][0] in the flat parameter layout
 * @param biasOffset index of b_l[0] in the flat parameter layout
 * @param keepsRows whether the layer also keeps W_l row by row (a mirror of the column storage),
 *     so that backpropagation through it, W_l^T delta, is an axpy over rows rather than a dot
 *     product per column: C2 vectorises the former and not the latter
 */
public record LayerPlan(
    int index,
    int inputs,
    int outputs,
    Activation activation,
    boolean isOutput,
    KernelShape shape,
    int weightOffset,
    int biasOffset,
    boolean keepsRows) {

  /** Multiply-adds of W_l z_(l-1) for one sample. */
  public long multiplyAdds() {
    return (long) inputs * outputs;
  }
}
