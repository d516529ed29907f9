package dev.neurogen.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.spark.nets.TestNets_BlobsHingeImpl;
import dev.neurogen.spark.nets.TestNets_BlobsImpl;
import dev.neurogen.spark.nets.TestNets_RegressionImpl;
import dev.neurogen.toolkit.model.Model;
import dev.neurogen.toolkit.model.ModelFile;
import dev.neurogen.toolkit.preprocess.Standardizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scoring Transformer against the network's own predict, and its errors. */
class ScoringTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.session("ScoringTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static double[] randomParameters(NeuralNetwork net, long seed) {
    net.initialize(seed);
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }

  @Test
  void scoringAgreesWithPredictRowByRow() {
    Classifier net = new TestNets_BlobsImpl(0);
    double[] parameters = randomParameters(net, 7);
    // 700 rows in two partitions: each partition is scored in a full block and a partial one
    List<double[]> data = SparkTestSupport.blobs(700, 4, 3, 1);
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, data, 2);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(), parameters);

    List<Row> scored = model.transform(frame).collectAsList();

    assertEquals(700, scored.size());
    double[] expected = new double[3];
    for (Row row : scored) {
      double[] x = ((Vector) row.getAs("features")).toArray();
      net.predict(x, expected);
      assertArrayEquals(expected, ((Vector) row.getAs("rawPrediction")).toArray(), 0.0);
      assertArrayEquals(expected, ((Vector) row.getAs("probability")).toArray(), 0.0);
      assertEquals(net.classify(x), (double) row.<Double>getAs("prediction"), 0.0);
    }
  }

  @Test
  void scalerIsAppliedBeforePredict() {
    Classifier net = new TestNets_BlobsImpl(0);
    double[] parameters = randomParameters(net, 8);
    double[] mean = {0.5, -1, 2, 0};
    double[] scale = {2, 0.5, 1, 3};
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(50, 4, 3, 2), 2);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(), parameters)
        .withScaler(Standardizer.of(mean, scale));

    double[] expected = new double[3];
    for (Row row : model.transform(frame).collectAsList()) {
      double[] x = ((Vector) row.getAs("features")).toArray();
      for (int i = 0; i < 4; i++) {
        x[i] = (x[i] - mean[i]) / scale[i];
      }
      net.predict(x, expected);
      assertArrayEquals(expected, ((Vector) row.getAs("rawPrediction")).toArray(), 0.0);
    }
  }

  @Test
  void hingeScoresGetSoftmaxProbabilities() {
    Classifier net = new TestNets_BlobsHingeImpl(0);
    double[] parameters = randomParameters(net, 9);
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(40, 4, 3, 3), 1);
    NetworkModel model = new NetworkModel(TestNets_BlobsHingeImpl.class.getName(), parameters);

    double[] scores = new double[3];
    for (Row row : model.transform(frame).collectAsList()) {
      double[] x = ((Vector) row.getAs("features")).toArray();
      net.predict(x, scores);
      double max = Math.max(scores[0], Math.max(scores[1], scores[2]));
      double total = 0;
      double[] softmax = new double[3];
      for (int k = 0; k < 3; k++) {
        softmax[k] = Math.exp(scores[k] - max);
        total += softmax[k];
      }
      for (int k = 0; k < 3; k++) {
        softmax[k] /= total;
      }
      assertArrayEquals(softmax, ((Vector) row.getAs("probability")).toArray(), 1e-15);
      assertEquals(net.classify(x), (double) row.<Double>getAs("prediction"), 0.0);
    }
  }

  @Test
  void regressionPredictionIsTheOutput() {
    NeuralNetwork net = new TestNets_RegressionImpl(0);
    double[] parameters = randomParameters(net, 10);
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(20, 4, 3, 4), 1);
    NetworkModel model = new NetworkModel(TestNets_RegressionImpl.class.getName(), parameters)
        .setProbabilityCol("");

    double[] out = new double[1];
    for (Row row : model.transform(frame).collectAsList()) {
      net.predict(((Vector) row.getAs("features")).toArray(), out);
      assertEquals(out[0], (double) row.<Double>getAs("prediction"), 0.0);
    }
  }

  @Test
  void savedModelLoadsAndScoresTheSame() throws Exception {
    Classifier net = new TestNets_BlobsImpl(0);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(),
        randomParameters(net, 11)).withScaler(Standardizer.of(new double[] {1, 1, 1, 1},
            new double[] {2, 2, 2, 2})).setPredictionCol("label2");
    Path dir = Files.createTempDirectory("neurogen-model");
    String path = dir.resolve("model").toString();
    model.save(path);

    NetworkModel loaded = NetworkModel.load(path);

    assertEquals(model.uid(), loaded.uid());
    assertEquals("label2", loaded.getPredictionCol());
    assertArrayEquals(model.parameters(), loaded.parameters(), 0.0);
    assertEquals(model.scaler(), loaded.scaler());
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(30, 4, 3, 5), 2);
    List<Row> a = model.transform(frame).orderBy("features").collectAsList();
    List<Row> b = loaded.transform(frame).orderBy("features").collectAsList();
    assertEquals(a, b);
  }

  @Test
  void toolkitModelFileRoundTripKeepsNetworkAndScaler() throws Exception {
    Classifier net = new TestNets_BlobsImpl(0);
    double[] parameters = randomParameters(net, 12);
    Standardizer scaler = Standardizer.of(new double[] {1, 0, -1, 2}, new double[] {2, 1, 3, 4});
    Path file = Files.createTempDirectory("neurogen-file").resolve("blobs.model");
    ModelFile.save(Model.of(net, scaler, List.of()), file);

    NetworkModel model = NetworkModel.fromModelFile(file, TestNets_BlobsImpl.class.getName());

    assertArrayEquals(parameters, model.parameters(), 0.0);
    assertEquals(Optional.of(scaler), model.scaler());
    Model loaded = model.toModel();
    double[] expected = new double[3];
    for (Row row : model.transform(SparkTestSupport.vectorFrame(spark,
        SparkTestSupport.blobs(20, 4, 3, 7), 1)).collectAsList()) {
      double[] x = ((Vector) row.getAs("features")).toArray();
      loaded.predict(x, expected);
      assertArrayEquals(expected, ((Vector) row.getAs("probability")).toArray(), 0.0);
    }
    Path again = file.resolveSibling("again.model");
    model.saveModelFile(again);
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again));
  }

  @Test
  void missingFeatureColumnIsNamed() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(10, 4, 3, 6), 1);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(),
        randomParameters(new TestNets_BlobsImpl(0), 1)).setFeaturesCol("x");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.transform(frame));
    assertTrue(e.getMessage().contains("featuresCol 'x' does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains("[features, label]"), e.getMessage());
  }

  @Test
  void wrongFeatureColumnTypeIsNamed() {
    Dataset<Row> frame = SparkTestSupport.columnFrame(spark, SparkTestSupport.blobs(10, 4, 3, 6))
        .withColumn("features", functions.array("x0", "x1", "x2", "x3"));
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(),
        randomParameters(new TestNets_BlobsImpl(0), 1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.transform(frame));
    assertTrue(e.getMessage().contains("featuresCol 'features' has type array<double>"),
        e.getMessage());
    assertTrue(e.getMessage().contains("VectorAssembler"), e.getMessage());
  }

  @Test
  void topologyThatDoesNotFitAssembledFeaturesFailsBeforeRunning() {
    Dataset<Row> columns = SparkTestSupport.columnFrame(spark, SparkTestSupport.blobs(10, 5, 3, 6));
    Dataset<Row> frame = new VectorAssembler()
        .setInputCols(new String[] {"x0", "x1", "x2", "x3", "x4"})
        .setOutputCol("features")
        .transform(columns);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(),
        randomParameters(new TestNets_BlobsImpl(0), 1));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model.transform(frame));
    assertTrue(e.getMessage().contains("holds vectors of size 5 but " 
        + TestNets_BlobsImpl.class.getName() + " takes 4 inputs"), e.getMessage());
  }

  @Test
  void topologyThatDoesNotFitUnlabelledVectorsFailsOnTheFirstRow() {
    Dataset<Row> frame = SparkTestSupport.vectorFrame(spark, SparkTestSupport.blobs(10, 6, 3, 6), 1);
    NetworkModel model = new NetworkModel(TestNets_BlobsImpl.class.getName(),
        randomParameters(new TestNets_BlobsImpl(0), 1));

    Exception e = assertThrows(Exception.class, () -> model.transform(frame).collectAsList());
    assertTrue(SparkTestSupport.messages(e).contains(
        "holds a vector of size 6 but " + TestNets_BlobsImpl.class.getName() + " takes 4 inputs"),
        SparkTestSupport.messages(e));
  }

  @Test
  void wrongParameterCountAndUnknownClassAreNamed() {
    IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
        () -> new NetworkModel(TestNets_BlobsImpl.class.getName(), new double[5]));
    assertTrue(count.getMessage().contains("parameters has 5 values but"), count.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new NetworkModel("com.example.NoSuchNet", new double[5]));
    assertTrue(unknown.getMessage().contains("com.example.NoSuchNet cannot be loaded"),
        unknown.getMessage());
    IllegalArgumentException notNetwork = assertThrows(IllegalArgumentException.class,
        () -> new NetworkModel(String.class.getName(), new double[5]));
    assertTrue(notNetwork.getMessage().contains("does not implement dev.neurogen.NeuralNetwork"),
        notNetwork.getMessage());
  }
}
