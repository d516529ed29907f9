package dev.neurogen.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurogen.toolkit.data.DataSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Side by side with MLlib's MultilayerPerceptronClassifier on Fashion-MNIST (784-128-64-10,
 * sigmoid hidden layers, softmax), local[2]. Not part of CI: runs only with
 * {@code -Dneurogen.spark.benchmark=true} and the IDX files in /usr/share/datasets/fashion-mnist
 * ({@code apt-get install dataset-fashion-mnist}); see BENCHMARKS.md for the command and table.
 * Prints one line per measurement, test accuracy against training wall time.
 */
class FashionMnistBenchmark {

  private static final Path DIR = Path.of(
      System.getProperty("neurogen.spark.fashionMnist", "/usr/share/datasets/fashion-mnist"));

  @Test
  void fashionMnistAgainstMllib() throws Exception {
    assumeTrue(Boolean.getBoolean("neurogen.spark.benchmark"), "-Dneurogen.spark.benchmark=true");
    assumeTrue(Files.isDirectory(DIR), DIR + " (apt-get install dataset-fashion-mnist)");
    SparkSession spark = SparkTestSupport.session("FashionMnistBenchmark");
    try {
      DataSet train = DataSet.readIdx(DIR.resolve("train-images-idx3-ubyte.gz"),
          DIR.resolve("train-labels-idx1-ubyte.gz"));
      DataSet test = DataSet.readIdx(DIR.resolve("t10k-images-idx3-ubyte.gz"),
          DIR.resolve("t10k-labels-idx1-ubyte.gz"));
      Dataset<Row> trainFrame = frame(spark, train).repartition(2).cache();
      Dataset<Row> testFrame = frame(spark, test).repartition(2).cache();
      System.out.printf("rows: train %d, test %d, partitions %d%n", trainFrame.count(),
          testFrame.count(), trainFrame.rdd().getNumPartitions());
      double[] testX = test.features();
      int[] testY = test.labels();
      for (int i = 0; i < testX.length; i++) {
        testX[i] /= 255.0;
      }
      List<String> lines = new ArrayList<>();

      String[] only = System.getProperty("neurogen.spark.benchmark.only", "ours,lbfgs,gd")
          .split(",");
      List<String> run = List.of(only);
      if (run.contains("ours")) {
        int epochs = Integer.getInteger("neurogen.spark.benchmark.epochs", 5);
        ours(trainFrame, testFrame, testX, testY, NetworkClassifier.SYNCHRONOUS, 512, 0, 0.005,
            epochs, lines);
        ours(trainFrame, testFrame, testX, testY, NetworkClassifier.AVERAGING, 256, 10, 0.003,
            epochs, lines);
      }
      if (run.contains("scoring")) {
        scoringOnly(trainFrame, lines);
      }
      if (run.contains("lbfgs")) {
        for (String iterations :
            System.getProperty("neurogen.spark.benchmark.lbfgs", "50,100").split(",")) {
          mllib(trainFrame, testFrame, "l-bfgs", Integer.parseInt(iterations), lines);
        }
      }
      if (run.contains("gd")) {
        for (String iterations :
            System.getProperty("neurogen.spark.benchmark.gd", "50").split(",")) {
          mllib(trainFrame, testFrame, "gd", Integer.parseInt(iterations), lines);
        }
      }
      System.out.println("---- summary");
      lines.forEach(System.out::println);
    } finally {
      spark.stop();
    }
  }

