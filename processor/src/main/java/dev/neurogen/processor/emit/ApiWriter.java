package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.LOGIT;
import static dev.neurogen.processor.emit.FieldNames.activations;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Loss;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.TrainingInterface;
import dev.neurogen.processor.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The public methods of the runtime interfaces: argument checks first (so a wrong call fails with
 * a message naming the argument), then the batch machinery of {@link BatchWriter}.
 */
final class ApiWriter {
  private static final ClassName ARGUMENT_CHECKS = ClassName.get("dev.neurogen", "ArgumentChecks");
  private static final ClassName WEIGHT_INITIALIZER = ClassName.get("dev.neurogen", "WeightInitializer");
  private static final ClassName PARAMETER_LAYOUT = ClassName.get("dev.neurogen", "ParameterLayout");
  private static final ClassName ACTIVATION = ClassName.get("dev.neurogen", "Activation");
  private static final ClassName LOSS = ClassName.get("dev.neurogen", "Loss");
  private final TypeName VECTOR;
  private static final TypeName LABELS = TypeName.get(int[].class);

  /** Which argument carries the targets. */
  private enum Targets {
    LABELS("labels"),
    ROWS("targets");

    final String parameter;

    Targets(String parameter) {
      this.parameter = parameter;
    }
  }

  private final NetworkPlan plan;
  private final ElementType element;
  private final OptimizerWriter optimizers;
  private final int inputs;
  private final int outputs;

  ApiWriter(NetworkPlan plan) {
    this.element = ElementType.of(plan);
    this.VECTOR = element.array();
    this.plan = plan;
    this.optimizers = new OptimizerWriter(plan);
    this.inputs = plan.model().size(0);
    this.outputs = plan.model().size(plan.layerCount());
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(simpleGetter("layerSizes", TypeName.get(int[].class), "LAYER_SIZES.clone()"));
    methods.add(simpleGetter("inputSize", TypeName.INT, "INPUTS"));
    methods.add(simpleGetter("outputSize", TypeName.INT, "OUTPUTS"));
    methods.add(simpleGetter("parameterCount", TypeName.INT, "PARAMETERS"));
    methods.add(publicOverride("loss").returns(LOSS).addStatement("return $T.$L", LOSS, plan.model().loss()).build());
    methods.add(activationGetter());
    methods.add(initialize());
    methods.add(predict());
    if (plan.model().trainingInterfaces().contains(TrainingInterface.CLASSIFIER)) {
      methods.add(classify());
      methods.addAll(training(Targets.LABELS));
    }
    if (plan.model().trainingInterfaces().contains(TrainingInterface.TARGET_TRAINABLE)) {
      methods.addAll(training(Targets.ROWS));
    }
    return methods;
  }

  /** {@code activation(layer)}: the declared activation of each layer, as a switch. */
  private MethodSpec activationGetter() {
    if (plan.splits(dev.neurogen.processor.plan.PerNetworkMethod.STATIC_INITIALISER)) {
      return deepActivationGetter();
    }
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (layer)");
    for (int l = 1; l <= plan.layerCount(); l++) {
      body.add("case $L:\n", l).indent().addStatement("return $T.$L", ACTIVATION, plan.layer(l).activation()).unindent();
    }
    body.add("default:\n").indent()
        .addStatement("throw new $T($S + layer)", IllegalArgumentException.class,
            "layer must be in [1, " + plan.layerCount() + "] (1 = first hidden layer, " + plan.layerCount()
                + " = output layer), got ")
        .unindent()
        .endControlFlow();
    return publicOverride("activation").returns(ACTIVATION).addParameter(TypeName.INT, "layer").addCode(body.build()).build();
  }

