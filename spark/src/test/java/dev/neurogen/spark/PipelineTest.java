package dev.neurogen.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our estimator in an MLlib Pipeline: fit, save, load, score; and the README's example. */
class PipelineTest {

  private static final Path README = Path.of("..", "README.md");
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSupport.session("PipelineTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** The README's Spark example, verbatim between the markers (see readmeShowsThisExample). */
  static double readmeExample(Dataset<Row> train, Dataset<Row> test, String path)
      throws Exception {
    // README-BEGIN
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2", "x3"})
            .setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
        new NetworkClassifier()
            .setNetworkClass(IrisNetImpl.class)           // generated from @Network IrisNet
            .setTrainingMode(NetworkClassifier.SYNCHRONOUS) // or AVERAGING
            .setOptimizer("adam").setLearningRate(0.01)
            .setBatchSize(32).setEpochs(10).setSeed(7)});
    PipelineModel model = pipeline.fit(train);             // trains on the cluster
    model.write().overwrite().save(path);                  // Spark ML persistence
    Dataset<Row> scored = PipelineModel.load(path).transform(test); // + rawPrediction,
    scored.select("label", "prediction", "probability").show(3);   //   probability, prediction
    double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
        .evaluate(scored);
    // README-END
    return accuracy;
  }

  @Test
  void readmeExampleTrainsAndScores() throws Exception {
    Dataset<Row> train = SparkTestSupport.columnFrame(spark, SparkTestSupport.blobs(300, 4, 3, 1))
        .repartition(2);
    Dataset<Row> test = SparkTestSupport.columnFrame(spark, SparkTestSupport.blobs(150, 4, 3, 2));
    String path = Files.createTempDirectory("neurogen-pipeline").resolve("model").toString();

    double accuracy = readmeExample(train, test, path);

    assertTrue(accuracy > 0.9, "accuracy " + accuracy);
  }

  @Test
  void readmeShowsThisExample() throws Exception {
    String source = Files.readString(
        Path.of("src/test/java/dev/neurogen/spark/PipelineTest.java"), StandardCharsets.UTF_8);
    Matcher marked = Pattern.compile("// README-BEGIN\\n(.*?)\\n\\s*// README-END", Pattern.DOTALL)
        .matcher(source);
    assertTrue(marked.find());
    String example = marked.group(1).lines().map(l -> l.length() >= 4 ? l.substring(4) : l)
        .collect(Collectors.joining("\n"));
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertTrue(readme.contains(example),
        "README.md's Spark section must contain the example of PipelineTest.readmeExample:\n"
            + example);
  }

  @Test
  void pipelineWithOurEstimatorFitsSavesLoadsAndScoresTheSame() throws Exception {
    Dataset<Row> train = SparkTestSupport.columnFrame(spark, SparkTestSupport.blobs(200, 4, 3, 3))
        .repartition(2);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2", "x3"})
            .setOutputCol("raw"),
        new StandardScaler().setInputCol("raw").setOutputCol("features"),
        new NetworkClassifier().setNetworkClass(IrisNetImpl.class).setEpochs(3)
            .setTrainingMode(NetworkClassifier.AVERAGING).setAveragingPeriod(2)});
    Path dir = Files.createTempDirectory("neurogen-pipeline");

    pipeline.write().save(dir.resolve("pipeline").toString());
    Pipeline loadedPipeline = Pipeline.load(dir.resolve("pipeline").toString());
    NetworkClassifier loadedEstimator = (NetworkClassifier) loadedPipeline.getStages()[2];
    assertEquals(NetworkClassifier.AVERAGING, loadedEstimator.getOrDefault(
        loadedEstimator.trainingMode()));
    assertEquals(IrisNetImpl.class.getName(), loadedEstimator.getOrDefault(
        loadedEstimator.networkClass()));

    PipelineModel model = loadedPipeline.fit(train);
    model.save(dir.resolve("model").toString());
    PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());

    NetworkModel fitted = (NetworkModel) model.stages()[2];
    NetworkModel reloaded = (NetworkModel) loaded.stages()[2];
    assertArrayEquals(fitted.parameters(), reloaded.parameters(), 0.0);
    List<Row> a = model.transform(train).select("rawPrediction", "probability", "prediction")
        .collectAsList();
    List<Row> b = loaded.transform(train).select("rawPrediction", "probability", "prediction")
        .collectAsList();
    assertEquals(a, b);
  }
}