  private static Dataset<Row> frame(SparkSession spark, DataSet data) {
    StructType schema = new StructType()
        .add("features", SQLDataTypes.VectorType(), false)
        .add("label", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>(data.size());
    for (int r = 0; r < data.size(); r++) {
      double[] x = data.featureRow(r);
      for (int i = 0; i < x.length; i++) {
        x[i] /= 255.0;
      }
      rows.add(RowFactory.create(Vectors.dense(x), (double) data.label(r)));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static void ours(Dataset<Row> train, Dataset<Row> test, double[] testX, int[] testY,
      String mode, int batch, int period, double learningRate, int epochs, List<String> lines) {
    NetworkClassifier estimator = new NetworkClassifier()
        .setNetworkClass(FashionNetImpl.class)
        .setTrainingMode(mode)
        .setOptimizer("adam").setLearningRate(learningRate)
        .setBatchSize(batch).setEpochs(epochs).setSeed(1);
    if (period > 0) {
      estimator.setAveragingPeriod(period);
    }
    String name = "ours " + mode + " batch " + batch + (period > 0 ? " period " + period : "")
        + " adam " + learningRate;
    long[] excluded = {0};
    long start = System.nanoTime();
    double[] reached = {Double.NaN};
    estimator.setEpochListener((epoch, parameters) -> {
      long entered = System.nanoTime();
      FashionNetImpl net = new FashionNetImpl(0);
      net.setParameters(parameters);
      int correct = 0;
      double[] x = new double[784];
      for (int r = 0; r < testY.length; r++) {
        System.arraycopy(testX, r * 784, x, 0, 784);
        if (net.classify(x) == testY[r]) {
          correct++;
        }
      }
      double accuracy = correct / (double) testY.length;
      double seconds = (entered - start - excluded[0]) / 1e9;
      if (Double.isNaN(reached[0]) && accuracy >= 0.85) {
        reached[0] = seconds;
      }
      String line = String.format(Locale.ROOT, "%s: epoch %d  %.1f s  test accuracy %.4f",
          name, epoch + 1, seconds, accuracy);
      System.out.println(line);
      lines.add(line);
      excluded[0] += System.nanoTime() - entered;
    });
    NetworkModel model = estimator.fit(train);
    double total = (System.nanoTime() - start - excluded[0]) / 1e9;
    String line = String.format(Locale.ROOT,
        "%s: %d epochs %.1f s (%.2f s per pass), time to 85%%: %s, test accuracy %.4f%s", name,
        epochs, total, total / epochs,
        Double.isNaN(reached[0]) ? "not reached" : String.format(Locale.ROOT, "%.1f s", reached[0]),
        accuracy(model.transform(test)), scoring(model, train));
    System.out.println(line);
    lines.add(line);
  }

  private static void mllib(Dataset<Row> train, Dataset<Row> test, String solver, int iterations,
      List<String> lines) {
    MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {784, 128, 64, 10})
        .setSolver(solver)
        .setMaxIter(iterations)
        .setBlockSize(128)
        .setSeed(1)
        .setTol(0);
    if (solver.equals("gd")) {
      mlp.setStepSize(0.03);
    }
    long start = System.nanoTime();
    MultilayerPerceptronClassificationModel model = mlp.fit(train);
    double seconds = (System.nanoTime() - start) / 1e9;
    String line = String.format(Locale.ROOT,
        "mllib %s %d iterations: %.1f s (%.2f s per iteration), test accuracy %.4f%s", solver,
        iterations, seconds, seconds / iterations, accuracy(model.transform(test)),
        scoring(model, train));
    System.out.println(line);
    lines.add(line);
  }

  /**
   * Scoring alone: our model with seeded initial weights and MLlib's after one L-BFGS iteration
   * (throughput does not depend on the weights), scored alternately, rounds from
   * {@code -Dneurogen.spark.benchmark.scoringRounds} (default 3), each the best of three passes.
   */
  private static void scoringOnly(Dataset<Row> train, List<String> lines) {
    FashionNetImpl net = new FashionNetImpl(0);
    net.initialize(1);
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    NetworkModel ours = new NetworkModel(FashionNetImpl.class.getName(), parameters);
    MultilayerPerceptronClassificationModel mllib = new MultilayerPerceptronClassifier()
        .setLayers(new int[] {784, 128, 64, 10}).setSolver("l-bfgs").setMaxIter(1)
        .setBlockSize(128).setSeed(1).fit(train);
    int rounds = Integer.getInteger("neurogen.spark.benchmark.scoringRounds", 3);
    for (int round = 1; round <= rounds; round++) {
      for (String line : List.of("scoring round " + round + " ours" + scoring(ours, train),
          "scoring round " + round + " mllib" + scoring(mllib, train),
          "scoring round " + round + " Row round trip alone (identity mapPartitions)"
              + scoring(new RowRoundTrip(), train),
          "scoring round " + round + " per-row UDF (single-sample predict, network per thread)"
              + scoring(new UdfScoring(parameters), train))) {
        System.out.println(line);
        lines.add(line);
      }
    }
  }

  /**
   * What a scoring transform pays for the {@code Row} round trip alone: every row deserialised to
   * a {@code Row} (the features vector included) and serialised back, with no arithmetic. The
   * most a column-level UDF could save over {@code NetworkModel}'s {@code mapPartitions}.
   */
  private static final class RowRoundTrip extends Transformer {
    private static final long serialVersionUID = 1L;

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
      Dataset<Row> frame = dataset.toDF();
      return frame.mapPartitions(
          (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> rows,
          org.apache.spark.sql.Encoders.row(frame.schema()));
    }

    @Override
    public StructType transformSchema(StructType schema) {
      return schema;
    }

    @Override
    public Transformer copy(org.apache.spark.ml.param.ParamMap extra) {
      return this;
    }

    @Override
    public String uid() {
      return "rowRoundTrip";
    }
  }

  /**
   * The UDF alternative to {@code NetworkModel}'s block scoring: one UDF over the features column
   * returning (rawPrediction, probability, prediction), row by row with the single-sample {@code
   * predict}; one network per executor thread (reused across rows and tasks), so no Row round
   * trip of the other columns but no batching either.
   */
  private static final class UdfScoring extends Transformer {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<FashionNetImpl> NETWORK = new ThreadLocal<>();
    private static final ThreadLocal<double[]> LOADED = new ThreadLocal<>();
    private final double[] parameters;

    UdfScoring(double[] parameters) {
      this.parameters = parameters;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
      StructType out = new StructType()
          .add("rawPrediction", SQLDataTypes.VectorType(), false)
          .add("probability", SQLDataTypes.VectorType(), false)
          .add("prediction", DataTypes.DoubleType, false);
      double[] p = parameters;
      org.apache.spark.sql.expressions.UserDefinedFunction score = org.apache.spark.sql.functions.udf(
          (org.apache.spark.sql.api.java.UDF1<org.apache.spark.ml.linalg.Vector, Row>) v -> {
            FashionNetImpl net = NETWORK.get();
            if (net == null || LOADED.get() != p) {
              net = new FashionNetImpl(0);
              net.setParameters(p);
              NETWORK.set(net);
              LOADED.set(p);
            }
            double[] o = new double[10];
            net.predict(v.toArray(), o);
            int best = 0;
            for (int k = 1; k < 10; k++) {
              if (o[k] > o[best]) {
                best = k;
              }
            }
            return RowFactory.create(Vectors.dense(o), Vectors.dense(o.clone()), (double) best);
          }, out);
      Dataset<Row> frame = dataset.toDF().withColumn("scored",
          score.apply(org.apache.spark.sql.functions.col("features")));
      return frame.select(org.apache.spark.sql.functions.col("*"),
          org.apache.spark.sql.functions.col("scored.rawPrediction"),
          org.apache.spark.sql.functions.col("scored.probability"),
          org.apache.spark.sql.functions.col("scored.prediction")).drop("scored");
    }

    @Override
    public StructType transformSchema(StructType schema) {
      return schema;
    }

    @Override
    public Transformer copy(org.apache.spark.ml.param.ParamMap extra) {
      return this;
    }

    @Override
    public String uid() {
      return "udfScoring";
    }
  }

  private static double accuracy(Dataset<Row> scored) {
    return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
  }

  /** Best of three full transforms of the (cached) training rows, all columns computed. */
  private static String scoring(Transformer model, Dataset<Row> rows) {
    long count = rows.count();
    double best = Double.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      model.transform(rows).write().format("noop").mode("overwrite").save();
      best = Math.min(best, (System.nanoTime() - start) / 1e9);
    }
    return String.format(Locale.ROOT, ", scoring %.0f rows/s", count / best);
  }
}
