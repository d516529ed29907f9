package dev.neurogen;

import java.util.Arrays;

/**
 * The public flat parameter layout: {@code W_1} row-major, {@code b_1}, {@code W_2}, {@code b_2},
 * ..., {@code W_L}, {@code b_L}. {@code W_l} has {@code sizes[l]} rows (output units) and {@code
 * sizes[l-1]} columns, so weight {@code W_l[i][j]} sits at {@code weightOffset(l) + i * sizes[l-1] +
 * j} and bias {@code b_l[i]} at {@code biasOffset(l) + i}. Gradients use the same layout.
 */
public final class ParameterLayout {
  private final int[] sizes;
  private final int[] weightOffsets;
  private final int parameterCount;

  private ParameterLayout(int[] sizes) {
    this.sizes = sizes;
    this.weightOffsets = new int[sizes.length];
    long offset = 0;
    for (int l = 1; l < sizes.length; l++) {
      weightOffsets[l] = (int) offset;
      offset += (long) sizes[l] * sizes[l - 1] + sizes[l];
      if (offset > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "network " + Arrays.toString(sizes) + " has more than 2^31-1 parameters");
      }
    }
    this.parameterCount = (int) offset;
  }

  /** The layout of a network with these layer sizes, input first. */
  public static ParameterLayout of(int... sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("a network needs at least two layer sizes, got " + Arrays.toString(sizes));
    }
    for (int size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException("layer sizes must be at least 1, got " + Arrays.toString(sizes));
      }
    }
    return new ParameterLayout(sizes.clone());
  }

  /** Number of weight layers L (the layer sizes minus the input). */
  public int layerCount() {
    return sizes.length - 1;
  }

  /** Size of layer {@code l}; layer 0 is the input. */
  public int size(int l) {
    return sizes[l];
  }

  /** A copy of all layer sizes, input first. */
  public int[] sizes() {
    return sizes.clone();
  }

  public int parameterCount() {
    return parameterCount;
  }

  /** Index of {@code W_l[0][0]}, for {@code 1 <= l <= layerCount()}. */
  public int weightOffset(int l) {
    checkLayer(l);
    return weightOffsets[l];
  }

  /** Index of {@code b_l[0]}, for {@code 1 <= l <= layerCount()}. */
  public int biasOffset(int l) {
    checkLayer(l);
    return weightOffsets[l] + sizes[l] * sizes[l - 1];
  }

  /** Names the parameter at a flat index, e.g. {@code "W2[3][1]"} or {@code "b1[0]"}. */
  public String describe(int index) {
    if (index < 0 || index >= parameterCount) {
      throw new IndexOutOfBoundsException("parameter index " + index + " outside [0, " + parameterCount + ")");
    }
    int l = layerCount();
    while (weightOffsets[l] > index) {
      l--;
    }
    int local = index - weightOffsets[l];
    int weights = sizes[l] * sizes[l - 1];
    if (local < weights) {
      return "W" + l + "[" + local / sizes[l - 1] + "][" + local % sizes[l - 1] + "]";
    }
    return "b" + l + "[" + (local - weights) + "]";
  }

  private void checkLayer(int l) {
    if (l < 1 || l > layerCount()) {
      throw new IndexOutOfBoundsException("layer " + l + " outside [1, " + layerCount() + "]");
    }
  }

  @Override
  public String toString() {
    return "ParameterLayout" + Arrays.toString(sizes) + " (" + parameterCount + " parameters)";
  }
}
