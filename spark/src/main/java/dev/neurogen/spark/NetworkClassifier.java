package dev.neurogen.spark;

import dev.neurogen.Classifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a generated {@link Classifier} on a {@code Dataset<Row>} with a vector features column
 * and a numeric label column (class indices 0..k-1), as a Spark ML {@link Estimator}; the fitted
 * model is a {@link NetworkModel}. Two modes ({@link #trainingMode()}):
 *
 * <ul>
 *   <li>{@code synchronous} (default): every step, each partition computes the gradient sum of
 *       its share of the global mini-batch ({@link MiniBatches}) with the generated {@code
 *       lossAndGradient}; the sums are combined in a tree aggregation with a fixed combine order
 *       ({@link OrderedAggregate}: {@code treeAggregate}'s pattern, partials summed in partition
 *       index order) and the driver applies the optimizer to the flat parameters. Mathematically
 *       mini-batch training with batch size {@code batchSize}; bit-for-bit deterministic for a
 *       fixed partitioning and seed; with one partition equal (to rounding) to single-machine
 *       training on the same batches.
 *   <li>{@code averaging}: the driver broadcasts parameters and optimizer state; each partition
 *       runs {@code averagingPeriod} local steps on its own share of the batches (so a local batch
 *       is about {@code batchSize / partitions} rows), then the parameters and the optimizer's
 *       moment buffers are averaged (simple mean over the partitions that took steps) and the step
 *       count advances by the number of local steps. Communication once per period instead of
 *       once per step.
 * </ul>
 *
 * The data are packed into arrays once per fit and cached ({@code MEMORY_AND_DISK}); the
 * partitioning of the input decides the parallelism (repartition it first). Rows go to
 * validation with probability {@code validationFraction}; after each epoch the validation loss
 * and accuracy are recorded in the model's {@link TrainingSummary}. Saved and loaded with Spark
 * ML's default params writer ({@link #load}).
 */
public final class NetworkClassifier extends Estimator<NetworkModel>
    implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** {@link #trainingMode()} value: one optimizer step per global mini-batch. */
  public static final String SYNCHRONOUS = "synchronous";

  /** {@link #trainingMode()} value: local steps, then parameter averaging. */
  public static final String AVERAGING = "averaging";

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final Param<String> networkClass;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final Param<String> optimizer;
  private final DoubleParam learningRate;
  private final LongParam seed;
  private final Param<String> trainingMode;
  private final IntParam averagingPeriod;
  private final DoubleParam validationFraction;
  private final IntParam aggregationDepth;
  private transient EpochListener epochListener;

  /**
   * Called on the driver after every epoch with the epoch (0-based) and the current flat
   * parameters (a copy); for benchmarks and progress reports. Not a Param: not saved or copied.
   */
  interface EpochListener {
    void afterEpoch(int epoch, double[] parameters);
  }

  /** Sets the listener called after every epoch (null: none). */
  NetworkClassifier setEpochListener(EpochListener listener) {
    this.epochListener = listener;
    return this;
  }

  /** A classifier with a random uid and default params; set {@link #networkClass()}. */
  public NetworkClassifier() {
    this(Identifiable.randomUID("neurogenClassifier"));
  }

  /** A classifier with the given uid (Spark ML's readers use this). */
  public NetworkClassifier(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column name (a vector column)");
    labelCol = new Param<>(this, "labelCol", "label column name (class indices 0..k-1)");
    predictionCol = new Param<>(this, "predictionCol", "prediction column name of the model");
    probabilityCol = new Param<>(this, "probabilityCol", "probability column name of the model");
    rawPredictionCol =
        new Param<>(this, "rawPredictionCol", "network outputs column name of the model");
    networkClass =
        new Param<>(this, "networkClass", "binary name of the generated network class");
    epochs = new IntParam(this, "epochs", "passes over the training rows (> 0)",
        ParamValidators.gt(0));
    batchSize = new IntParam(this, "batchSize", "rows per global mini-batch (> 0)",
        ParamValidators.gt(0));
    optimizer = new Param<>(this, "optimizer",
        "optimizer name: sgd, adam, adamw or rmsprop (dev.neurogen.optim, PyTorch defaults)",
        ParamValidators.inArray(FlatOptimizer.NAMES));
    learningRate = new DoubleParam(this, "learningRate", "learning rate (> 0)",
        ParamValidators.gt(0));
    seed = new LongParam(this, "seed", "seed of initial weights, shuffling and validation split");
    trainingMode = new Param<>(this, "trainingMode", "synchronous or averaging",
        ParamValidators.inArray(new String[] {SYNCHRONOUS, AVERAGING}));
    averagingPeriod = new IntParam(this, "averagingPeriod",
        "local steps between parameter averages in averaging mode (> 0)", ParamValidators.gt(0));
    validationFraction = new DoubleParam(this, "validationFraction",
        "fraction of rows held out for validation metrics, in [0, 1)",
        ParamValidators.inRange(0, 1, true, false));
    aggregationDepth = new IntParam(this, "aggregationDepth",
        "depth of the tree aggregation of partial sums (>= 1)", ParamValidators.gtEq(1));
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
    setDefault(networkClass, "");
    setDefault(epochs, 10);
    setDefault(batchSize, 32);
    setDefault(optimizer, "adam");
    setDefault(learningRate, 0.001);
    setDefault(seed, 42L);
    setDefault(trainingMode, SYNCHRONOUS);
    setDefault(averagingPeriod, 10);
    setDefault(validationFraction, 0.0);
    setDefault(aggregationDepth, 2);
  }

  @Override
  public String uid() {
    return uid;
  }

  // ---- params ------------------------------------------------------------------------------

  /** Param: features column (vector). */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** Param: label column (numeric class index). */
  public Param<String> labelCol() {
    return labelCol;
  }

  /** Param: the model's prediction column. */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** Param: the model's probability column. */
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  /** Param: the model's raw prediction column. */
  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  /** Param: the generated network class's binary name. */
  public Param<String> networkClass() {
    return networkClass;
  }

  /** Param: epochs. */
  public IntParam epochs() {
    return epochs;
  }

  /** Param: global mini-batch size. */
  public IntParam batchSize() {
    return batchSize;
  }

  /** Param: optimizer name. */
  public Param<String> optimizer() {
    return optimizer;
  }

  /** Param: learning rate. */
  public DoubleParam learningRate() {
    return learningRate;
  }

  /** Param: seed. */
  public LongParam seed() {
    return seed;
  }

  /** Param: {@link #SYNCHRONOUS} or {@link #AVERAGING}. */
  public Param<String> trainingMode() {
    return trainingMode;
  }

  /** Param: local steps between averages. */
  public IntParam averagingPeriod() {
    return averagingPeriod;
  }

  /** Param: validation fraction. */
  public DoubleParam validationFraction() {
    return validationFraction;
  }

  /** Param: depth of the tree aggregation of partial sums. */
  public IntParam aggregationDepth() {
    return aggregationDepth;
  }

  /** Sets the features column. */
  public NetworkClassifier setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /** Sets the label column. */
  public NetworkClassifier setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets the model's prediction column. */
  public NetworkClassifier setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** Sets the model's probability column. */
  public NetworkClassifier setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the model's raw prediction column. */
  public NetworkClassifier setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  /** Sets the generated network class by binary name. */
  public NetworkClassifier setNetworkClass(String value) {
    set(networkClass, value);
    return this;
  }

  /** Sets the generated network class. */
  public NetworkClassifier setNetworkClass(Class<? extends Classifier> value) {
    set(networkClass, value.getName());
    return this;
  }

  /** Sets the epochs. */
  public NetworkClassifier setEpochs(int value) {
    set(epochs, value);
    return this;
  }

  /** Sets the global mini-batch size. */
  public NetworkClassifier setBatchSize(int value) {
    set(batchSize, value);
    return this;
  }

  /** Sets the optimizer by name. */
  public NetworkClassifier setOptimizer(String value) {
    set(optimizer, value);
    return this;
  }

  /** Sets the learning rate. */
  public NetworkClassifier setLearningRate(double value) {
    set(learningRate, value);
    return this;
  }

  /** Sets the seed. */
  public NetworkClassifier setSeed(long value) {
    set(seed, value);
    return this;
  }

  /** Sets the training mode. */
  public NetworkClassifier setTrainingMode(String value) {
    set(trainingMode, value);
    return this;
  }

  /** Sets the local steps between averages. */
  public NetworkClassifier setAveragingPeriod(int value) {
    set(averagingPeriod, value);
    return this;
  }

  /** Sets the validation fraction. */
  public NetworkClassifier setValidationFraction(double value) {
    set(validationFraction, value);
    return this;
  }

  /** Sets the depth of the tree aggregation of partial sums. */
  public NetworkClassifier setAggregationDepth(int value) {
    set(aggregationDepth, value);
    return this;
  }

  private String str(Param<String> p) {
    return getOrDefault(p);
  }

  private int integer(IntParam p) {
    return (Integer) getOrDefault(p);
  }

  private double real(DoubleParam p) {
    return (Double) getOrDefault(p);
  }

  // ---- schema ------------------------------------------------------------------------------

  @Override
  public StructType transformSchema(StructType schema) {
    Classifier probe = Networks.instantiateClassifier(str(networkClass));
    NetworkModel.checkFeatureColumn(
        schema, str(featuresCol), probe.inputSize(), str(networkClass));
    String label = str(labelCol);
    if (!Arrays.asList(schema.fieldNames()).contains(label)) {
      throw new IllegalArgumentException(
          "labelCol '" + label + "' does not exist; the columns are "
              + Arrays.asList(schema.fieldNames()) + ". Set labelCol");
    }
    StructField field = schema.apply(label);
    if (!(field.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException(
          "labelCol '" + label + "' has type " + field.dataType().simpleString()
              + " but must be numeric (class indices 0..k-1); index string labels with"
              + " StringIndexer");
    }
    StructType out = schema;
    for (Param<String> p : List.of(rawPredictionCol, probabilityCol, predictionCol)) {
      String name = str(p);
      if (name.isEmpty()) {
        continue;
      }
      if (Arrays.asList(out.fieldNames()).contains(name)) {
        throw new IllegalArgumentException(
            p.name() + " '" + name + "' already exists in the data set; choose another name");
      }
      out = out.add(new StructField(name,
          p == predictionCol ? DataTypes.DoubleType : SQLDataTypes.VectorType(), false,
          Metadata.empty()));
    }
    return out;
  }

  // ---- training ----------------------------------------------------------------------------

  @Override
  public NetworkModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    String network = str(networkClass);
    Classifier probe = Networks.instantiateClassifier(network);
    long seedValue = (Long) getOrDefault(seed);
    probe.initialize(seedValue);
    int[] sizes = probe.layerSizes();
    int inputs = sizes[0];
    int classes = sizes[sizes.length - 1];
    double fraction = real(validationFraction);
    String features = str(featuresCol);
    String label = str(labelCol);
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());

    JavaRDD<PartitionData> data =
        dataset
            .toDF()
            .select(functions.col(features), functions.col(label))
            .toJavaRDD()
            .mapPartitionsWithIndex(
                (index, rows) ->
                    Collections.singletonList(
                            PartitionData.pack(index, rows, inputs, classes, fraction, seedValue,
                                features, label, network))
                        .iterator(),
                true)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long trainRows = data.map(d -> (long) d.trainRows).reduce(Long::sum);
      long validationRows = data.map(d -> (long) d.validationRows).reduce(Long::sum);
      if (trainRows == 0) {
        throw new IllegalArgumentException(
            "the data set has no training rows (validationFraction " + fraction
                + "); pass a non-empty data set");
      }
      int steps = MiniBatches.stepsPerEpoch(trainRows, integer(batchSize));
      double[] parameters = new double[probe.parameterCount()];
      probe.getParameters(parameters);
      FlatOptimizer driverOptimizer = newOptimizer(sizes);
      int depth = integer(aggregationDepth);
      int epochCount = integer(epochs);
      double[] trainingLoss = new double[epochCount];
      double[] validationLoss = new double[epochCount];
      double[] validationAccuracy = new double[epochCount];
      double[] seconds = new double[epochCount];
      long start = System.nanoTime();
      for (int epoch = 0; epoch < epochCount; epoch++) {
        if (str(trainingMode).equals(SYNCHRONOUS)) {
          trainingLoss[epoch] = synchronousEpoch(context, data, network, parameters,
              driverOptimizer, epoch, steps, seedValue, depth);
        } else {
          trainingLoss[epoch] = averagingEpoch(context, data, network, parameters,
              driverOptimizer, epoch, steps, seedValue, depth, integer(averagingPeriod));
        }
        if (validationRows > 0) {
          double[] metrics = evaluate(context, data, network, parameters, depth);
          validationLoss[epoch] = metrics[0] / validationRows;
          validationAccuracy[epoch] = metrics[1] / validationRows;
        } else {
          validationLoss[epoch] = Double.NaN;
          validationAccuracy[epoch] = Double.NaN;
        }
        seconds[epoch] = (System.nanoTime() - start) / 1e9;
        if (epochListener != null) {
          epochListener.afterEpoch(epoch, parameters.clone());
        }
      }
      TrainingSummary summary =
          new TrainingSummary(trainingLoss, validationLoss, validationAccuracy, seconds);
      NetworkModel model = new NetworkModel(
          Identifiable.randomUID("neurogenModel"), network, parameters, null, null, null, summary);
      return copyValues(model, ParamMap.empty()).setParent(this);
    } finally {
      data.unpersist(false);
    }
  }

  private FlatOptimizer newOptimizer(int[] sizes) {
    return new FlatOptimizer(str(optimizer), real(learningRate), sizes);
  }

  /** One synchronous epoch; returns its mean training loss. */
  private static double synchronousEpoch(
      JavaSparkContext context, JavaRDD<PartitionData> data, String network,
      double[] parameters, FlatOptimizer optimizer, int epoch, int steps, long seed, int depth) {
    double lossSum = 0;
    long rows = 0;
    for (int step = 0; step < steps; step++) {
      Broadcast<double[]> broadcast = context.broadcast(parameters.clone());
      int t = step;
      GradientSum sum;
      try {
        sum = OrderedAggregate.aggregate(
            data,
            GradientSum::new,
            (acc, part) -> acc.add(partitionGradient(part, network, broadcast.value(), epoch, t,
                steps, seed)),
            GradientSum::add,
            depth);
      } finally {
        broadcast.destroy();
      }
      if (sum.rows == 0) {
        continue;
      }
      optimizer.step(parameters, sum.gradient, 1.0 / sum.rows);
      lossSum += sum.loss;
      rows += sum.rows;
    }
    return lossSum / rows;
  }

  /** The gradient sum and loss sum of one partition's share of step {@code step}. */
  static GradientSum partitionGradient(
      PartitionData part, String network, double[] parameters, int epoch, int step, int steps,
      long seed) {
    int n = part.trainRows;
    int from = MiniBatches.start(step, n, steps);
    int to = MiniBatches.start(step + 1, n, steps);
    int m = to - from;
    GradientSum result = new GradientSum();
    if (m == 0) {
      return result;
    }
    int[] order = MiniBatches.permutation(seed, epoch, part.partition, n);
    double[] x = new double[m * part.inputs];
    int[] labels = new int[m];
    gather(part, order, from, to, x, labels);
    Classifier net = Networks.instantiateClassifier(network);
    net.setParameters(parameters);
    double[] gradient = new double[parameters.length];
    double loss = net.lossAndGradient(x, labels, m, gradient);
    for (int i = 0; i < gradient.length; i++) {
      gradient[i] *= m;
    }
    result.gradient = gradient;
    result.loss = loss * m;
    result.rows = m;
    return result;
  }

  private static void gather(
      PartitionData part, int[] order, int from, int to, double[] x, int[] labels) {
    int inputs = part.inputs;
    for (int i = from; i < to; i++) {
      int row = order[i];
      System.arraycopy(part.trainFeatures, row * inputs, x, (i - from) * inputs, inputs);
      labels[i - from] = part.trainLabels[row];
    }
  }

  /** One averaging epoch; returns its mean training loss (before each local update). */
  private static double averagingEpoch(
      JavaSparkContext context, JavaRDD<PartitionData> data, String network,
      double[] parameters, FlatOptimizer optimizer, int epoch, int steps, long seed, int depth,
      int period) {
    double lossSum = 0;
    long rows = 0;
    for (int first = 0; first < steps; first += period) {
      int from = first;
      int to = Math.min(steps, first + period);
      AverageSum start = new AverageSum();
      start.parameters = parameters.clone();
      start.moments = optimizer.moments();
      Broadcast<AverageSum> broadcast = context.broadcast(start);
      FlatOptimizer template = optimizer.fresh();
      AverageSum sum;
      try {
        sum = OrderedAggregate.aggregate(
            data,
            AverageSum::new,
            (acc, part) -> acc.add(localSteps(part, network, broadcast.value(), template, epoch,
                from, to, steps, seed)),
            AverageSum::add,
            depth);
      } finally {
        broadcast.destroy();
      }
      if (sum.partitions == 0) {
        continue;
      }
      for (int i = 0; i < parameters.length; i++) {
        parameters[i] = sum.parameters[i] / sum.partitions;
      }
      for (double[] buffer : sum.moments.buffers) {
        for (int i = 0; i < buffer.length; i++) {
          buffer[i] /= sum.partitions;
        }
      }
      optimizer.restore(new FlatOptimizer.Moments(
          optimizer.steps() + (to - from), sum.moments.names, sum.moments.buffers));
      lossSum += sum.loss;
      rows += sum.rows;
    }
    return lossSum / rows;
  }

  /** Local steps from..to-1 of one partition, starting from the broadcast parameters and state. */
  static AverageSum localSteps(
      PartitionData part, String network, AverageSum start, FlatOptimizer template, int epoch,
      int from, int to, int steps, long seed) {
    AverageSum result = new AverageSum();
    int n = part.trainRows;
    if (MiniBatches.start(from, n, steps) == MiniBatches.start(to, n, steps)) {
      return result; // no rows for this partition in this round
    }
    int[] order = MiniBatches.permutation(seed, epoch, part.partition, n);
    Classifier net = Networks.instantiateClassifier(network);
    net.setParameters(start.parameters);
    FlatOptimizer local = template.fresh();
    local.restore(start.moments);
    int maxRows = 0;
    for (int t = from; t < to; t++) {
      maxRows = Math.max(maxRows,
          MiniBatches.start(t + 1, n, steps) - MiniBatches.start(t, n, steps));
    }
    double[] x = new double[maxRows * part.inputs];
    int[] labels = new int[maxRows];
    for (int t = from; t < to; t++) {
      int a = MiniBatches.start(t, n, steps);
      int b = MiniBatches.start(t + 1, n, steps);
      if (a == b) {
        continue;
      }
      gather(part, order, a, b, x, labels);
      double loss = local.trainStep(net, x, labels, b - a);
      result.loss += loss * (b - a);
      result.rows += b - a;
    }
    double[] parameters = new double[start.parameters.length];
    net.getParameters(parameters);
    result.parameters = parameters;
    result.moments = local.moments();
    result.partitions = 1;
    return result;
  }

  /** Validation loss sum and correct count over all partitions' validation rows. */
  private static double[] evaluate(
      JavaSparkContext context, JavaRDD<PartitionData> data, String network,
      double[] parameters, int depth) {
    Broadcast<double[]> broadcast = context.broadcast(parameters.clone());
    try {
      Function2<double[], PartitionData, double[]> seqOp = (acc, part) -> {
        if (part.validationRows == 0) {
          return acc;
        }
        Classifier net = Networks.instantiateClassifier(network);
        net.setParameters(broadcast.value());
        acc[0] += net.loss(part.validationFeatures, part.validationLabels, part.validationRows)
            * part.validationRows;
        double[] x = new double[part.inputs];
        for (int r = 0; r < part.validationRows; r++) {
          System.arraycopy(part.validationFeatures, r * part.inputs, x, 0, part.inputs);
          if (net.classify(x) == part.validationLabels[r]) {
            acc[1]++;
          }
        }
        return acc;
      };
      return OrderedAggregate.aggregate(
          data, () -> new double[2], seqOp, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]},
          depth);
    } finally {
      broadcast.destroy();
    }
  }

  /** A partial sum of gradients (allocated lazily), losses and rows. */
  static final class GradientSum implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    double[] gradient;
    double loss;
    long rows;

    GradientSum add(GradientSum other) {
      if (other.gradient != null) {
        if (gradient == null) {
          gradient = other.gradient;
        } else {
          for (int i = 0; i < gradient.length; i++) {
            gradient[i] += other.gradient[i];
          }
        }
      }
      loss += other.loss;
      rows += other.rows;
      return this;
    }
  }

  /** A partial sum of partitions' parameters and optimizer moments after their local steps. */
  static final class AverageSum implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    double[] parameters;
    FlatOptimizer.Moments moments;
    int partitions;
    double loss;
    long rows;

    AverageSum add(AverageSum other) {
      if (other.parameters != null) {
        if (parameters == null) {
          parameters = other.parameters;
          moments = other.moments;
        } else {
          for (int i = 0; i < parameters.length; i++) {
            parameters[i] += other.parameters[i];
          }
          for (int b = 0; b < moments.buffers.length; b++) {
            double[] mine = moments.buffers[b];
            double[] theirs = other.moments.buffers[b];
            for (int i = 0; i < mine.length; i++) {
              mine[i] += theirs[i];
            }
          }
        }
      }
      partitions += other.partitions;
      loss += other.loss;
      rows += other.rows;
      return this;
    }
  }

  // ---- copy and persistence ----------------------------------------------------------------

  @Override
  public NetworkClassifier copy(ParamMap extra) {
    return (NetworkClassifier) defaultCopy(extra);
  }

  /** Spark ML's reader (used by {@code Pipeline.load} too). */
  public static MLReader<NetworkClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads a classifier saved with {@code write().save(path)}. */
  public static NetworkClassifier load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    List<String> set = new ArrayList<>();
    for (org.apache.spark.ml.param.ParamPair<?> pair : extractParamMap().toList()) {
      set.add(pair.param().name() + "=" + pair.value());
    }
    return "NetworkClassifier(" + uid + ", " + String.join(", ", set) + ")";
  }
}
