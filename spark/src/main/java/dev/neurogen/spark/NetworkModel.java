package dev.neurogen.spark;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.toolkit.model.Model;
import dev.neurogen.toolkit.model.ModelFile;
import dev.neurogen.toolkit.preprocess.MinMaxScaler;
import dev.neurogen.toolkit.preprocess.Scaler;
import dev.neurogen.toolkit.preprocess.Standardizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A generated network as a Spark ML {@link org.apache.spark.ml.Transformer}: adds MLlib's
 * classification columns to a data set with a vector column of features.
 *
 * <ul>
 *   <li>{@code rawPredictionCol} (default {@code rawPrediction}): the network's outputs, as
 *       {@code predict} writes them (for a softmax output layer these are the probabilities);
 *   <li>{@code probabilityCol} (default {@code probability}): the outputs when the output layer is
 *       {@code SOFTMAX}, otherwise the softmax of the outputs (e.g. a {@code HINGE} network's
 *       scores);
 *   <li>{@code predictionCol} (default {@code prediction}): for a {@link Classifier}, its {@code
 *       classify} result as a double; for other networks with one output, that output.
 * </ul>
 *
 * An empty column name leaves that column out, as in MLlib. The parameters are broadcast once per
 * {@link #transform} call; every partition constructs one network instance (by reflection, from
 * {@link #networkClass()}), sets the parameters once and scores its rows in blocks of 256 with
 * the batch {@code predict}, reusing one feature buffer and one output buffer for every block. When
 * the model has a scaler (the toolkit's {@link Standardizer} or {@link MinMaxScaler}, from a model
 * file or {@link #withScaler}), each feature vector is scaled with it before {@code predict}.
 *
 * <p>Create one directly with {@link #NetworkModel(String, double[])} (e.g. from weights trained
 * on one machine), from the toolkit's model file ({@link #fromModelFile}, {@link #fromModel}), or
 * get it from {@link NetworkClassifier#fit}; {@link #saveModelFile} writes the toolkit's model
 * file. Saved and loaded with Spark ML's
 * {@link MLWritable} / {@link #load(String)}, also as a {@link org.apache.spark.ml.PipelineModel}
 * stage. Immutable apart from its Spark ML column params.
 */
public final class NetworkModel extends org.apache.spark.ml.Model<NetworkModel> implements MLWritable {

  private static final long serialVersionUID = 1L;

  private final String uid;
  private final String networkClass;
  private final double[] parameters;
  private final int[] layerSizes;
  private final String scalerKind;
  private final double[] scalerCenter;
  private final double[] scalerScale;
  private final TrainingSummary summary;

  private final Param<String> featuresCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;

  /**
   * A model of the generated class {@code networkClass} with the given parameters in the flat
   * layout (W1 row-major, b1, W2, ...; {@code getParameters} writes it).
   *
   * @throws IllegalArgumentException if the class is not a generated network or the parameter
   *     count differs from the network's
   */
  public NetworkModel(String networkClass, double[] parameters) {
    this(Identifiable.randomUID("neurogenModel"), networkClass, parameters, null, null, null,
        null);
  }

  NetworkModel(
      String uid,
      String networkClass,
      double[] parameters,
      String scalerKind,
      double[] scalerCenter,
      double[] scalerScale,
      TrainingSummary summary) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column name (a vector column)");
    predictionCol =
        new Param<>(this, "predictionCol", "prediction column name (empty: no such column)");
    probabilityCol =
        new Param<>(
            this, "probabilityCol", "class probabilities column name (empty: no such column)");
    rawPredictionCol =
        new Param<>(this, "rawPredictionCol", "network outputs column name (empty: no such column)");
    NeuralNetwork network = Networks.instantiate(networkClass);
    if (parameters == null) {
      throw new IllegalArgumentException("parameters is null; pass the network's flat parameters");
    }
    if (parameters.length != network.parameterCount()) {
      throw new IllegalArgumentException(
          "parameters has " + parameters.length + " values but " + networkClass + " has "
              + network.parameterCount() + " parameters; pass getParameters() of that network");
    }
    network.setParameters(parameters); // rejects NaN with a message naming the index
    this.networkClass = networkClass;
    this.parameters = parameters.clone();
    this.layerSizes = network.layerSizes().clone();
    if ((scalerCenter == null) != (scalerScale == null)
        || (scalerCenter == null) != (scalerKind == null)) {
      throw new IllegalArgumentException("a scaler needs kind, center and scale, or none of them");
    }
    if (scalerCenter != null) {
      scaler(scalerKind, scalerCenter, scalerScale); // checks values
      if (scalerCenter.length != network.inputSize()) {
        throw new IllegalArgumentException(
            "the scaler has " + scalerCenter.length + " features but " + networkClass + " takes "
                + network.inputSize() + " inputs; fit the scaler on the network's input features");
      }
    }
    this.scalerKind = scalerKind;
    this.scalerCenter = scalerCenter == null ? null : scalerCenter.clone();
    this.scalerScale = scalerScale == null ? null : scalerScale.clone();
    this.summary = summary;
    setDefault(featuresCol, "features");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
  }

  /**
   * This model with the toolkit's {@link Scaler} (a {@link Standardizer} or {@link MinMaxScaler})
   * applied to every feature vector before the network: input j becomes {@code (x[j] - center[j])
   * / scale[j]}. Use it when the network was trained on scaled features and the data to score are
   * raw; a model file with a scaler brings its own ({@link #fromModelFile}).
   *
   * @throws IllegalArgumentException if the scaler's feature count is not the network's input count
   */
  public NetworkModel withScaler(Scaler scaler) {
    if (scaler == null) {
      throw new IllegalArgumentException("scaler must not be null; use this model as it is");
    }
    NetworkModel copy = new NetworkModel(uid, networkClass, parameters, scaler.kind(),
        scaler.center(), scaler.scale(), summary);
    copyValues(copy, ParamMap.empty());
    return copy.setParent(parent());
  }

  /**
   * A model from a toolkit {@link Model} (a trained network with its optional scaler), for
   * example one trained on one machine with the toolkit's fit loop.
   */
  public static NetworkModel fromModel(Model model) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    NeuralNetwork network = model.network();
    double[] parameters = new double[network.parameterCount()];
    network.getParameters(parameters);
    Scaler scaler = model.scaler().orElse(null);
    return new NetworkModel(Identifiable.randomUID("neurogenModel"), network.getClass().getName(),
        parameters, scaler == null ? null : scaler.kind(), scaler == null ? null : scaler.center(),
        scaler == null ? null : scaler.scale(), null);
  }

  /**
   * A model from a toolkit model file ({@link ModelFile}) holding a network of the generated
   * class {@code networkClass}, with the file's scaler if it has one.
   *
   * @throws IOException if the file cannot be read, or is not a model of that network
   */
  public static NetworkModel fromModelFile(Path file, String networkClass) throws IOException {
    return fromModel(ModelFile.load(file, Networks.instantiate(networkClass)));
  }

  /** This model as a toolkit {@link Model}: a new network instance, the scaler if any. */
  public Model toModel() {
    Model.Builder builder = Model.builder(newNetwork());
    scaler().ifPresent(builder::scaler);
    return builder.build();
  }

  /** Writes {@link #toModel()} as a toolkit model file (loadable without Spark). */
  public void saveModelFile(Path file) throws IOException {
    ModelFile.save(toModel(), file);
  }

  /** The scaler applied before the network, if any. */
  public Optional<Scaler> scaler() {
    return scalerKind == null
        ? Optional.empty()
        : Optional.of(scaler(scalerKind, scalerCenter, scalerScale));
  }

  private static Scaler scaler(String kind, double[] center, double[] scale) {
    Scaler scaler = Standardizer.of(center, scale);
    if (kind.equals(scaler.kind())) {
      return scaler;
    }
    scaler = MinMaxScaler.of(center, scale);
    if (kind.equals(scaler.kind())) {
      return scaler;
    }
    throw new IllegalArgumentException("scaler kind '" + kind + "' is unknown; use "
        + Standardizer.of(center, scale).kind() + " or " + scaler.kind());
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The generated class's binary name. */
  public String networkClass() {
    return networkClass;
  }

  /** A copy of the flat parameters. */
  public double[] parameters() {
    return parameters.clone();
  }

  /** A copy of the network's layer sizes, input first. */
  public int[] layerSizes() {
    return layerSizes.clone();
  }

  /** What training recorded per epoch, or null when the model was not fitted in this JVM. */
  public TrainingSummary summary() {
    return summary;
  }

  /** A network instance with this model's parameters (for single-machine use). */
  public NeuralNetwork newNetwork() {
    NeuralNetwork network = Networks.instantiate(networkClass);
    network.setParameters(parameters);
    return network;
  }

  /** Param: the features column. */
  public Param<String> featuresCol() {
    return featuresCol;
  }

  /** Param: the prediction column. */
  public Param<String> predictionCol() {
    return predictionCol;
  }

  /** Param: the probability column. */
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  /** Param: the raw prediction (network outputs) column. */
  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  /** The features column name. */
  public String getFeaturesCol() {
    return getOrDefault(featuresCol);
  }

  /** The prediction column name. */
  public String getPredictionCol() {
    return getOrDefault(predictionCol);
  }

  /** The probability column name. */
  public String getProbabilityCol() {
    return getOrDefault(probabilityCol);
  }

  /** The raw prediction column name. */
  public String getRawPredictionCol() {
    return getOrDefault(rawPredictionCol);
  }

  /** Sets the features column. */
  public NetworkModel setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /** Sets the prediction column (empty: none). */
  public NetworkModel setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** Sets the probability column (empty: none). */
  public NetworkModel setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the raw prediction column (empty: none). */
  public NetworkModel setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    int inputs = layerSizes[0];
    int outputs = layerSizes[layerSizes.length - 1];
    checkFeatureColumn(schema, getFeaturesCol(), inputs, networkClass);
    StructType out = schema;
    String raw = getRawPredictionCol();
    String probability = getProbabilityCol();
    String prediction = getPredictionCol();
    if (!raw.isEmpty()) {
      out = appendColumn(out, raw, SQLDataTypes.VectorType(), "rawPredictionCol");
    }
    if (!probability.isEmpty()) {
      out = appendColumn(out, probability, SQLDataTypes.VectorType(), "probabilityCol");
    }
    if (!prediction.isEmpty()) {
      if (!isClassifier() && outputs != 1) {
        throw new IllegalArgumentException(
            "predictionCol needs a Classifier or a network with one output, but " + networkClass
                + " has " + outputs + " outputs; set predictionCol to \"\" and read"
                + " rawPredictionCol");
      }
      out = appendColumn(out, prediction, DataTypes.DoubleType, "predictionCol");
    }
    return out;
  }

  private boolean isClassifier() {
    try {
      return Classifier.class.isAssignableFrom(
          Class.forName(networkClass, false, Networks.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Networks.instantiate(networkClass) instanceof Classifier;
    }
  }

  /**
   * Checks that {@code column} exists, holds ML vectors and, when its metadata knows the vector
   * size, that the size is the network's input count. Messages name the column and the fix.
   */
  static void checkFeatureColumn(StructType schema, String column, int inputs, String network) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(column)) {
      throw new IllegalArgumentException(
          "featuresCol '" + column + "' does not exist; the columns are " + names
              + ". Set featuresCol, or assemble the features with VectorAssembler");
    }
    StructField field = schema.apply(column);
    if (!field.dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException(
          "featuresCol '" + column + "' has type " + field.dataType().simpleString()
              + " but must be an ML vector (org.apache.spark.ml.linalg.VectorUDT); assemble"
              + " numeric columns into one with VectorAssembler");
    }
    int size = AttributeGroup.fromStructField(field).size();
    if (size >= 0 && size != inputs) {
      throw new IllegalArgumentException(
          "featuresCol '" + column + "' holds vectors of size " + size + " but " + network
              + " takes " + inputs + " inputs; the network's topology does not fit the features");
    }
  }

  private static StructType appendColumn(
      StructType schema, String name, org.apache.spark.sql.types.DataType type, String param) {
    if (Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(
          param + " '" + name + "' already exists in the data set; choose another name");
    }
    return schema.add(new StructField(name, type, false, Metadata.empty()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType outSchema = transformSchema(dataset.schema(), true);
    Dataset<Row> frame = dataset.toDF();
    JavaSparkContext context =
        JavaSparkContext.fromSparkContext(frame.sparkSession().sparkContext());
    Broadcast<double[]> broadcast = context.broadcast(parameters);
    Scorer scorer =
        new Scorer(
            networkClass,
            broadcast,
            scalerCenter,
            scalerScale,
            frame.schema().fieldIndex(getFeaturesCol()),
            getFeaturesCol(),
            !getRawPredictionCol().isEmpty(),
            !getProbabilityCol().isEmpty(),
            !getPredictionCol().isEmpty());
    return frame.mapPartitions(scorer, Encoders.row(outSchema));
  }

  /** Scores one partition with one network instance. */
  private static final class Scorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String networkClass;
    private final Broadcast<double[]> parameters;
    private final double[] mean;
    private final double[] scale;
    private final int featureIndex;
    private final String featureColumn;
    private final boolean raw;
    private final boolean probability;
    private final boolean prediction;

    Scorer(
        String networkClass,
        Broadcast<double[]> parameters,
        double[] mean,
        double[] scale,
        int featureIndex,
        String featureColumn,
        boolean raw,
        boolean probability,
        boolean prediction) {
      this.networkClass = networkClass;
      this.parameters = parameters;
      this.mean = mean;
      this.scale = scale;
      this.featureIndex = featureIndex;
      this.featureColumn = featureColumn;
      this.raw = raw;
      this.probability = probability;
      this.prediction = prediction;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      NeuralNetwork network = Networks.instantiate(networkClass);
      network.setParameters(parameters.value());
      return new BlockIterator(this, network, rows);
    }
  }

  /** Rows scored per batch {@code predict}: the block the scorer gathers features into. */
  static final int SCORING_BLOCK = 256;

  /**
   * Scores a partition block by block: pulls up to {@link #SCORING_BLOCK} rows, gathers their
   * features into one preallocated row-major buffer (scaled when the model has a scaler), runs
   * one batch {@code predict} and then emits the block's rows. The buffers are allocated once per
   * partition; per row only what Spark keeps is allocated (the output row and its vectors).
   */
  private static final class BlockIterator implements Iterator<Row> {
    private final Scorer scorer;
    private final NeuralNetwork network;
    private final Classifier classifier;
    private final boolean softmaxOutput;
    private final Iterator<Row> rows;
    private final int inputs;
    private final int outputs;
    private final int extra;
    private final Row[] block = new Row[SCORING_BLOCK];
    private final double[] features;
    private final double[] scores;
    private final double[] input;
    private int size;
    private int next;

    BlockIterator(Scorer scorer, NeuralNetwork network, Iterator<Row> rows) {
      this.scorer = scorer;
      this.network = network;
      this.rows = rows;
      classifier = network instanceof Classifier ? (Classifier) network : null;
      softmaxOutput = network.activation(network.layerSizes().length - 1) == Activation.SOFTMAX;
      inputs = network.inputSize();
      outputs = network.outputSize();
      extra = (scorer.raw ? 1 : 0) + (scorer.probability ? 1 : 0) + (scorer.prediction ? 1 : 0);
      features = new double[SCORING_BLOCK * inputs];
      scores = new double[SCORING_BLOCK * outputs];
      input = new double[inputs];
    }

    @Override
    public boolean hasNext() {
      return next < size || rows.hasNext();
    }

    @Override
    public Row next() {
      if (next == size) {
        fill();
      }
      Row row = block[next];
      block[next] = null;
      Row out = emit(row, next);
      next++;
      return out;
    }

    /** Reads and scores the next block of rows. */
    private void fill() {
      if (!rows.hasNext()) {
        throw new NoSuchElementException();
      }
      size = 0;
      next = 0;
      while (size < SCORING_BLOCK && rows.hasNext()) {
        Row row = rows.next();
        readFeatures(row, scorer.featureIndex, scorer.featureColumn, features, size * inputs,
            inputs, scorer.networkClass);
        if (scorer.mean != null) {
          int base = size * inputs;
          for (int i = 0; i < inputs; i++) {
            features[base + i] = (features[base + i] - scorer.mean[i]) / scorer.scale[i];
          }
        }
        block[size++] = row;
      }
      network.predict(features, scores, size);
    }

    private Row emit(Row row, int s) {
      int width = row.length();
      Object[] values = new Object[width + extra];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      int at = width;
      int base = s * outputs;
      if (scorer.raw) {
        values[at++] = Vectors.dense(Arrays.copyOfRange(scores, base, base + outputs));
      }
      if (scorer.probability) {
        values[at++] = Vectors.dense(softmaxOutput
            ? Arrays.copyOfRange(scores, base, base + outputs)
            : softmax(scores, base, outputs));
      }
      if (scorer.prediction) {
        values[at] = classifier != null ? (double) label(s) : scores[base];
      }
      return RowFactory.create(values);
    }

    /**
     * {@code classify} of sample {@code s}: the first largest output. The output activation of a
     * classifier (softmax or identity) is monotonic, so a strictly largest output is the largest
     * logit, which is what {@code classify} returns; on a tie among the outputs (softmax may round
     * distinct logits to equal probabilities) the row is classified again with {@code classify}.
     */
    private int label(int s) {
      int base = s * outputs;
      int best = 0;
      boolean tie = false;
      for (int k = 1; k < outputs; k++) {
        double v = scores[base + k];
        if (v > scores[base + best]) {
          best = k;
          tie = false;
        } else if (v == scores[base + best]) {
          tie = true;
        }
      }
      if (!tie) {
        return best;
      }
      System.arraycopy(features, s * inputs, input, 0, inputs);
      return classifier.classify(input);
    }
  }

  /**
   * Copies the vector in field {@code index} of {@code row} into {@code destination}.
   *
   * @throws IllegalArgumentException for a null vector or one of the wrong size
   */
  static void readFeatures(
      Row row, int index, String column, double[] destination, String network) {
    readFeatures(row, index, column, destination, 0, destination.length, network);
  }

  /**
   * Copies the vector in field {@code index} of {@code row}, of size {@code size}, into {@code
   * destination[offset .. offset + size)}.
   *
   * @throws IllegalArgumentException for a null vector or one of the wrong size
   */
  static void readFeatures(Row row, int index, String column, double[] destination, int offset,
      int size, String network) {
    if (row.isNullAt(index)) {
      throw new IllegalArgumentException(
          "featuresCol '" + column + "' is null in row " + row + "; drop or impute such rows");
    }
    Vector vector = (Vector) row.get(index);
    if (vector.size() != size) {
      throw new IllegalArgumentException(
          "featuresCol '" + column + "' holds a vector of size " + vector.size() + " but "
              + network + " takes " + size
              + " inputs; the network's topology does not fit the features");
    }
    if (vector instanceof org.apache.spark.ml.linalg.DenseVector) {
      System.arraycopy(
          ((org.apache.spark.ml.linalg.DenseVector) vector).values(), 0, destination, offset,
          size);
    } else {
      Arrays.fill(destination, offset, offset + size, 0.0);
      vector.foreachActive((i, v) -> {
        destination[offset + (Integer) i] = (Double) v;
        return scala.runtime.BoxedUnit.UNIT;
      });
    }
  }

  /** The softmax of {@code scores} (maximum subtracted first). */
  static double[] softmax(double[] scores) {
    return softmax(scores, 0, scores.length);
  }

  /** The softmax of {@code scores[offset .. offset + length)} (maximum subtracted first). */
  static double[] softmax(double[] scores, int offset, int length) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i++) {
      max = Math.max(max, scores[offset + i]);
    }
    double[] p = new double[length];
    double total = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(scores[offset + i] - max);
      total += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= total;
    }
    return p;
  }

  @Override
  public NetworkModel copy(ParamMap extra) {
    NetworkModel copy =
        new NetworkModel(
            uid, networkClass, parameters, scalerKind, scalerCenter, scalerScale, summary);
    return copyValues(copy, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Writer(this);
  }

  @Override
  public void save(String path) throws IOException {
    write().save(path);
  }

  /** Spark ML's reader for saved models (used by {@code PipelineModel.load} too). */
  public static MLReader<NetworkModel> read() {
    return new Reader();
  }

  /** Loads a model saved with {@link #save}. */
  public static NetworkModel load(String path) {
    return read().load(path);
  }

  @Override
  public String toString() {
    return "NetworkModel(uid=" + uid + ", networkClass=" + networkClass + ", layers="
        + Arrays.toString(layerSizes) + ", scaler=" + scalerKind + ")";
  }

  private static final String MODEL_FILE = "data/network.neurogen";
  private static final String CLASS_FILE = "data/networkClass.txt";

  /**
   * Writes the params as Spark ML metadata, and under data/ the network as the toolkit's model
   * file plus the generated class name, through Hadoop's file system (so HDFS, S3, ... work).
   */
  private static final class Writer extends MLWriter {
    private final NetworkModel instance;

    Writer(NetworkModel instance) {
      this.instance = instance;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
      try {
        write(path, MODEL_FILE, ModelFile.toBytes(instance.toModel()));
        write(path, CLASS_FILE, instance.networkClass.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the model under " + path + ": " + e, e);
      }
    }

    private void write(String path, String name, byte[] bytes) throws IOException {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, name);
      FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
      try (FSDataOutputStream out = fs.create(file, true)) {
        out.write(bytes);
      }
    }
  }

  /** Reads what {@link Writer} wrote. */
  private static final class Reader extends MLReader<NetworkModel> {
    @Override
    public NetworkModel load(String path) {
      DefaultParamsReader.Metadata metadata =
          DefaultParamsReader.loadMetadata(path, sc(), NetworkModel.class.getName());
      try {
        String networkClass = new String(read(path, CLASS_FILE), StandardCharsets.UTF_8).trim();
        java.nio.file.Path local = Files.createTempFile("neurogen-model", ".neurogen");
        try {
          Files.write(local, read(path, MODEL_FILE));
          NetworkModel file = fromModelFile(local, networkClass);
          NetworkModel model = new NetworkModel(metadata.uid(), networkClass, file.parameters,
              file.scalerKind, file.scalerCenter, file.scalerScale, null);
          metadata.getAndSetParams(model, Option.empty());
          return model;
        } finally {
          Files.deleteIfExists(local);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load a NetworkModel from " + path + ": " + e, e);
      }
    }

    private byte[] read(String path, String name) throws IOException {
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(path, name);
      FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
      try (FSDataInputStream in = fs.open(file)) {
        return in.readAllBytes();
      }
    }
  }
}
