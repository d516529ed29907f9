package dev.neurogen.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] session per test class, and generated data sets. */
final class SparkTestSupport {

  private SparkTestSupport() {}

  static SparkSession session(String name) {
    return SparkSession.builder()
        .master("local[2]")
        .appName(name)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.locality.wait", "0")
        .getOrCreate();
  }

  /**
   * {@code rows} rows of three Gaussian blobs in {@code inputs} dimensions (class c centred at 2
   * on axis c, unit spread), as columns x0..x(inputs-1) (doubles) and label (double).
   */
  static List<double[]> blobs(int rows, int inputs, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      int label = r % classes;
      double[] row = new double[inputs + 1];
      for (int i = 0; i < inputs; i++) {
        row[i] = (i % classes == label ? 2.0 : 0.0) + gaussian(random) * 0.7;
      }
      row[inputs] = label;
      data.add(row);
    }
    return data;
  }

  static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** (features vector without size metadata, label) rows. */
  static Dataset<Row> vectorFrame(SparkSession spark, List<double[]> data, int partitions) {
    StructType schema = new StructType()
        .add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (double[] d : data) {
      double[] x = java.util.Arrays.copyOf(d, d.length - 1);
      rows.add(RowFactory.create(Vectors.dense(x), d[d.length - 1]));
    }
    return spark.createDataFrame(rows, schema).coalesce(1).repartition(partitions);
  }

  /** Numeric columns x0.. and label. */
  static Dataset<Row> columnFrame(SparkSession spark, List<double[]> data) {
    int inputs = data.get(0).length - 1;
    StructType schema = new StructType();
    for (int i = 0; i < inputs; i++) {
      schema = schema.add("x" + i, DataTypes.DoubleType, false);
    }
    schema = schema.add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (double[] d : data) {
      Object[] values = new Object[d.length];
      for (int i = 0; i < d.length; i++) {
        values[i] = d[i];
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The root cause's message chain, for asserting on errors thrown inside Spark tasks. */
  static String messages(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      text.append(c).append('\n');
    }
    return text.toString();
  }
}
