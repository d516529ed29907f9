package dev.neurogen.processor.plan;

/** How the arithmetic of one layer is written out. */
public enum KernelShape {
  /**
   * Straight-line code with constant indices, one statement per output unit; weights held
   * row-major in one array. For layers small enough that the whole layer fits the method budget.
   */
  UNROLLED,
  /**
   * Fixed-trip-count loops; weights held as one array per input unit (the columns of W), so that
   * the forward pass and the weight gradient are axpy loops over contiguous arrays with the same
   * index on both sides, which C2 vectorises. Processes {@link NetworkPlan#blockSize()} samples
   * per loaded weight column when the block is full.
   */
  LOOPED
}
