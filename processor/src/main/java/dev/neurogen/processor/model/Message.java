package dev.neurogen.processor.model;

/**
 * The catalogue of every diagnostic the processor reports. Each text starts with a stable tag, says
 * what is wrong and what to write instead; tests assert on the tag.
 */
public enum Message {
  NOT_AN_INTERFACE(
      "NetworkNotInterface",
      "@Network must be placed on an interface, but %s is %s. Declare it as"
          + " 'interface %s extends Classifier {}' (or TargetTrainable, or with no supertype)."),
  GENERIC(
      "NetworkGeneric",
      "@Network interface %s must not have type parameters; remove <%s>: the generated class is"
          + " specialised to one fixed network."),
  PRIVATE(
      "NetworkPrivate",
      "@Network interface %s must not be private: the generated class %s lives beside it in the"
          + " package and must implement it. Make it package-private or public."),
  ENCLOSED_IN_PRIVATE(
      "NetworkPrivate",
      "@Network interface %s is nested in the private type %s, which the generated class %s cannot"
          + " see. Make %s package-private or public, or move the interface out of it."),
  LOCAL(
      "NetworkLocal",
      "@Network interface %s is declared inside a method, where the generated class cannot reach it."
          + " Move it to the top level or make it a member of a class."),
  TOO_FEW_LAYERS(
      "NetworkTooFewLayers",
      "layers must list at least two sizes, the input first and the output last, but it has %d: %s."
          + " For example layers = {4, 8, 3} for 4 inputs, 8 hidden units and 3 outputs."),
  LAYER_SIZE(
      "NetworkLayerSize",
      "layers[%d] is %d, but every layer size must be at least 1. Write a positive number of units."),
  TOO_LARGE(
      "NetworkTooLarge",
      "layers %s give %s weights and biases, more than one Java array can hold (%d)."
          + " Use smaller layers."),
  TOO_DEEP(
      "NetworkTooDeep",
      "layers lists %,d sizes, that is %,d weight layers, more than the %,d that neurogen supports: the"
          + " generated class keeps several fields and methods per layer, and much deeper networks"
          + " approach the class file's limit of 65,535 constants. Use at most %,d weight layers"
          + " (%,d sizes)."),
  SOFTMAX_HIDDEN(
      "NetworkSoftmaxHidden",
      "activation = SOFTMAX is only valid for the output layer. Choose SIGMOID, TANH, RELU,"
          + " LEAKY_RELU or IDENTITY for the hidden layers; the output gets SOFTMAX by default"
          + " with loss = CROSS_ENTROPY."),
  SOFTMAX_IN_HIDDEN_ACTIVATIONS(
      "NetworkSoftmaxHidden",
      "hiddenActivations[%d] is SOFTMAX, which is only valid for the output layer. Choose SIGMOID,"
          + " TANH, RELU, LEAKY_RELU or IDENTITY for each hidden layer; the output gets SOFTMAX by"
          + " default with loss = CROSS_ENTROPY."),
  HIDDEN_ACTIVATION_COUNT(
      "NetworkHiddenActivationCount",
      "hiddenActivations has %d value(s) %s, but layers %s has %d hidden layer(s). Write exactly one"
          + " activation per hidden layer (the output layer's is outputActivation)%s."),
  ACTIVATION_AND_HIDDEN_ACTIVATIONS(
      "NetworkActivationConflict",
      "activation and hiddenActivations are both given. Write either activation = X for every"
          + " hidden layer, or hiddenActivations = {...} with one value per hidden layer, not both."),
  OUTPUT_ACTIVATION_COUNT(
      "NetworkOutputActivationCount",
      "outputActivation takes at most one value, but it has %d: %s. Write a single value,"
          + " e.g. outputActivation = SOFTMAX, or leave it out to use the loss's default."),
  LOSS_NEEDS_OUTPUT(
      "NetworkLossMismatch",
      "loss = %s needs outputActivation = %s, but it is %s. Write outputActivation = %s, or leave"
          + " outputActivation out to get it by default."),
  MSE_WITH_SOFTMAX(
      "NetworkLossMismatch",
      "loss = MSE does not work with outputActivation = SOFTMAX. Use loss = CROSS_ENTROPY for class"
          + " probabilities, or an element-wise output (IDENTITY, SIGMOID, TANH, RELU, LEAKY_RELU)"
          + " with MSE."),
  WRONG_SUPERTYPE(
      "NetworkSupertype",
      "@Network interface %s extends %s, which a network with loss = %s does not implement."
          + " It may extend only %s."),
  PRECISION_SUPERTYPE(
      "NetworkPrecision",
      "@Network interface %s has precision = %s but extends %s, an interface of %s networks. Extend"
          + " %s instead, or change precision."),
  ABSTRACT_METHOD(
      "NetworkAbstractMethod",
      "@Network interface %s declares the abstract method %s, which the generated class cannot"
          + " implement. Remove it, give it a default body, or extend Classifier or TargetTrainable"
          + " to get the network's methods."),
  VECTOR_API_MISSING(
      "NetworkVectorApiMissing",
      "codeStyle = VECTOR_API needs the incubating module jdk.incubator.vector, which this"
          + " compilation cannot see. Add --add-modules jdk.incubator.vector to javac (Maven:"
          + " maven-compiler-plugin <compilerArgs>) and to java when running, or use"
          + " codeStyle = PORTABLE."),
  NAME_CLASH(
      "NetworkNameClash",
      "the generated class %s would clash with the existing type %s. Rename the interface or the"
          + " existing type."),
  MEMBER_CLASH(
      "NetworkMemberClash",
      "the method %s of @Network interface %s has the signature of the generated class's %s member %s,"
          + " so the generated class %s could not compile. Rename the method or change its parameters."),
  RETURN_CLASH(
      "NetworkMemberClash",
      "the method %s of @Network interface %s returns %s, but the generated class %s implements the"
          + " network's method %s, which returns %s. Rename the method, or remove it to use the generated"
          + " one."),
  NOT_GENERATED(
      "NetworkAbstractMethod",
      "@Network interface %s declares the abstract method %s, which the generated class %s does not"
          + " implement. Remove it or give it a default body."),
  SHADOWED_PACKAGE(
      "NetworkMemberClash",
      "the %s named '%s' in the scope of the generated class %s hides the package %s, whose types the"
          + " generated code names in full. Rename it."),
  SEALED(
      "NetworkSealed",
      "@Network interface %s is sealed but does not permit the generated class %s, which must implement"
          + " it. Add %s to its permits clause, or remove 'sealed'."),
  WRITE_FAILED(
      "NetworkWriteFailed",
      "could not write the generated class %s: %s. Check the output directory (a name too long for the"
          + " file system can be shortened by renaming the interface)."),
  LARGE_INSTANCE(
      "NetworkMemory",
      "one instance of %s needs %s of heap while it is constructed and %s after (%,d parameters:"
          + " parameters, gradient accumulators and row mirrors %,d bytes, scratch buffers %,d bytes,"
          + " and 8 bytes per parameter while initialize runs), above the warning threshold of %s."
          + " Check the layer sizes; if the size is intended, raise the threshold with"
          + " -Aneurogen.memoryWarningMegabytes=<megabytes>."),
  BAD_OPTION(
      "NetworkOption",
      "the processor option -A%s=%s is not valid: %s. It is ignored; the default %s applies."),
  INTERNAL_ERROR(
      "NetworkInternalError",
      "neurogen failed while processing %s: %s. Nothing was generated for it; please report this"
          + " together with the declaration.");

  private final String tag;
  private final String template;

  Message(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  /** The stable tag, e.g. {@code NetworkLayerSize}, shown in brackets before the text. */
  public String tag() {
    return tag;
  }

  /** The full diagnostic text for these arguments. */
  public String format(Object... arguments) {
    return "[" + tag + "] " + String.format(java.util.Locale.ROOT, template, arguments);
  }
}
