package dev.neurogen.processor.model;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.Loss;
import dev.neurogen.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every rule a {@code @Network} declaration must obey. {@link #validate} collects all problems of
 * a declaration, so the user sees every mistake at once, and builds a model only if there are none.
 */
public final class NetworkRules {
  /** The largest array length HotSpot allows, and so the largest parameter count. */
  static final long MAX_PARAMETERS = Integer.MAX_VALUE - 8;

  /**
   * The most weight layers (sizes minus one) a declaration may have. The generated class keeps
   * about 36 constant-pool entries per layer in the worst case (looped layers with large offsets),
   * so 1,000 layers use about 36,000 of the class file's 65,535, leaving room for the rest; the
   * per-network methods are split by layers to stay below the JIT's method limit at this depth
   * (BytecodeSizeTest compiles a network of exactly this depth).
   */
  public static final int MAX_WEIGHT_LAYERS = 1000;

  private NetworkRules() {}

  /** The outcome of validation: a model, or the problems that prevent one. */
  public record Result(Optional<NetworkModel> model, List<Problem> problems) {}

  public static Result validate(NetworkDeclaration declaration) {
    List<Problem> problems = new ArrayList<>();
    checkElement(declaration, problems);
    checkLayers(declaration.layers(), problems);
    Optional<Activation> output = checkActivations(declaration, problems);
    output.ifPresent(o -> checkLossFits(declaration.loss(), o, declaration.outputActivations().isEmpty(), problems));
    checkSupertypes(declaration, problems);
    if (declaration.codeStyle() == CodeStyle.VECTOR_API && !declaration.vectorApiAvailable()) {
      problems.add(Problem.on(Attribute.CODE_STYLE, Message.VECTOR_API_MISSING));
    }
    if (!problems.isEmpty()) {
      return new Result(Optional.empty(), List.copyOf(problems));
    }
    int[] layers = declaration.layers().stream().mapToInt(Integer::intValue).toArray();
    NetworkModel model =
        new NetworkModel(
            declaration.packageName(),
            declaration.nestedName(),
            declaration.generatedSimpleName(),
            declaration.isPublic(),
            layers,
            hiddenActivations(declaration),
            output.orElseThrow(),
            declaration.loss(),
            declaration.codeStyle(),
            declaration.precision());
    return new Result(Optional.of(model), List.of());
  }

  /** Each hidden layer's activation: the list if written, else {@code activation} for every one. */
  private static List<Activation> hiddenActivations(NetworkDeclaration d) {
    return d.hiddenActivations()
        .orElseGet(() -> java.util.Collections.nCopies(Math.max(0, d.layers().size() - 2), d.activation()));
  }

  /** The output activation a loss gets when {@code outputActivation} is left out. */
  public static Activation defaultOutput(Loss loss) {
    switch (loss) {
      case CROSS_ENTROPY:
        return Activation.SOFTMAX;
      case BINARY_CROSS_ENTROPY:
        return Activation.SIGMOID;
      case MSE:
      case HINGE:
        return Activation.IDENTITY;
      default:
        throw new AssertionError(loss);
    }
  }

  private static void checkElement(NetworkDeclaration d, List<Problem> problems) {
    String name = d.nestedName();
    if (!d.isInterface()) {
      problems.add(Problem.onElement(Message.NOT_AN_INTERFACE, name, d.kindDescription(), simpleName(name)));
      return;
    }
    if (!d.typeParameters().isEmpty()) {
      problems.add(Problem.onElement(Message.GENERIC, name, String.join(", ", d.typeParameters())));
    }
    // javac (as of JDK 25) never hands local types to annotation processors, so this rule only
    // fires for compilers that do; README documents that networks must not be local.
    if (d.isLocal()) {
      problems.add(Problem.onElement(Message.LOCAL, name));
    }
    if (d.isPrivate()) {
      problems.add(Problem.onElement(Message.PRIVATE, name, d.generatedSimpleName()));
    }
    d.privateEnclosingType()
        .ifPresent(
            outer ->
                problems.add(
                    Problem.onElement(
                        Message.ENCLOSED_IN_PRIVATE, name, outer, d.generatedSimpleName(), outer)));
    for (String method : d.abstractMethods()) {
      problems.add(Problem.onElement(Message.ABSTRACT_METHOD, name, method));
    }
    d.existingGeneratedType()
        .ifPresent(
            existing ->
                problems.add(
                    Problem.onElement(Message.NAME_CLASH, d.generatedQualifiedName(), existing)));
  }

  private static void checkLayers(List<Integer> layers, List<Problem> problems) {
    if (layers.size() < 2) {
      problems.add(Problem.on(Attribute.LAYERS, Message.TOO_FEW_LAYERS, layers.size(), braces(layers)));
    }
    if (layers.size() - 1 > MAX_WEIGHT_LAYERS) {
      problems.add(Problem.on(Attribute.LAYERS, Message.TOO_DEEP, layers.size(), layers.size() - 1, MAX_WEIGHT_LAYERS,
          MAX_WEIGHT_LAYERS, MAX_WEIGHT_LAYERS + 1));
    }
    boolean allPositive = true;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) < 1) {
        allPositive = false;
        problems.add(Problem.atIndex(Attribute.LAYERS, i, Message.LAYER_SIZE, i, layers.get(i)));
      }
    }
    if (allPositive && layers.size() >= 2) {
      String count = parameterCount(layers);
      if (count.length() > 19 || Long.parseLong(count) > MAX_PARAMETERS) {
        problems.add(Problem.on(Attribute.LAYERS, Message.TOO_LARGE, braces(layers), count, MAX_PARAMETERS));
      }
    }
  }

  /** The exact parameter count, in decimal: it can exceed a long for absurd declarations. */
  private static String parameterCount(List<Integer> layers) {
    java.math.BigInteger count = java.math.BigInteger.ZERO;
    for (int l = 1; l < layers.size(); l++) {
      long weightsAndBiases = (long) layers.get(l) * layers.get(l - 1) + layers.get(l); // below 2^63
      count = count.add(java.math.BigInteger.valueOf(weightsAndBiases));
    }
    return count.toString();
  }

  /** Returns the effective output activation if the activation attributes are well-formed. */
  private static Optional<Activation> checkActivations(NetworkDeclaration d, List<Problem> problems) {
    if (d.activation() == Activation.SOFTMAX) {
      problems.add(Problem.on(Attribute.ACTIVATION, Message.SOFTMAX_HIDDEN));
    }
    d.hiddenActivations().ifPresent(list -> checkHiddenActivations(d, list, problems));
    List<Activation> outputs = d.outputActivations();
    if (outputs.size() > 1) {
      problems.add(Problem.on(Attribute.OUTPUT_ACTIVATION, Message.OUTPUT_ACTIVATION_COUNT, outputs.size(), outputs));
      return Optional.empty();
    }
    return Optional.of(outputs.isEmpty() ? defaultOutput(d.loss()) : outputs.get(0));
  }

  private static void checkHiddenActivations(
      NetworkDeclaration d, List<Activation> list, List<Problem> problems) {
    if (d.activationWritten()) {
      problems.add(Problem.on(Attribute.HIDDEN_ACTIVATIONS, Message.ACTIVATION_AND_HIDDEN_ACTIVATIONS));
    }
    int hidden = d.layers().size() - 2;
    // with fewer than two layer sizes, the layers message already says what is wrong
    if (hidden >= 0 && list.size() != hidden) {
      String advice = hidden == 0 ? "; without hidden layers, leave hiddenActivations out" : "";
      problems.add(Problem.on(Attribute.HIDDEN_ACTIVATIONS, Message.HIDDEN_ACTIVATION_COUNT,
          list.size(), list.toString().replace('[', '{').replace(']', '}'), braces(d.layers()), hidden, advice));
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == Activation.SOFTMAX) {
        problems.add(Problem.atIndex(Attribute.HIDDEN_ACTIVATIONS, i, Message.SOFTMAX_IN_HIDDEN_ACTIVATIONS, i));
      }
    }
  }

  private static void checkLossFits(Loss loss, Activation output, boolean defaulted, List<Problem> problems) {
    if (defaulted) {
      return;
    }
    if (loss == Loss.MSE) {
      if (output == Activation.SOFTMAX) {
        problems.add(Problem.on(Attribute.OUTPUT_ACTIVATION, Message.MSE_WITH_SOFTMAX));
      }
      return;
    }
    Activation needed = defaultOutput(loss);
    if (output != needed) {
      problems.add(Problem.on(Attribute.OUTPUT_ACTIVATION, Message.LOSS_NEEDS_OUTPUT, loss, needed, output, needed));
    }
  }

  private static void checkSupertypes(NetworkDeclaration d, List<Problem> problems) {
    if (!d.isInterface()) {
      return;
    }
    Set<String> allowed = new TreeSet<>();
    allowed.add(TrainingInterface.base(d.precision()));
    for (TrainingInterface api : TrainingInterface.forLoss(d.loss())) {
      allowed.add(api.qualifiedName(d.precision()));
    }
    Precision other = d.precision() == Precision.FLOAT ? Precision.DOUBLE : Precision.FLOAT;
    for (String supertype : d.superinterfaces()) {
      Optional<String> counterpart = counterpart(supertype, other, d.precision());
      if (!allowed.contains(supertype) && counterpart.isPresent() && allowed.contains(counterpart.get())) {
        problems.add(Problem.onElement(Message.PRECISION_SUPERTYPE, d.nestedName(), d.precision(), supertype,
            other.name().toLowerCase(java.util.Locale.ROOT), counterpart.get()));
      } else if (!allowed.contains(supertype)) {
        problems.add(
            Problem.onElement(
                Message.WRONG_SUPERTYPE, d.nestedName(), supertype, d.loss(), String.join(" or ", allowed)));
      }
    }
  }

  /** The interface of precision {@code to} that corresponds to {@code name} of precision {@code from}. */
  private static Optional<String> counterpart(String name, Precision from, Precision to) {
    if (name.equals(TrainingInterface.base(from))) {
      return Optional.of(TrainingInterface.base(to));
    }
    for (TrainingInterface api : TrainingInterface.values()) {
      if (name.equals(api.qualifiedName(from))) {
        return Optional.of(api.qualifiedName(to));
      }
    }
    return Optional.empty();
  }

  private static String simpleName(String nestedName) {
    return nestedName.substring(nestedName.lastIndexOf('.') + 1);
  }

  private static String braces(List<Integer> layers) {
    return layers.toString().replace('[', '{').replace(']', '}');
  }
}
