package dev.neurogen.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;

/**
 * One partition's rows packed into flat arrays (row-major features, int labels), split into
 * training and validation rows. Built once per fit and cached; read-only afterwards.
 */
final class PartitionData implements Serializable {

  private static final long serialVersionUID = 1L;

  final int partition;
  final int inputs;
  final int trainRows;
  final double[] trainFeatures;
  final int[] trainLabels;
  final int validationRows;
  final double[] validationFeatures;
  final int[] validationLabels;

  private PartitionData(
      int partition, int inputs, DoubleList trainFeatures, IntList trainLabels,
      DoubleList validationFeatures, IntList validationLabels) {
    this.partition = partition;
    this.inputs = inputs;
    this.trainRows = trainLabels.size;
    this.trainFeatures = trainFeatures.toArray();
    this.trainLabels = trainLabels.toArray();
    this.validationRows = validationLabels.size;
    this.validationFeatures = validationFeatures.toArray();
    this.validationLabels = validationLabels.toArray();
  }

  /**
   * Packs rows of (features vector, label) into arrays. A row goes to validation when a
   * SplittableRandom seeded from (seed, partition) draws below validationFraction.
   */
  static PartitionData pack(
      int partition, Iterator<Row> rows, int inputs, int classes, double validationFraction,
      long seed, String featuresCol, String labelCol, String network) {
    DoubleList trainFeatures = new DoubleList();
    IntList trainLabels = new IntList();
    DoubleList validationFeatures = new DoubleList();
    IntList validationLabels = new IntList();
    SplittableRandom random = new SplittableRandom(MiniBatches.mix(seed, -1, partition));
    double[] x = new double[inputs];
    while (rows.hasNext()) {
      Row row = rows.next();
      NetworkModel.readFeatures(row, 0, featuresCol, x, network);
      if (row.isNullAt(1)) {
        throw new IllegalArgumentException(
            "labelCol '" + labelCol + "' is null in row " + row + "; drop such rows");
      }
      double label = ((Number) row.get(1)).doubleValue();
      if (!(label >= 0 && label < classes && label == Math.rint(label))) {
        throw new IllegalArgumentException(
            "labelCol '" + labelCol + "' has value " + label + " but " + network + " has "
                + classes + " outputs; labels must be class indices 0.." + (classes - 1)
                + " (StringIndexer makes them)");
      }
      boolean validation = validationFraction > 0 && random.nextDouble() < validationFraction;
      (validation ? validationFeatures : trainFeatures).addAll(x);
      (validation ? validationLabels : trainLabels).add((int) label);
    }
    return new PartitionData(
        partition, inputs, trainFeatures, trainLabels, validationFeatures, validationLabels);
  }

  /** A growable double array. */
  private static final class DoubleList {
    double[] values = new double[64];
    int size;

    void addAll(double[] x) {
      if (size + x.length > values.length) {
        values = java.util.Arrays.copyOf(values, Math.max(values.length * 2, size + x.length));
      }
      System.arraycopy(x, 0, values, size, x.length);
      size += x.length;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }

  /** A growable int array. */
  private static final class IntList {
    int[] values = new int[16];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
