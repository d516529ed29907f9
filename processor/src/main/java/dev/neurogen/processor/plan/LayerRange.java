package dev.neurogen.processor.plan;

/**
 * Layers {@code first} to {@code last} (1-based, inclusive, {@code first <= last}): the layers
 * whose part of a per-network method one generated method holds.
 *
 * @param first the first layer of the range
 * @param last the last layer of the range
 */
public record LayerRange(int first, int last) {

  public LayerRange {
    if (first < 1 || last < first) {
      throw new IllegalArgumentException("layer range " + first + " to " + last + " is empty or starts below 1");
    }
  }

  /** Number of layers in the range. */
  public int size() {
    return last - first + 1;
  }
}
