package dev.neurogen.optim;

import dev.neurogen.ParameterLayout;
import java.util.Arrays;

/**
 * How a network keeps its parameters inside: an ordered list of segments, each a {@code double[]}
 * (a {@code float[]} in a network with {@code precision = FLOAT}: the shape is the same) whose element {@code k} (for {@code k < length(s)}) is the parameter at flat index {@code
 * offset(s) + k * stride(s)} of the public layout (W_1 row-major, b_1, ..., W_L, b_L; see {@link
 * ParameterLayout}). Each segment holds either weights or biases, never both.
 *
 * <p>Segment order, per layer l = 1 .. L: the weights, then the biases b_l (one segment, stride
 * 1). The weights are one row-major segment (stride 1) or, if the layer is stored column-major
 * (as generated looped layers are), one segment per input unit j: column j of W_l, {@code
 * n_l} values at offset {@code weightOffset(l) + j} with stride {@code n_(l-1)}.
 *
 * <p>Immutable; equal storages have equal layer sizes and column flags. Generated classes hold
 * one as a constant and pass it with their own arrays to {@link OptimizerState#step}.
 */
public final class ParameterStorage {
  private final int[] layerSizes;
  private final boolean[] columnMajor;
  private final ParameterLayout layout;
  private final int[] offsets;
  private final int[] lengths;
  private final int[] strides;
  private final boolean[] biases;

  private ParameterStorage(int[] layerSizes, boolean[] columnMajor) {
    this.layerSizes = layerSizes;
    this.columnMajor = columnMajor;
    this.layout = ParameterLayout.of(layerSizes);
    int count = 0;
    for (int l = 1; l < layerSizes.length; l++) {
      count += (columnMajor[l - 1] ? layerSizes[l - 1] : 1) + 1;
    }
    offsets = new int[count];
    lengths = new int[count];
    strides = new int[count];
    biases = new boolean[count];
    int s = 0;
    for (int l = 1; l < layerSizes.length; l++) {
      int in = layerSizes[l - 1];
      int out = layerSizes[l];
      int w = layout.weightOffset(l);
      if (columnMajor[l - 1]) {
        for (int j = 0; j < in; j++, s++) {
          offsets[s] = w + j;
          lengths[s] = out;
          strides[s] = in;
        }
      } else {
        offsets[s] = w;
        lengths[s] = in * out;
        strides[s] = 1;
        s++;
      }
      offsets[s] = layout.biasOffset(l);
      lengths[s] = out;
      strides[s] = 1;
      biases[s] = true;
      s++;
    }
  }

  /**
   * The storage of a network with these layer sizes (input first) where {@code columnMajor[l -
   * 1]} says whether layer l keeps W_l as one array per input column.
   *
   * @throws IllegalArgumentException if the sizes are not a valid network or the flags do not
   *     have one entry per weight layer
   */
  public static ParameterStorage of(int[] layerSizes, boolean[] columnMajor) {
    if (layerSizes == null || columnMajor == null) {
      throw new NullPointerException("layerSizes and columnMajor must not be null");
    }
    ParameterLayout.of(layerSizes); // checks the sizes
    if (columnMajor.length != layerSizes.length - 1) {
      throw new IllegalArgumentException("columnMajor needs one flag per weight layer ("
          + (layerSizes.length - 1) + "), got " + columnMajor.length);
    }
    return new ParameterStorage(layerSizes.clone(), columnMajor.clone());
  }

  /** The storage with every W_l row-major: segments W_1, b_1, W_2, b_2, ... (the flat layout cut in pieces). */
  public static ParameterStorage flat(int... layerSizes) {
    return of(layerSizes, new boolean[Math.max(0, layerSizes.length - 1)]);
  }

  public int segmentCount() {
    return lengths.length;
  }

  /** The length of the longest segment (the size of the scratch array {@link Updates} needs). */
  public int maxSegmentLength() {
    int max = 0;
    for (int length : lengths) {
      max = Math.max(max, length);
    }
    return max;
  }

  /** Number of values in segment {@code s}. */
  public int length(int s) {
    return lengths[s];
  }

  /** Flat index of element 0 of segment {@code s}. */
  public int offset(int s) {
    return offsets[s];
  }

  /** Distance in the flat layout between consecutive elements of segment {@code s}. */
  public int stride(int s) {
    return strides[s];
  }

  /** Whether segment {@code s} holds biases (otherwise weights). */
  public boolean isBias(int s) {
    return biases[s];
  }

  public int parameterCount() {
    return layout.parameterCount();
  }

  /** A copy of the layer sizes, input first. */
  public int[] layerSizes() {
    return layerSizes.clone();
  }

  /** The public flat layout of the same network. */
  public ParameterLayout layout() {
    return layout;
  }

  /** Flat index of element {@code k} of segment {@code s}. */
  public int flatIndex(int s, int k) {
    return offsets[s] + k * strides[s];
  }

  /** Names the parameter held at element {@code k} of segment {@code s}, e.g. {@code "W2[3][1]"}. */
  public String describe(int s, int k) {
    return layout.describe(flatIndex(s, k));
  }