  /**
   * For networks so deep that a switch with a case per layer would exceed the JIT's method limit
   * (8 bytes a case): the output layer's activation, else the hidden one, or for mixed hidden
   * activations the layer's entry of their names (a metadata call, not a hot path).
   */
  private MethodSpec deepActivationGetter() {
    int layers = plan.layerCount();
    NetworkModel model = plan.model();
    CodeBlock.Builder body = CodeBlock.builder()
        .beginControlFlow("if (layer < 1 || layer > $L)", layers)
        .addStatement("throw new $T($S + layer)", IllegalArgumentException.class,
            "layer must be in [1, " + layers + "] (1 = first hidden layer, " + layers + " = output layer), got ")
        .endControlFlow()
        .beginControlFlow("if (layer == $L)", layers)
        .addStatement("return $T.$L", ACTIVATION, model.outputActivation())
        .endControlFlow();
    if (model.hasUniformHiddenActivation()) {
      body.addStatement("return $T.$L", ACTIVATION, model.hiddenActivations().get(0));
    } else {
      String names = model.hiddenActivations().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(","));
      body.addStatement("return $T.valueOf($S.split($S)[layer - 1])", ACTIVATION, names, ",");
    }
    return publicOverride("activation").returns(ACTIVATION).addParameter(TypeName.INT, "layer").addCode(body.build()).build();
  }

  private MethodSpec initialize() {
    // drawn in double for both precisions (a float network rounds them in setParameters(double[]))
    CodeBlock.Builder body = CodeBlock.builder().addStatement("double[] parameters = new double[PARAMETERS]");
    NetworkModel model = plan.model();
    if (model.hasUniformHiddenActivation() && !model.hiddenActivations().isEmpty()) {
      body.addStatement("$T.initialize(parameters, $T.of(LAYER_SIZES), $T.$L, $T.$L, seed)",
          WEIGHT_INITIALIZER, PARAMETER_LAYOUT,
          ACTIVATION, model.hiddenActivations().get(0), ACTIVATION, model.outputActivation());
    } else {
      // one activation per layer, the output layer's last: each picks its layer's default rule
      CodeBlock activations = model.layerActivations().stream()
          .map(a -> CodeBlock.of("$T.$L", ACTIVATION, a))
          .collect(CodeBlock.joining(", "));
      body.addStatement("$T.initialize(parameters, $T.of(LAYER_SIZES), $T.of($L), seed)",
          WEIGHT_INITIALIZER, PARAMETER_LAYOUT, List.class, activations);
    }
    body.addStatement("setParameters(parameters)");
    return publicOverride("initialize").addParameter(TypeName.LONG, "seed").addCode(body.build()).build();
  }

  private MethodSpec predict() {
    CodeBlock body = CodeBlock.builder()
        .add(rowChecks())
        .addStatement("$T.requireExactLength($S, output, OUTPUTS, $S)", ARGUMENT_CHECKS, "output", "outputSize()")
        .addStatement("$T.arraycopy(input, 0, $N[0], 0, INPUTS)", System.class, activations(0))
        .addStatement("$N(0)", BatchWriter.FORWARD_SAMPLE)
        .addStatement("$T.arraycopy($N[0], 0, output, 0, OUTPUTS)", System.class, activations(plan.layerCount()))
        .build();
    return publicOverride("predict").addParameter(VECTOR, "input").addParameter(VECTOR, "output").addCode(body).build();
  }

  private MethodSpec classify() {
    CodeBlock body = CodeBlock.builder()
        .add(rowChecks())
        .addStatement("$T.arraycopy(input, 0, $N[0], 0, INPUTS)", System.class, activations(0))
        .addStatement("$N(0)", BatchWriter.FORWARD_SAMPLE)
        .add("// the largest logit is the largest output: softmax is monotonic\n")
        .addStatement(element.code("double[] a = $N[0]"), LOGIT)
        .addStatement("int best = 0")
        .beginControlFlow("for (int k = 1; k < OUTPUTS; k++)")
        .beginControlFlow("if (a[k] > a[best])")
        .addStatement("best = k")
        .endControlFlow()
        .endControlFlow()
        .addStatement("return best")
        .build();
    return publicOverride("classify").returns(TypeName.INT).addParameter(VECTOR, "input").addCode(body).build();
  }

  /** One input row: exactly the network's width (a longer row is a different feature vector), finite. */
  private static CodeBlock rowChecks() {
    return CodeBlock.builder()
        .addStatement("$T.requireExactLength($S, input, INPUTS, $S)", ARGUMENT_CHECKS, "input", "inputSize()")
        .addStatement("$T.requireFiniteRows($S, input, 1, INPUTS)", ARGUMENT_CHECKS, "input")
        .build();
  }

  private List<MethodSpec> training(Targets targets) {
    TypeName targetType = targets == Targets.LABELS ? LABELS : VECTOR;
    String name = targets.parameter;

    MethodSpec loss = publicOverride("loss").returns(element.scalar())
        .addParameter(VECTOR, "inputs").addParameter(targetType, name).addParameter(TypeName.INT, "batchSize")
        .addCode(checks(targets))
        .addStatement("return $L", passCall(targets, false, "null"))
        .build();

    MethodSpec gradient = publicOverride("lossAndGradient").returns(element.scalar())
        .addParameter(VECTOR, "inputs").addParameter(targetType, name).addParameter(TypeName.INT, "batchSize")
        .addParameter(VECTOR, "gradient").addParameter(VECTOR, "inputGradient")
        .addCode(checks(targets))
        .addStatement("$T.requireExactLength($S, gradient, PARAMETERS, $S)", ARGUMENT_CHECKS, "gradient",
            "parameterCount()")
        .beginControlFlow("if (inputGradient != null)")
        .addStatement("$T.requireLength($S, inputGradient, (long) batchSize * INPUTS, $S)", ARGUMENT_CHECKS,
            "inputGradient", "batchSize x " + inputs)
        .endControlFlow()
        .addStatement(element.code("double loss = $L"), passCall(targets, true, "inputGradient"))
        .addStatement(element.code("$N(gradient, 1.0 / batchSize)"), ParameterWriter.EXPORT_GRADIENTS)
        .addStatement("return loss")
        .build();

    MethodSpec train = publicOverride("trainStep").returns(element.scalar())
        .addParameter(VECTOR, "inputs").addParameter(targetType, name).addParameter(TypeName.INT, "batchSize")
        .addParameter(element.scalar(), "learningRate")
        .addCode(checks(targets))
        .addStatement("$T.requireLearningRate(learningRate)", ARGUMENT_CHECKS)
        .addCode(singleSampleShortcut(targets))
        .addStatement(element.code("double loss = $L"), passCall(targets, true, "null"))
        .addCode(optimizers.plainUpdate())
        .addStatement("return loss")
        .build();
    // The runtime interface gives this form as a default method; it is generated too so that an
    // interface may re-declare it abstract.
    MethodSpec gradientOnly = publicOverride("lossAndGradient").returns(element.scalar())
        .addParameter(VECTOR, "inputs").addParameter(targetType, name).addParameter(TypeName.INT, "batchSize")
        .addParameter(VECTOR, "gradient")
        .addStatement("return lossAndGradient(inputs, $N, batchSize, gradient, null)", name)
        .build();

    MethodSpec trainWithOptimizer = publicOverride("trainStep").returns(element.scalar())
        .addParameter(VECTOR, "inputs").addParameter(targetType, name).addParameter(TypeName.INT, "batchSize")
        .addParameter(OptimizerWriter.STATE_TYPE, "optimizer")
        .addCode(checks(targets))
        .addStatement("$T.requireNonNull(optimizer, $S)", java.util.Objects.class, "optimizer must not be null")
        .addStatement(element.code("double loss = $L"), passCall(targets, true, "null"))
        .addCode(optimizers.optimizerUpdate())
        .addStatement("return loss")
        .build();
    return List.of(loss, gradient, gradientOnly, train, trainWithOptimizer);
  }

  /** The checks of a training batch with labels or target rows, for {@link ParallelWriter}. */
  CodeBlock batchChecks(boolean labels) {
    return checks(labels ? Targets.LABELS : Targets.ROWS);
  }

  private CodeBlock checks(Targets targets) {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T.requireBatchSize(batchSize)", ARGUMENT_CHECKS)
        .addStatement("$T.requireLength($S, inputs, (long) batchSize * INPUTS, $S)", ARGUMENT_CHECKS,
            "inputs", "batchSize x " + inputs);
    // before any arithmetic: one NaN or infinity would spread into every parameter
    body.addStatement("$T.requireFiniteRows($S, inputs, batchSize, INPUTS)", ARGUMENT_CHECKS, "inputs");
    if (targets == Targets.LABELS) {
      body.addStatement("$T.requireLabels(labels, batchSize, OUTPUTS)", ARGUMENT_CHECKS);
    } else {
      body.addStatement("$T.requireLength($S, targets, (long) batchSize * OUTPUTS, $S)", ARGUMENT_CHECKS,
          "targets", "batchSize x " + outputs);
      body.addStatement("$T.requireTargetsIn(targets, batchSize, OUTPUTS, $L, $L)", ARGUMENT_CHECKS,
          targetRange()[0], targetRange()[1]);
      if (plan.model().loss() == Loss.CROSS_ENTROPY) {
        body.addStatement("$T.requireProbabilityRows(targets, batchSize, OUTPUTS)", ARGUMENT_CHECKS);
      }
    }
    return body.build();
  }

  /**
   * inputs, then the targets or labels parameters that {@code pass} and {@code trainSample} have
   * for this loss, null for the form not given.
   */
  private List<String> targetArguments(Targets targets) {
    List<String> arguments = new ArrayList<>();
    arguments.add("inputs");
    if (plan.model().loss() != Loss.HINGE) {
      arguments.add(targets == Targets.ROWS ? "targets" : "null");
    }
    if (plan.model().trainingInterfaces().contains(TrainingInterface.CLASSIFIER)) {
      arguments.add(targets == Targets.LABELS ? "labels" : "null");
    }
    return arguments;
  }

  /** Unrolled networks train a batch of one sample without the gradient arrays. */
  private CodeBlock singleSampleShortcut(Targets targets) {
    if (plan.hasLoopedLayer()) {
      return CodeBlock.of("");
    }
    List<String> arguments = targetArguments(targets);
    arguments.add("learningRate");
    return CodeBlock.builder()
        .beginControlFlow("if (batchSize == 1)")
        .addStatement("return $N($L)", BatchWriter.TRAIN_SAMPLE, String.join(", ", arguments))
        .endControlFlow()
        .build();
  }

  /** What a target row may hold: probabilities for BCE, non-negative weights for soft labels. */
  private CodeBlock[] targetRange() {
    // Double through $T, so that a type named Double in the user's package cannot capture it
    CodeBlock max = CodeBlock.of("$T.MAX_VALUE", Double.class);
    switch (plan.model().loss()) {
      case BINARY_CROSS_ENTROPY:
        return new CodeBlock[] {CodeBlock.of(element.code("0.0")), CodeBlock.of(element.code("1.0"))};
      case CROSS_ENTROPY:
        return new CodeBlock[] {CodeBlock.of(element.code("0.0")), max};
      default:
        return new CodeBlock[] {CodeBlock.of("-$L", max), max};
    }
  }

  /** The call of {@code pass} with the arguments its signature has for this loss. */
  private CodeBlock passCall(Targets targets, boolean backward, String inputGradient) {
    List<String> arguments = targetArguments(targets);
    arguments.add("batchSize");
    arguments.add(Boolean.toString(backward));
    arguments.add(inputGradient);
    return CodeBlock.of("$N($L)", BatchWriter.PASS, String.join(", ", arguments));
  }

  private static MethodSpec simpleGetter(String name, TypeName type, String expression) {
    return publicOverride(name).returns(type).addStatement("return $L", expression).build();
  }

  private static MethodSpec.Builder publicOverride(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
