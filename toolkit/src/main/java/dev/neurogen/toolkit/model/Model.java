package dev.neurogen.toolkit.model;

import dev.neurogen.Activation;
import dev.neurogen.FloatNetwork;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.Precision;
import dev.neurogen.toolkit.preprocess.Scaler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A trained network with what it needs to be used on raw data: the fitted input {@link Scaler}
 * (applied by every prediction), the class names, and for a single sigmoid output the decision
 * threshold, so a binary network is used as a classifier. This is what {@link ModelFile} saves
 * and loads.
 *
 * <p>The settings are immutable; the network inside is the caller's instance (its parameters are
 * not copied), and like it a model is <b>not thread-safe</b>: it keeps one scratch row for the
 * scaled input. Use one model per thread.
 *
 * <p><b>Kinds.</b> A network is a classifier if its loss is {@link Loss#CROSS_ENTROPY} or {@link
 * Loss#HINGE} (class = largest output), or if it has a single {@link Activation#SIGMOID} output
 * (binary: class 1 iff the output is at least {@link #threshold()}). Anything else is a regressor:
 * {@link #predict} works, {@link #classify} throws.
 *
 * <p><b>Precision.</b> The network is a {@link NeuralNetwork} or a float network ({@link
 * FloatNetwork}, {@code precision = Precision.FLOAT}); {@link #precision()} says which, {@link
 * #network()} or {@link #floatNetwork()} returns it. Everything else is the same: a float model
 * takes and returns double rows, rounding each (scaled) input to float and widening the outputs
 * (exact), through scratch arrays of its own, so a prediction still allocates nothing.
 */
public final class Model {
  /** Default decision threshold of a single sigmoid output. */
  public static final double DEFAULT_THRESHOLD = 0.5;

  private final ModelNetwork network;
  private final Scaler scaler;
  private final List<String> classNames;
  private final double threshold;
  private final Long seed;
  private final int classCount;
  private final double[] scaled;
  private final double[] output;

  private Model(Builder b) {
    this.network = b.network;
    this.scaler = b.scaler;
    this.threshold = b.threshold;
    this.seed = b.seed;
    this.classCount = classCountOf(network.outputSize(), network.activation(network.layerSizes().length - 1),
        network.loss());
    if (scaler != null && scaler.featureCount() != network.inputSize()) {
      throw new IllegalArgumentException("scaler was fitted on " + scaler.featureCount() + " features but the network has "
          + network.inputSize() + " inputs");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }
    List<String> names = b.classNames == null ? List.of() : List.copyOf(b.classNames);
    if (!names.isEmpty() && classCount == 0) {
      throw new IllegalArgumentException("class names were given but the network is a regressor (loss " + network.loss()
          + ", " + network.outputSize() + " outputs); leave them out");
    }
    if (!names.isEmpty() && names.size() != classCount) {
      throw new IllegalArgumentException("classNames has " + names.size() + " names but the network has " + classCount
          + " classes");
    }
    if (names.isEmpty() && classCount > 0) {
      String[] defaults = new String[classCount];
      for (int k = 0; k < classCount; k++) {
        defaults[k] = Integer.toString(k);
      }
      names = List.of(defaults);
    }
    this.classNames = names;
    this.scaled = new double[network.inputSize()];
    this.output = new double[network.outputSize()];
  }

  /**
   * A model of {@code network} with an input scaler (null for none) and class names (empty for a
   * regressor or default names {@code "0", "1", ...}).
   */
  public static Model of(NeuralNetwork network, Scaler scaler, List<String> classNames) {
    return builder(network).scaler(scaler).classNames(classNames).build();
  }

  /**
   * A model of the float network {@code network} ({@code precision = Precision.FLOAT}) with an
   * input scaler (null for none) and class names (empty for a regressor or default names).
   */
  public static Model of(FloatNetwork network, Scaler scaler, List<String> classNames) {
    return builder(network).scaler(scaler).classNames(classNames).build();
  }

  /** A builder for a model of {@code network}. */
  public static Builder builder(NeuralNetwork network) {
    Objects.requireNonNull(network, "network must not be null");
    return new Builder(ModelNetwork.of(network));
  }

  /** A builder for a model of the float network {@code network}. */
  public static Builder builder(FloatNetwork network) {
    Objects.requireNonNull(network, "network must not be null");
    return new Builder(ModelNetwork.of(network));
  }

  /** Number of classes: 2 for a single sigmoid output, the output count for cross-entropy or hinge, 0 for a regressor. */
  public static int classCountOf(NeuralNetwork network) {
    Objects.requireNonNull(network, "network must not be null");
    return classCountOf(network.outputSize(), network.activation(network.layerSizes().length - 1), network.loss());
  }

  /** {@link #classCountOf(NeuralNetwork)} of a float network. */
  public static int classCountOf(FloatNetwork network) {
    Objects.requireNonNull(network, "network must not be null");
    return classCountOf(network.outputSize(), network.activation(network.layerSizes().length - 1), network.loss());
  }

  private static int classCountOf(int outputs, Activation output, Loss loss) {
    if (outputs == 1 && output == Activation.SIGMOID) {
      return 2;
    }
    if (loss == Loss.CROSS_ENTROPY || loss == Loss.HINGE) {
      return outputs;
    }
    return 0;
  }

  /**
   * The double network (the caller's instance, not a copy).
   *
   * @throws IllegalStateException if the model holds a float network; use {@link #floatNetwork()}
   */
  public NeuralNetwork network() {
    if (!(network.network() instanceof NeuralNetwork net)) {
      throw new IllegalStateException("this model holds a float network (precision FLOAT); use floatNetwork()");
    }
    return net;
  }

  /**
   * The float network (the caller's instance, not a copy).
   *
   * @throws IllegalStateException if the model holds a double network; use {@link #network()}
   */
  public FloatNetwork floatNetwork() {
    if (!(network.network() instanceof FloatNetwork net)) {
      throw new IllegalStateException("this model holds a double network (precision DOUBLE); use network()");
    }
    return net;
  }

  /** The precision of the network: {@code DOUBLE} for {@link #network()}, {@code FLOAT} for {@link #floatNetwork()}. */
  public Precision precision() {
    return network.precision();
  }

  /** The network's loss. */
  public Loss loss() {
    return network.loss();
  }

  /** The network's number of inputs: the length of a raw row. */
  public int inputSize() {
    return network.inputSize();
  }

  /** The network's number of outputs. */
  public int outputSize() {
    return network.outputSize();
  }

  /** A builder for a model of a network of either precision, for {@link ModelFile}. */
  static Builder builder(ModelNetwork network) {
    return new Builder(network);
  }

  /** The network of either precision, for {@link ModelFile}. */
  ModelNetwork modelNetwork() {
    return network;
  }

  /** The input scaler, if any. */
  public Optional<Scaler> scaler() {
    return Optional.ofNullable(scaler);
  }

  /** Class names, index = class; empty for a regressor. */
  public List<String> classNames() {
    return classNames;
  }

  /** Number of classes, 0 for a regressor. */
  public int classCount() {
    return classCount;
  }

  /** True if {@link #classify} can be used. */
  public boolean isClassifier() {
    return classCount > 0;
  }

  /** Decision threshold of a single sigmoid output (default {@value #DEFAULT_THRESHOLD}). */
  public double threshold() {
    return threshold;
  }

  /** The training seed recorded with the model, if known. */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * The network's outputs for one raw (unscaled) row, written into {@code output}; the scaler is
   * applied first. Allocates nothing.
   */
  public void predict(double[] row, double[] output) {
    network.predict(scale(row), output);
  }

  /** The network's outputs (probabilities for softmax or sigmoid) for one raw row. */
  public double[] predict(double[] row) {
    double[] out = new double[network.outputSize()];
    predict(row, out);
    return out;
  }

  /** Outputs for many raw rows in one call: {@code result[i]} for {@code rows[i]}. */
  public double[][] predict(double[][] rows) {
    Objects.requireNonNull(rows, "rows must not be null");
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = predict(rows[i]);
    }
    return out;
  }

  /**
   * The class of one raw row: the largest output, or for a single sigmoid output 1 if it is at
   * least the threshold, else 0. Allocates nothing.
   *
   * @throws IllegalStateException if the model is a regressor
   */
  public int classify(double[] row) {
    if (classCount == 0) {
      throw new IllegalStateException("this model is a regressor (loss " + network.loss() + "); use predict");
    }
    network.predict(scale(row), output);
    return classOf(output, threshold);
  }

  /** The classes of many raw rows in one call. */
  public int[] classify(double[][] rows) {
    Objects.requireNonNull(rows, "rows must not be null");
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = classify(rows[i]);
    }
    return out;
  }

  /** The class name of one raw row. */
  public String className(double[] row) {
    return classNames.get(classify(row));
  }

  /**
   * The class for an output vector: index of the largest output (lowest on ties), or for one
   * output {@code output[0] >= threshold ? 1 : 0}.
   */
  public static int classOf(double[] output, double threshold) {
    if (output.length == 1) {
      return output[0] >= threshold ? 1 : 0;
    }
    int best = 0;
    for (int k = 1; k < output.length; k++) {
      if (output[k] > output[best]) {
        best = k;
      }
    }
    return best;
  }

  private double[] scale(double[] row) {
    Objects.requireNonNull(row, "row must not be null");
    if (row.length != network.inputSize()) {
      throw new IllegalArgumentException("row has " + row.length + " values but the network has " + network.inputSize()
          + " inputs");
    }
    if (scaler == null) {
      return row;
    }
    scaler.transform(row, 0, scaled, 0);
    return scaled;
  }

  @Override
  public String toString() {
    return "Model[layers=" + java.util.Arrays.toString(network.layerSizes()) + ", loss=" + network.loss()
        + (network.precision() == Precision.FLOAT ? ", precision=FLOAT" : "") + ", scaler="
        + (scaler == null ? "none" : scaler.kind()) + ", classes=" + classNames + "]";
  }

  /** Builder of {@link Model}; checked in {@link #build()}. */
  public static final class Builder {
    private final ModelNetwork network;
    private Scaler scaler;
    private List<String> classNames = List.of();
    private double threshold = DEFAULT_THRESHOLD;
    private Long seed;

    private Builder(ModelNetwork network) {
      this.network = network;
    }

    /** The input scaler fitted on the training part (null for none). */
    public Builder scaler(Scaler scaler) {
      this.scaler = scaler;
      return this;
    }

    /** Class names, index = class (empty for defaults or a regressor). */
    public Builder classNames(List<String> classNames) {
      this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
      return this;
    }

    /** Decision threshold of a single sigmoid output, in (0, 1). */
    public Builder threshold(double threshold) {
      this.threshold = threshold;
      return this;
    }

    /** The training seed, recorded in the model file. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The model; throws {@link IllegalArgumentException} if the parts do not fit together. */
    public Model build() {
      return new Model(this);
    }
  }
}