  /** New zeroed arrays, one per segment, in this storage's shape. */
  public double[][] newSegments() {
    double[][] segments = new double[lengths.length][];
    for (int s = 0; s < lengths.length; s++) {
      segments[s] = new double[lengths[s]];
    }
    return segments;
  }

  /** Copies segment arrays into {@code flat[0 .. parameterCount())}. */
  public void toFlat(double[][] segments, double[] flat) {
    requireShape(segments, "segments");
    requireFlat(flat);
    for (int s = 0; s < lengths.length; s++) {
      double[] segment = segments[s];
      int stride = strides[s];
      if (stride == 1) {
        System.arraycopy(segment, 0, flat, offsets[s], lengths[s]);
      } else {
        for (int k = 0, i = offsets[s]; k < lengths[s]; k++, i += stride) {
          flat[i] = segment[k];
        }
      }
    }
  }

  /** Copies {@code flat[0 .. parameterCount())} into the segment arrays. */
  public void fromFlat(double[] flat, double[][] segments) {
    requireShape(segments, "segments");
    requireFlat(flat);
    for (int s = 0; s < lengths.length; s++) {
      double[] segment = segments[s];
      int stride = strides[s];
      if (stride == 1) {
        System.arraycopy(flat, offsets[s], segment, 0, lengths[s]);
      } else {
        for (int k = 0, i = offsets[s]; k < lengths[s]; k++, i += stride) {
          segment[k] = flat[i];
        }
      }
    }
  }

  /** New zeroed float arrays, one per segment: the shape of a float network's ({@code precision = FLOAT}) storage. */
  public float[][] newFloatSegments() {
    float[][] segments = new float[lengths.length][];
    for (int s = 0; s < lengths.length; s++) {
      segments[s] = new float[lengths[s]];
    }
    return segments;
  }

  /** Copies float segment arrays into {@code flat[0 .. parameterCount())}, widening each value (exact). */
  public void toFlat(float[][] segments, double[] flat) {
    requireShape(segments, "segments");
    requireFlat(flat);
    for (int s = 0; s < lengths.length; s++) {
      float[] segment = segments[s];
      int stride = strides[s];
      for (int k = 0, i = offsets[s]; k < lengths[s]; k++, i += stride) {
        flat[i] = segment[k];
      }
    }
  }

  /**
   * Copies {@code flat[0 .. parameterCount())} into float segment arrays, rounding each value to
   * the nearest float (a finite value beyond float's range becomes infinite; callers that need
   * finite values check them).
   */
  public void fromFlat(double[] flat, float[][] segments) {
    requireShape(segments, "segments");
    requireFlat(flat);
    for (int s = 0; s < lengths.length; s++) {
      float[] segment = segments[s];
      int stride = strides[s];
      for (int k = 0, i = offsets[s]; k < lengths[s]; k++, i += stride) {
        segment[k] = (float) flat[i];
      }
    }
  }

  /** {@link #requireShape(double[][], String)} for float segments. */
  void requireShape(float[][] segments, String name) {
    if (segments == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (segments.length != lengths.length) {
      throw new IllegalArgumentException(name + " has " + segments.length + " arrays but " + this + " has "
          + lengths.length + " segments");
    }
    for (int s = 0; s < lengths.length; s++) {
      if (segments[s] == null || segments[s].length != lengths[s]) {
        throw new IllegalArgumentException(name + "[" + s + "] has length "
            + (segments[s] == null ? "null" : Integer.toString(segments[s].length)) + " but segment " + s
            + " of " + this + " has " + lengths[s]);
      }
    }
  }

  /** Checks that {@code segments} has one array of the right length per segment. */
  void requireShape(double[][] segments, String name) {
    if (segments == null) {
      throw new NullPointerException(name + " must not be null");
    }
    if (segments.length != lengths.length) {
      throw new IllegalArgumentException(name + " has " + segments.length + " arrays but " + this + " has "
          + lengths.length + " segments");
    }
    for (int s = 0; s < lengths.length; s++) {
      if (segments[s] == null || segments[s].length != lengths[s]) {
        throw new IllegalArgumentException(name + "[" + s + "] has length "
            + (segments[s] == null ? "null" : Integer.toString(segments[s].length)) + " but segment " + s
            + " of " + this + " has " + lengths[s]);
      }
    }
  }

  private void requireFlat(double[] flat) {
    if (flat == null) {
      throw new NullPointerException("flat must not be null");
    }
    if (flat.length < parameterCount()) {
      throw new IllegalArgumentException("flat has length " + flat.length + " but needs at least "
          + parameterCount() + " (parameterCount())");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ParameterStorage o
        && Arrays.equals(layerSizes, o.layerSizes) && Arrays.equals(columnMajor, o.columnMajor);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(layerSizes) + Arrays.hashCode(columnMajor);
  }

  /** For example {@code ParameterStorage[784, 128, 10] columnMajor[true, false]}. */
  @Override
  public String toString() {
    return "ParameterStorage" + Arrays.toString(layerSizes) + " columnMajor" + Arrays.toString(columnMajor);
  }
}
