package dev.neurogen.benchmarks;

import dev.neurogen.toolkit.data.DataSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The data of the harness that issue 9's ratios were measured in, for the comparison with {@link
 * HandWrittenBaseline}: W1 150 uniform samples, W2 the 1,797 digits (pixel values 0..16, as
 * shipped), W3 the first 10,000 Fashion-MNIST test images scaled by 1/255; learning rate {@value
 * #LEARNING_RATE}; batches taken in order, cycling.
 *
 * <p>Each sample is held twice with the same values: as one {@code double[]} row per sample for
 * {@link HandWrittenBaseline} (which reads rows by reference), and as one flat {@code batch x
 * inputs} array per batch for the generated network's {@code trainStep}. A remainder of fewer than
 * {@code batch} samples at the end is left out of the batches (W2: the last 5 of 1,797 at batch
 * 16), so that every step has the same size.
 */
public final class ReferenceData {
  /** Learning rate of the reference harness. */
  public static final double LEARNING_RATE = 0.1;

  /** Where Debian's {@code dataset-fashion-mnist} puts its IDX files. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  /** Fashion-MNIST test images used by the reference harness. */
  public static final int FASHION_MNIST_SAMPLES = 10_000;

  private final String description;
  private final double[][] rows;
  private final int[] labels;
  private final int batchSize;
  private final double[][] batchInputs;
  private final int[][] batchLabels;
  private int nextBatch;
  private int nextRow;

  private ReferenceData(String description, double[][] rows, int[] labels, int batchSize) {
    if (batchSize < 1 || batchSize > rows.length) {
      throw new IllegalArgumentException(
          "batch size must be in [1, " + rows.length + "] (the number of samples), got " + batchSize);
    }
    this.description = description;
    this.rows = rows;
    this.labels = labels;
    this.batchSize = batchSize;
    int inputs = rows[0].length;
    int batches = rows.length / batchSize;
    batchInputs = new double[batches][batchSize * inputs];
    batchLabels = new int[batches][batchSize];
    for (int b = 0; b < batches; b++) {
      for (int s = 0; s < batchSize; s++) {
        System.arraycopy(rows[b * batchSize + s], 0, batchInputs[b], s * inputs, inputs);
      }
      System.arraycopy(labels, b * batchSize, batchLabels[b], 0, batchSize);
    }
  }

  /**
   * {@code samples} rows of {@code inputs} values uniform in [0, 1) and labels uniform below {@code
   * classes}, drawn like {@link SamplePool} (all inputs, then all labels): with {@link
   * SamplePool#SAMPLES} samples and the same seed they are the pool's data.
   */
  public static ReferenceData uniform(int samples, int inputs, int classes, int batchSize, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] rows = new double[samples][inputs];
    int[] labels = new int[samples];
    for (double[] row : rows) {
      for (int i = 0; i < inputs; i++) {
        row[i] = random.nextDouble();
      }
    }
    for (int s = 0; s < samples; s++) {
      labels[s] = random.nextInt(classes);
    }
    return new ReferenceData(
        samples + " samples uniform in [0, 1), uniform labels (seed " + seed + ")", rows, labels, batchSize);
  }

  /** The 1,797 8x8 digits of the embedded {@code digits.csv.gz}, pixel values 0..16 unscaled. */
  public static ReferenceData digits(int batchSize) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream raw = ReferenceData.class.getResourceAsStream("digits.csv.gz")) {
      if (raw == null) {
        throw new IllegalStateException("digits.csv.gz is missing from the benchmarks' resources");
      }
      BufferedReader in = new BufferedReader(
          new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] fields = line.split(",");
        double[] row = new double[fields.length - 1];
        for (int i = 0; i < row.length; i++) {
          row[i] = Double.parseDouble(fields[i]);
        }
        rows.add(row);
        labels.add(Integer.parseInt(fields[fields.length - 1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ReferenceData(
        rows.size() + " digits (UCI, as in scikit-learn), pixels 0..16",
        rows.toArray(new double[0][]),
        labels.stream().mapToInt(Integer::intValue).toArray(),
        batchSize);
  }

  /**
   * The first {@value #FASHION_MNIST_SAMPLES} Fashion-MNIST test images, pixels / 255, if {@link
   * #FASHION_MNIST} exists; otherwise {@link SamplePool}'s synthetic data (1,024 uniform samples),
   * which {@link #description()} then says.
   */
  public static ReferenceData fashionMnist(int batchSize) {
    Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
    Path labelFile = FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz");
    if (!Files.isReadable(images) || !Files.isReadable(labelFile)) {
      ReferenceData synthetic = uniform(SamplePool.SAMPLES, 784, 10, batchSize, SamplePool.DATA_SEED);
      return new ReferenceData(
          "SYNTHETIC, not Fashion-MNIST (" + FASHION_MNIST + " is missing; apt-get install"
              + " dataset-fashion-mnist): " + synthetic.description,
          synthetic.rows, synthetic.labels, batchSize);
    }
    DataSet data;
    try {
      data = DataSet.readIdx(images, labelFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int samples = Math.min(FASHION_MNIST_SAMPLES, data.size());
    double[][] rows = new double[samples][];
    int[] labels = new int[samples];
    for (int s = 0; s < samples; s++) {
      rows[s] = data.featureRow(s);
      for (int i = 0; i < rows[s].length; i++) {
        rows[s][i] /= 255.0;
      }
      labels[s] = data.label(s);
    }
    return new ReferenceData(
        "the first " + samples + " Fashion-MNIST test images, pixels / 255", rows, labels, batchSize);
  }

  /** Where the data came from, for the benchmark log. */
  public String description() {
    return description;
  }

  /** All samples, one row each (the arrays themselves). */
  public double[][] rows() {
    return rows;
  }

  /** All labels. */
  public int[] labels() {
    return labels;
  }

  /** Samples per batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Number of whole batches. */
  public int batchCount() {
    return batchInputs.length;
  }

  /** Batch {@code b} as one flat row-major array: rows {@code b * batchSize()} onwards. */
  public double[] batchInputs(int b) {
    return batchInputs[b];
  }

  /** The labels of batch {@code b}. */
  public int[] batchLabels(int b) {
    return batchLabels[b];
  }

  /** The index of the next batch, in order, cycling. */
  public int nextBatch() {
    int b = nextBatch;
    nextBatch = b + 1 == batchInputs.length ? 0 : b + 1;
    return b;
  }

  /** The next single row, in order, cycling. */
  public double[] nextRow() {
    double[] row = rows[nextRow];
    nextRow = nextRow + 1 == rows.length ? 0 : nextRow + 1;
    return row;
  }
}
