package dev.neurogen.processor.model;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.Precision;
import dev.neurogen.Loss;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A valid network declaration: immutable, plain Java, no javac types. Built only by {@link
 * NetworkRules#validate}.
 */
public final class NetworkModel {
  private final String packageName;
  private final String interfaceName;
  private final String generatedName;
  private final boolean isPublic;
  private final int[] layers;
  private final List<Activation> hidden;
  private final Activation output;
  private final Loss loss;
  private final CodeStyle codeStyle;
  private final Precision precision;
  private final Set<String> namesToQualify;

  NetworkModel(
      String packageName,
      String interfaceName,
      String generatedName,
      boolean isPublic,
      int[] layers,
      List<Activation> hidden,
      Activation output,
      Loss loss,
      CodeStyle codeStyle,
      Precision precision) {
    this(packageName, interfaceName, generatedName, isPublic, layers, hidden, output, loss, codeStyle, precision,
        Set.of());
  }

  private NetworkModel(
      String packageName,
      String interfaceName,
      String generatedName,
      boolean isPublic,
      int[] layers,
      List<Activation> hidden,
      Activation output,
      Loss loss,
      CodeStyle codeStyle,
      Precision precision,
      Set<String> namesToQualify) {
    this.namesToQualify = Set.copyOf(namesToQualify);
    this.packageName = packageName;
    this.interfaceName = interfaceName;
    this.generatedName = generatedName;
    this.isPublic = isPublic;
    this.layers = layers.clone();
    this.hidden = List.copyOf(hidden);
    if (this.hidden.size() != layers.length - 2) {
      throw new IllegalArgumentException(
          "one hidden activation per hidden layer: " + this.hidden + " for " + Arrays.toString(layers));
    }
    this.output = output;
    this.loss = loss;
    this.codeStyle = codeStyle;
    this.precision = precision;
  }

  /**
   * This model with the simple names that the generated class must never use unqualified: names of
   * types and fields it inherits from the interface and of the types in its package, which would
   * shadow (or obscure) a type of the same simple name that the generated code refers to.
   */
  public NetworkModel withNamesToQualify(Set<String> names) {
    return new NetworkModel(packageName, interfaceName, generatedName, isPublic, layers, hidden, output, loss,
        codeStyle, precision, names);
  }

  /** Simple names the generated source must write fully qualified (sorted). */
  public Set<String> namesToQualify() {
    return new TreeSet<>(namesToQualify);
  }

  public String packageName() {
    return packageName;
  }

  /** The interface's name within its package, nesting joined by '.'. */
  public String interfaceName() {
    return interfaceName;
  }

  public String generatedName() {
    return generatedName;
  }

  public boolean isPublic() {
    return isPublic;
  }

  /** Number of weight layers L. */
  public int layerCount() {
    return layers.length - 1;
  }

  /** Size of layer l, 0 being the input. */
  public int size(int l) {
    return layers[l];
  }

  public int[] layers() {
    return layers.clone();
  }

  /** The activation of each hidden layer, layer 1's first; empty without hidden layers. */
  public List<Activation> hiddenActivations() {
    return hidden;
  }

  /** Whether every hidden layer has the same activation (also true without hidden layers). */
  public boolean hasUniformHiddenActivation() {
    return hidden.stream().distinct().count() <= 1;
  }

  /** The activation of every layer, layer 1's first and the output layer's last. */
  public List<Activation> layerActivations() {
    List<Activation> all = new java.util.ArrayList<>(hidden);
    all.add(output);
    return List.copyOf(all);
  }

  public Activation outputActivation() {
    return output;
  }

  /** The activation of layer l (1..L). */
  public Activation activation(int l) {
    return l == layerCount() ? output : hidden.get(l - 1);
  }

  public Loss loss() {
    return loss;
  }

  public CodeStyle codeStyle() {
    return codeStyle;
  }

  /** The floating-point type of the generated arithmetic. */
  public Precision precision() {
    return precision;
  }

  public Set<TrainingInterface> trainingInterfaces() {
    return TrainingInterface.forLoss(loss);
  }

  /** Total weights and biases. */
  public long parameterCount() {
    long count = 0;
    for (int l = 1; l < layers.length; l++) {
      count += (long) layers[l] * layers[l - 1] + layers[l];
    }
    return count;
  }

  @Override
  public String toString() {
    return interfaceName + Arrays.toString(layers) + " " + hidden + "/" + output + " " + loss;
  }
}
