package dev.neurogen.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.Sgd;
import dev.neurogen.spark.nets.TestNets_BlobsImpl;
import dev.neurogen.spark.nets.TestNets_RegressionImpl;
import dev.neurogen.spark.nets.TestNets_WideImpl;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Estimator in both modes against single-machine training, and its errors. */
class TrainingTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.session("TrainingTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * Trains on one machine with the library's own in-place training step on the documented
   * batches (MiniBatches): the truth for training on one partition.
   */
  private static double[] singleMachine(Classifier net, List<Row> rows, int inputs, long seed,
      int epochs, int batchSize, Optimizer optimizer) {
    int n = rows.size();
    double[] features = new double[n * inputs];
    int[] labels = new int[n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(((Vector) rows.get(r).get(0)).toArray(), 0, features, r * inputs, inputs);
      labels[r] = (int) rows.get(r).getDouble(1);
    }
    net.initialize(seed);
    OptimizerState state = optimizer.newState();
    int steps = MiniBatches.stepsPerEpoch(n, batchSize);
    for (int epoch = 0; epoch < epochs; epoch++) {
      int[] order = MiniBatches.permutation(seed, epoch, 0, n);
      for (int t = 0; t < steps; t++) {
        int from = MiniBatches.start(t, n, steps);
        int to = MiniBatches.start(t + 1, n, steps);
        double[] x = new double[(to - from) * inputs];
        int[] y = new int[to - from];
        for (int i = from; i < to; i++) {
          System.arraycopy(features, order[i] * inputs, x, (i - from) * inputs, inputs);
          y[i - from] = labels[order[i]];
        }
        net.trainStep(x, y, to - from, state);
      }
    }
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    return parameters;
  }

  private static NetworkClassifier classifier(Class<? extends Classifier> type) {
    return new NetworkClassifier()
        .setNetworkClass(type)
        .setEpochs(3)
        .setBatchSize(16)
        .setOptimizer("adam")
        .setLearningRate(0.01)
        .setSeed(5);
  }

  @Test
  void synchronousWithOnePartitionEqualsSingleMachineTrainingWithAdam() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(150, 4, 3, 1), 1);
    assertEquals(1, frame.rdd().getNumPartitions());

    NetworkModel model = classifier(TestNets_BlobsImpl.class).fit(frame);

    double[] expected = singleMachine(new TestNets_BlobsImpl(0), frame.collectAsList(), 4, 5, 3,
        16, Adam.of(0.01));
    assertArrayEquals(expected, model.parameters(), 1e-12);
  }

  @Test
  void synchronousWithOnePartitionEqualsSingleMachineTrainingWithSgd() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(150, 4, 3, 1), 1);

    NetworkModel model = classifier(TestNets_BlobsImpl.class).setOptimizer("sgd")
        .setLearningRate(0.1).fit(frame);

    double[] expected = singleMachine(new TestNets_BlobsImpl(0), frame.collectAsList(), 4, 5, 3,
        16, Sgd.of(0.1));
    assertArrayEquals(expected, model.parameters(), 1e-12);
  }

  @Test
  void synchronousWithOnePartitionEqualsSingleMachineOnALoopedLayer() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(90, 40, 5, 2), 1);

    NetworkModel model = classifier(TestNets_WideImpl.class).setBatchSize(20).fit(frame);

    double[] expected = singleMachine(new TestNets_WideImpl(0), frame.collectAsList(), 40, 5, 3,
        20, Adam.of(0.01));
    assertArrayEquals(expected, model.parameters(), 1e-12);
  }

  @Test
  void synchronousWithTwoPartitionsIsDeterministicAndLearns() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(300, 4, 3, 3), 2);
    assertEquals(2, frame.rdd().getNumPartitions());
    NetworkClassifier estimator = classifier(TestNets_BlobsImpl.class).setEpochs(4)
        .setBatchSize(30).setValidationFraction(0.2);

    NetworkModel first = estimator.fit(frame);
    NetworkModel second = estimator.fit(frame);

    assertArrayEquals(first.parameters(), second.parameters(), 0.0);
    TrainingSummary summary = first.summary();
    assertEquals(4, summary.epochs());
    double[] loss = summary.trainingLoss();
    assertTrue(loss[3] < loss[0], "training loss falls: " + summary);
    assertTrue(summary.validationAccuracy()[3] > 0.9, summary.toString());
    assertFalse(Double.isNaN(summary.validationLoss()[3]));
  }

  @Test
  void averagingWithTwoPartitionsIsDeterministicAndLearns() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(300, 4, 3, 4), 2);
    NetworkClassifier estimator = classifier(TestNets_BlobsImpl.class).setEpochs(4).setBatchSize(30)
        .setTrainingMode(NetworkClassifier.AVERAGING).setAveragingPeriod(4)
        .setValidationFraction(0.2);

    NetworkModel first = estimator.fit(frame);
    NetworkModel second = estimator.fit(frame);

    assertArrayEquals(first.parameters(), second.parameters(), 0.0);
    assertTrue(first.summary().validationAccuracy()[3] > 0.9, first.summary().toString());
  }

  @Test
  void fourPartitionsAreBitForBitDeterministicInBothModes() {
    // More than two partial sums: their combination order must not follow task completion.
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(240, 4, 3, 8), 4);
    assertEquals(4, frame.rdd().getNumPartitions());
    for (String mode : List.of(NetworkClassifier.SYNCHRONOUS, NetworkClassifier.AVERAGING)) {
      NetworkClassifier estimator = classifier(TestNets_BlobsImpl.class).setEpochs(2)
          .setBatchSize(40).setTrainingMode(mode).setAveragingPeriod(2)
          .setValidationFraction(0.25);

      NetworkModel first = estimator.fit(frame);
      NetworkModel second = estimator.fit(frame);

      assertArrayEquals(first.parameters(), second.parameters(), 0.0, mode);
      assertArrayEquals(first.summary().validationLoss(), second.summary().validationLoss(), 0.0,
          mode);
    }
  }

  @Test
  void orderedAggregateCombinesInPartitionOrderAtEveryDepth() {
    // Eight partitions of strings: concatenation is not commutative, so any other combine
    // order than partition order (through the tree's levels) shows in the result.
    org.apache.spark.api.java.JavaSparkContext context =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> values = new java.util.ArrayList<>();
    for (int i = 0; i < 64; i++) {
      values.add(i);
    }
    org.apache.spark.api.java.JavaRDD<Integer> data = context.parallelize(values, 8);
    StringBuilder expected = new StringBuilder();
    values.forEach(v -> expected.append(v).append(','));
    for (int depth = 1; depth <= 3; depth++) {
      String result = OrderedAggregate.aggregate(data, () -> "", (acc, v) -> acc + v + ",",
          (a, b) -> a + b, depth);
      assertEquals(expected.toString(), result, "depth " + depth);
    }
  }

  @Test
  void averagingWithOnePartitionEqualsSingleMachineTraining() {
    // One partition: the "average" of one replica is the replica; any period gives plain SGD.
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(150, 4, 3, 1), 1);

    NetworkModel model = classifier(TestNets_BlobsImpl.class)
        .setTrainingMode(NetworkClassifier.AVERAGING).setAveragingPeriod(3).fit(frame);

    double[] expected = singleMachine(new TestNets_BlobsImpl(0), frame.collectAsList(), 4, 5, 3,
        16, Adam.of(0.01));
    assertArrayEquals(expected, model.parameters(), 1e-12);
  }

  @Test
  void fittedModelScoresWithTheEstimatorsColumns() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(60, 4, 3, 5), 2);
    NetworkModel model = classifier(TestNets_BlobsImpl.class).setPredictionCol("p")
        .setProbabilityCol("").fit(frame);

    Dataset<Row> scored = model.transform(frame);

    assertEquals(List.of("features", "label", "rawPrediction", "p"),
        List.of(scored.columns()));
    assertEquals("p", model.getPredictionCol());
    assertTrue(model.parent() instanceof NetworkClassifier);
  }

  @Test
  void labelErrorsAreNamed() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(20, 4, 3, 6), 1);

    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> classifier(TestNets_BlobsImpl.class).fit(
            frame.withColumn("label", functions.col("label").cast("string"))));
    assertTrue(type.getMessage().contains("labelCol 'label' has type string but must be numeric"),
        type.getMessage());

    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> classifier(TestNets_BlobsImpl.class).setLabelCol("y").fit(frame));
    assertTrue(missing.getMessage().contains("labelCol 'y' does not exist"), missing.getMessage());

    Exception range = assertThrows(Exception.class,
        () -> classifier(TestNets_BlobsImpl.class).fit(
            frame.withColumn("label", functions.col("label").plus(1))));
    assertTrue(SparkTestSupport.messages(range).contains("labelCol 'label' has value 3.0 but "
        + TestNets_BlobsImpl.class.getName() + " has 3 outputs"), SparkTestSupport.messages(range));
  }

  @Test
  void featureAndNetworkErrorsAreNamed() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(20, 5, 3, 6), 1);

    Exception topology = assertThrows(Exception.class,
        () -> classifier(TestNets_BlobsImpl.class).fit(frame));
    assertTrue(SparkTestSupport.messages(topology).contains("holds a vector of size 5 but "
        + TestNets_BlobsImpl.class.getName() + " takes 4 inputs"), SparkTestSupport.messages(topology));

    IllegalArgumentException notClassifier = assertThrows(IllegalArgumentException.class,
        () -> new NetworkClassifier().setNetworkClass(TestNets_RegressionImpl.class.getName())
            .fit(frame));
    assertTrue(notClassifier.getMessage().contains("is not a dev.neurogen.Classifier"),
        notClassifier.getMessage());

    IllegalArgumentException unset = assertThrows(IllegalArgumentException.class,
        () -> new NetworkClassifier().fit(frame));
    assertTrue(unset.getMessage().contains("networkClass is not set"), unset.getMessage());
  }
}
