package dev.neurogen.processor.plan;

/**
 * What one instance of a network costs, known at build time and reported as a compile NOTE.
 * Floating-point operations count a multiply-add as two and every other arithmetic operation or
 * activation evaluation as one.
 *
 * @param parameters weights and biases
 * @param predictFlops per sample for {@code predict}
 * @param trainFlopsPerSample per sample for a training step (forward, backward, and the SGD
 *     update amortised over the batch is not included: it is 2 per parameter per step)
 * @param scratchBytes activation, delta and target buffers per instance (8 bytes an element, 4 for
 *     {@code precision = FLOAT})
 * @param parameterBytes parameters, their gradient accumulators and row mirrors per instance (8
 *     or 4 bytes each, as the scratch)
 */
public record CostReport(
    long parameters, long predictFlops, long trainFlopsPerSample, long scratchBytes, long parameterBytes) {

  /** Memory one instance holds: parameters with gradient buffers and mirrors, and scratch. */
  public long instanceBytes() {
    return scratchBytes + parameterBytes;
  }

  /**
   * Memory an instance needs while it is constructed: {@link #instanceBytes()} plus the flat array
   * of 8 bytes per parameter that {@code initialize} fills and hands to {@code setParameters} (in
   * double for float networks too: they draw their initial weights in double and round them).
   */
  public long peakBytes() {
    return instanceBytes() + parameters * Double.BYTES;
  }

  public String describe(String networkName) {
    return String.format(java.util.Locale.ROOT,
        "neurogen: %s has %,d parameters; predict costs %,d FLOPs per sample, a training step"
            + " %,d FLOPs per sample plus %,d per SGD update; scratch memory %,d bytes and"
            + " parameters with gradient buffers %,d bytes per instance.",
        networkName, parameters, predictFlops, trainFlopsPerSample, 2 * parameters, scratchBytes,
        parameterBytes);
  }
}
