package dev.neurogen.processor.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.Loss;
import dev.neurogen.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link NetworkRules#validate} on plain declarations, no javac. Each rule is broken on its own in
 * an otherwise valid declaration, so exactly one problem is expected, with its message, the
 * attribute javac will point at and (for layer sizes) the offending index.
 */
class NetworkRulesTest {
  private static final String CLASSIFIER = "dev.neurogen.Classifier";
  private static final String TARGET_TRAINABLE = "dev.neurogen.TargetTrainable";
  private static final String NEURAL_NETWORK = "dev.neurogen.NeuralNetwork";

  // ------------------------------------------------------------------ the element

  @Test
  void classIsNotAnInterface() {
    Problem problem = onlyProblem(valid().kind("a class", false));
    assertProblem(problem, Message.NOT_AN_INTERFACE, Attribute.ELEMENT, -1);
    assertContains(problem, "Net is a class");
  }

  @Test
  void annotationTypeIsNotAnInterface() {
    Problem problem = onlyProblem(valid().kind("an annotation type", false));
    assertProblem(problem, Message.NOT_AN_INTERFACE, Attribute.ELEMENT, -1);
    assertContains(problem, "an annotation type");
  }

  @Test
  void genericInterface() {
    Problem problem = onlyProblem(valid().typeParameters("T", "U"));
    assertProblem(problem, Message.GENERIC, Attribute.ELEMENT, -1);
    assertContains(problem, "<T, U>");
  }

  @Test
  void localInterface() {
    assertProblem(onlyProblem(valid().local()), Message.LOCAL, Attribute.ELEMENT, -1);
  }

  @Test
  void privateInterface() {
    Problem problem = onlyProblem(valid().nested("Outer.Net").privateInterface());
    assertProblem(problem, Message.PRIVATE, Attribute.ELEMENT, -1);
    assertContains(problem, "Outer_NetImpl");
  }

  @Test
  void interfaceInsidePrivateType() {
    Problem problem = onlyProblem(valid().nested("Outer.Hidden.Net").privateEnclosing("p.Outer.Hidden"));
    assertProblem(problem, Message.ENCLOSED_IN_PRIVATE, Attribute.ELEMENT, -1);
    assertContains(problem, "p.Outer.Hidden");
    assertContains(problem, "Outer_Hidden_NetImpl");
  }

  @Test
  void everyAbstractMethodIsAProblem() {
    NetworkRules.Result result = NetworkRules.validate(valid().abstractMethods("train()", "score()").build());
    assertEquals(List.of(Message.ABSTRACT_METHOD, Message.ABSTRACT_METHOD), messages(result));
    assertTrue(result.problems().get(0).text().contains("train()"));
    assertTrue(result.problems().get(1).text().contains("score()"));
    assertTrue(result.problems().stream().allMatch(p -> p.attribute() == Attribute.ELEMENT));
    assertTrue(result.model().isEmpty());
  }

  @Test
  void generatedNameClash() {
    Problem problem = onlyProblem(valid().existing("p.NetImpl"));
    assertProblem(problem, Message.NAME_CLASH, Attribute.ELEMENT, -1);
    assertContains(problem, "p.NetImpl");
  }

  @ParameterizedTest
  @CsvSource({
    "MSE, dev.neurogen.Classifier",
    "BINARY_CROSS_ENTROPY, dev.neurogen.Classifier",
    "HINGE, dev.neurogen.TargetTrainable",
    "MSE, java.lang.Runnable",
  })
  void supertypeThatDoesNotFitTheLoss(Loss loss, String supertype) {
    Problem problem = onlyProblem(valid().loss(loss).superinterfaces(supertype));
    assertProblem(problem, Message.WRONG_SUPERTYPE, Attribute.ELEMENT, -1);
    assertContains(problem, supertype);
    assertContains(problem, loss.name());
  }

  /** The brief's table: which runtime interfaces each loss may extend (NeuralNetwork always). */
  @ParameterizedTest
  @CsvSource({
    "CROSS_ENTROPY, dev.neurogen.Classifier",
    "CROSS_ENTROPY, dev.neurogen.TargetTrainable",
    "CROSS_ENTROPY, dev.neurogen.NeuralNetwork",
    "HINGE, dev.neurogen.Classifier",
    "HINGE, dev.neurogen.NeuralNetwork",
    "MSE, dev.neurogen.TargetTrainable",
    "MSE, dev.neurogen.NeuralNetwork",
    "BINARY_CROSS_ENTROPY, dev.neurogen.TargetTrainable",
    "BINARY_CROSS_ENTROPY, dev.neurogen.NeuralNetwork",
  })
  void supertypeThatFitsTheLoss(Loss loss, String supertype) {
    assertValid(valid().loss(loss).superinterfaces(supertype));
  }

  @Test
  void crossEntropyMayExtendBothTrainingInterfaces() {
    assertValid(valid().loss(Loss.CROSS_ENTROPY).superinterfaces(CLASSIFIER, TARGET_TRAINABLE, NEURAL_NETWORK));
  }

  // ------------------------------------------------------------------ layers

  @Test
  void oneLayerSizeIsTooFew() {
    Problem problem = onlyProblem(valid().layers(3));
    assertProblem(problem, Message.TOO_FEW_LAYERS, Attribute.LAYERS, -1);
    assertContains(problem, "{3}");
  }

  @Test
  void noLayerSizesIsTooFew() {
    Problem problem = onlyProblem(valid().layers());
    assertProblem(problem, Message.TOO_FEW_LAYERS, Attribute.LAYERS, -1);
    assertContains(problem, "has 0");
  }

  @Test
  void everySizeBelowOneIsReportedAtItsIndex() {
    NetworkRules.Result result = NetworkRules.validate(valid().layers(4, 0, 5, -2, 1).build());
    assertEquals(2, result.problems().size(), result.problems().toString());
    assertProblem(result.problems().get(0), Message.LAYER_SIZE, Attribute.LAYERS, 1);
    assertProblem(result.problems().get(1), Message.LAYER_SIZE, Attribute.LAYERS, 3);
    assertContains(result.problems().get(0), "layers[1] is 0");
    assertContains(result.problems().get(1), "layers[3] is -2");
  }

  @Test
  void aSingleNonPositiveSizeIsBothTooFewAndTooSmall() {
    NetworkRules.Result result = NetworkRules.validate(valid().layers(0).build());
    assertEquals(List.of(Message.TOO_FEW_LAYERS, Message.LAYER_SIZE), messages(result));
  }

  /**
   * The largest Java array HotSpot allocates has Integer.MAX_VALUE - 8 = 2,147,483,639 elements.
   * {2, n} has 2n weights plus n biases = 3n parameters: n = 715,827,879 gives 2,147,483,637
   * (fits), n = 715,827,880 gives 2,147,483,640 (one too many).
   */
  @Test
  void parameterCountIsLimitedByTheLargestArray() {
    Problem problem = onlyProblem(valid().layers(2, 715_827_880));
    assertProblem(problem, Message.TOO_LARGE, Attribute.LAYERS, -1);
    assertContains(problem, "2147483640");

    NetworkModel model = assertValid(valid().layers(2, 715_827_879));
    assertEquals(2_147_483_637L, model.parameterCount());
  }

  /** At most 1,000 weight layers: 1,001 sizes are accepted, 1,002 are [NetworkTooDeep] on layers. */
  @Test
  void depthIsLimited() {
    int[] limit = new int[1001];
    java.util.Arrays.fill(limit, 2);
    assertEquals(1000, assertValid(valid().layers(limit)).layerCount());

    int[] deeper = new int[1002];
    java.util.Arrays.fill(deeper, 2);
    Problem problem = onlyProblem(valid().layers(deeper));
    assertProblem(problem, Message.TOO_DEEP, Attribute.LAYERS, -1);
    assertContains(problem, "1,001 weight layers");
  }

  @Test
  void sizesWhoseProductOverflowsAnIntAreTooLarge() {
    // 65,536 x 65,536 = 2^32 wraps to 0 in int arithmetic: the check must count in long
    Problem problem = onlyProblem(valid().layers(65_536, 65_536));
    assertProblem(problem, Message.TOO_LARGE, Attribute.LAYERS, -1);
    assertContains(problem, "4295032832"); // 2^32 + 65,536 biases
  }

  /**
   * Three products of about 2^62 each add up past Long.MAX_VALUE (about 9.2e18): a running sum in
   * long wraps negative and would let this through as "small".
   */
  @Test
  void sizesWhoseParameterCountOverflowsALongAreTooLarge() {
    int max = Integer.MAX_VALUE;
    Problem problem = onlyProblem(valid().layers(max, max, max, max));
    assertProblem(problem, Message.TOO_LARGE, Attribute.LAYERS, -1);
  }

  // ------------------------------------------------------------------ activations and loss

  @Test
  void softmaxIsNotAHiddenActivation() {
    assertProblem(
        onlyProblem(valid().activation(Activation.SOFTMAX)), Message.SOFTMAX_HIDDEN, Attribute.ACTIVATION, -1);
  }

  @Test
  void softmaxHiddenIsReportedEvenForASingleLayerNetwork() {
    // with layers {2, 1} there is no hidden layer, but the attribute is still wrong as written
    assertProblem(
        onlyProblem(valid().layers(2, 1).activation(Activation.SOFTMAX)),
        Message.SOFTMAX_HIDDEN, Attribute.ACTIVATION, -1);
  }

  @Test
  void atMostOneOutputActivation() {
    Problem problem = onlyProblem(valid().outputs(Activation.SIGMOID, Activation.TANH));
    assertProblem(problem, Message.OUTPUT_ACTIVATION_COUNT, Attribute.OUTPUT_ACTIVATION, -1);
    assertContains(problem, "has 2");
  }

  @ParameterizedTest
  @CsvSource({
    "CROSS_ENTROPY, SIGMOID, SOFTMAX",
    "CROSS_ENTROPY, IDENTITY, SOFTMAX",
    "HINGE, SOFTMAX, IDENTITY",
    "HINGE, SIGMOID, IDENTITY",
    "BINARY_CROSS_ENTROPY, IDENTITY, SIGMOID",
    "BINARY_CROSS_ENTROPY, SOFTMAX, SIGMOID",
  })
  void lossNeedsItsOutputActivation(Loss loss, Activation written, Activation needed) {
    Problem problem = onlyProblem(valid().loss(loss).outputs(written));
    assertProblem(problem, Message.LOSS_NEEDS_OUTPUT, Attribute.OUTPUT_ACTIVATION, -1);
    assertContains(problem, "needs outputActivation = " + needed + ", but it is " + written);
  }

  @Test
  void mseDoesNotTakeSoftmax() {
    assertProblem(
        onlyProblem(valid().loss(Loss.MSE).outputs(Activation.SOFTMAX)),
        Message.MSE_WITH_SOFTMAX, Attribute.OUTPUT_ACTIVATION, -1);
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"SIGMOID", "TANH", "RELU", "LEAKY_RELU", "IDENTITY"})
  void mseTakesAnyElementWiseOutput(Activation output) {
    NetworkModel model = assertValid(valid().loss(Loss.MSE).outputs(output));
    assertEquals(output, model.outputActivation());
  }

  @ParameterizedTest
  @CsvSource({
    "CROSS_ENTROPY, SOFTMAX",
    "BINARY_CROSS_ENTROPY, SIGMOID",
    "HINGE, IDENTITY",
  })
  void writingTheLossesOwnOutputIsValid(Loss loss, Activation output) {
    assertEquals(output, assertValid(valid().loss(loss).outputs(output)).outputActivation());
  }

  // ------------------------------------------------------------------ code style

  @Test
  void vectorApiNeedsTheIncubatorModule() {
    assertProblem(
        onlyProblem(valid().codeStyle(CodeStyle.VECTOR_API, false)),
        Message.VECTOR_API_MISSING, Attribute.CODE_STYLE, -1);
  }

  @Test
  void vectorApiWithTheModuleIsValid() {
    NetworkModel model = assertValid(valid().codeStyle(CodeStyle.VECTOR_API, true));
    assertEquals(CodeStyle.VECTOR_API, model.codeStyle());
  }

  @Test
  void portableStyleDoesNotNeedTheModule() {
    NetworkModel model = assertValid(valid().codeStyle(CodeStyle.PORTABLE, false));
    assertEquals(CodeStyle.PORTABLE, model.codeStyle());
  }

  // ------------------------------------------------------------------ valid declarations

  /** The defaults from the @Network documentation, written out independently of the rules. */
  @ParameterizedTest
  @CsvSource({
    "CROSS_ENTROPY, SOFTMAX",
    "BINARY_CROSS_ENTROPY, SIGMOID",
    "MSE, IDENTITY",
    "HINGE, IDENTITY",
  })
  void leftOutOutputActivationIsTheLossDefault(Loss loss, Activation expected) {
    NetworkModel model = assertValid(valid().loss(loss).activation(Activation.TANH));
    assertEquals(expected, model.outputActivation());
    assertEquals(List.of(Activation.TANH), model.hiddenActivations());
    assertEquals(loss, model.loss());
  }

  @Test
  void validModelCarriesTheDeclaration() {
    NetworkModel model =
        assertValid(
            valid()
                .nested("Outer.Net")
                .notPublic()
                .layers(4, 8, 5, 3)
                .activation(Activation.RELU)
                .loss(Loss.CROSS_ENTROPY)
                .superinterfaces(CLASSIFIER));
    assertEquals("p", model.packageName());
    assertEquals("Outer.Net", model.interfaceName());
    assertEquals("Outer_NetImpl", model.generatedName());
    assertFalse(model.isPublic());
    assertArrayEquals(new int[] {4, 8, 5, 3}, model.layers());
    assertEquals(3, model.layerCount());
    assertEquals(Activation.RELU, model.activation(1));
    assertEquals(Activation.RELU, model.activation(2));
    assertEquals(Activation.SOFTMAX, model.activation(3));
    // 8*4 + 8 + 5*8 + 5 + 3*5 + 3
    assertEquals(103, model.parameterCount());
  }

  @Test
  void theDefaultPackageGivesAnUnqualifiedGeneratedName() {
    NetworkDeclaration declaration = valid().packageName("").build();
    assertEquals("NetImpl", declaration.generatedQualifiedName());
    assertEquals("NetImpl", assertValid(valid().packageName("")).generatedName());
  }

  // ------------------------------------------------------------------ hiddenActivations

  @Test
  void hiddenActivationsGiveEachHiddenLayerItsOwn() {
    NetworkModel model =
        assertValid(valid().layers(5, 8, 7, 6, 2).hiddenActivations(Activation.RELU, Activation.RELU, Activation.TANH));
    assertEquals(List.of(Activation.RELU, Activation.RELU, Activation.TANH), model.hiddenActivations());
    assertEquals(Activation.RELU, model.activation(1));
    assertEquals(Activation.RELU, model.activation(2));
    assertEquals(Activation.TANH, model.activation(3));
    assertEquals(Activation.IDENTITY, model.activation(4));
    assertFalse(model.hasUniformHiddenActivation());
    assertEquals(
        List.of(Activation.RELU, Activation.RELU, Activation.TANH, Activation.IDENTITY), model.layerActivations());
  }

  @Test
  void withoutHiddenActivationsEveryHiddenLayerHasTheActivation() {
    NetworkModel model = assertValid(valid().layers(5, 8, 7, 2).activation(Activation.LEAKY_RELU));
    assertEquals(List.of(Activation.LEAKY_RELU, Activation.LEAKY_RELU), model.hiddenActivations());
    assertTrue(model.hasUniformHiddenActivation());
  }

  @Test
  void anEmptyListFitsANetworkWithoutHiddenLayers() {
    NetworkModel model = assertValid(valid().layers(5, 2).hiddenActivations());
    assertEquals(List.of(), model.hiddenActivations());
    assertEquals(List.of(Activation.IDENTITY), model.layerActivations());
  }

  @Test
  void tooFewHiddenActivations() {
    Problem problem = onlyProblem(valid().layers(5, 8, 7, 6, 2).hiddenActivations(Activation.RELU, Activation.TANH));
    assertProblem(problem, Message.HIDDEN_ACTIVATION_COUNT, Attribute.HIDDEN_ACTIVATIONS, -1);
    assertContains(problem, "has 2 value(s) {RELU, TANH}, but layers {5, 8, 7, 6, 2} has 3 hidden layer(s)");
  }

  @Test
  void tooManyHiddenActivations() {
    Problem problem = onlyProblem(valid().layers(2, 3, 1).hiddenActivations(Activation.RELU, Activation.TANH));
    assertProblem(problem, Message.HIDDEN_ACTIVATION_COUNT, Attribute.HIDDEN_ACTIVATIONS, -1);
    assertContains(problem, "has 1 hidden layer(s)");
  }

  @Test
  void hiddenActivationsWithoutHiddenLayers() {
    Problem problem = onlyProblem(valid().layers(4, 2).hiddenActivations(Activation.RELU));
    assertProblem(problem, Message.HIDDEN_ACTIVATION_COUNT, Attribute.HIDDEN_ACTIVATIONS, -1);
    assertContains(problem, "leave hiddenActivations out");
  }

  @Test
  void anExplicitEmptyListWithHiddenLayersIsACountMismatch() {
    Problem problem = onlyProblem(valid().layers(4, 3, 2).hiddenActivations());
    assertProblem(problem, Message.HIDDEN_ACTIVATION_COUNT, Attribute.HIDDEN_ACTIVATIONS, -1);
  }

  @Test
  void softmaxInHiddenActivationsPointsAtTheValue() {
    Problem problem =
        onlyProblem(valid().layers(5, 8, 7, 6, 2).hiddenActivations(Activation.RELU, Activation.SOFTMAX, Activation.TANH));
    assertProblem(problem, Message.SOFTMAX_IN_HIDDEN_ACTIVATIONS, Attribute.HIDDEN_ACTIVATIONS, 1);
    assertEquals("NetworkSoftmaxHidden", problem.message().tag());
    assertContains(problem, "hiddenActivations[1] is SOFTMAX");
  }

  @Test
  void activationAndHiddenActivationsTogether() {
    Problem problem = onlyProblem(valid().layers(4, 3, 2).activation(Activation.TANH).hiddenActivations(Activation.RELU));
    assertProblem(problem, Message.ACTIVATION_AND_HIDDEN_ACTIVATIONS, Attribute.HIDDEN_ACTIVATIONS, -1);
  }

  @Test
  void theDefaultActivationWrittenOutStillConflicts() {
    Problem problem =
        onlyProblem(valid().layers(4, 3, 2).activation(Activation.SIGMOID).hiddenActivations(Activation.SIGMOID));
    assertProblem(problem, Message.ACTIVATION_AND_HIDDEN_ACTIVATIONS, Attribute.HIDDEN_ACTIVATIONS, -1);
  }

  @Test
  void everyHiddenActivationsProblemIsReportedTogether() {
    NetworkRules.Result result =
        NetworkRules.validate(
            valid().layers(4, 3, 2).activation(Activation.TANH)
                .hiddenActivations(Activation.SOFTMAX, Activation.SOFTMAX).build());
    assertEquals(
        List.of(Message.ACTIVATION_AND_HIDDEN_ACTIVATIONS, Message.HIDDEN_ACTIVATION_COUNT,
            Message.SOFTMAX_IN_HIDDEN_ACTIVATIONS, Message.SOFTMAX_IN_HIDDEN_ACTIVATIONS),
        messages(result));
    assertEquals(0, result.problems().get(2).index());
    assertEquals(1, result.problems().get(3).index());
  }

  // ------------------------------------------------------------------ everything at once

  @Test
  void allProblemsOfADeclarationAreReportedTogether() {
    NetworkRules.Result result =
        NetworkRules.validate(
            valid()
                .typeParameters("T")
                .privateInterface()
                .abstractMethods("train()")
                .existing("p.NetImpl")
                .layers(3, 0)
                .activation(Activation.SOFTMAX)
                .loss(Loss.HINGE)
                .outputs(Activation.SOFTMAX)
                .superinterfaces(TARGET_TRAINABLE)
                .codeStyle(CodeStyle.VECTOR_API, false)
                .build());
    assertTrue(result.model().isEmpty());
    assertEquals(
        Set.of(
            Message.GENERIC,
            Message.PRIVATE,
            Message.ABSTRACT_METHOD,
            Message.NAME_CLASH,
            Message.LAYER_SIZE,
            Message.SOFTMAX_HIDDEN,
            Message.LOSS_NEEDS_OUTPUT,
            Message.WRONG_SUPERTYPE,
            Message.VECTOR_API_MISSING),
        Set.copyOf(messages(result)));
    assertEquals(9, result.problems().size(), result.problems().toString());
  }

  @Test
  void aNonInterfaceStillHasItsAttributesChecked() {
    NetworkRules.Result result =
        NetworkRules.validate(
            valid().kind("an enum", false).layers(5).outputs(Activation.RELU, Activation.TANH).build());
    assertEquals(
        Set.of(Message.NOT_AN_INTERFACE, Message.TOO_FEW_LAYERS, Message.OUTPUT_ACTIVATION_COUNT),
        Set.copyOf(messages(result)));
  }

  @Test
  void everyProblemTextStartsWithItsTag() {
    NetworkRules.Result result =
        NetworkRules.validate(valid().local().layers(1, -1).activation(Activation.SOFTMAX).build());
    assertFalse(result.problems().isEmpty());
    for (Problem problem : result.problems()) {
      assertTrue(problem.text().startsWith("[" + problem.message().tag() + "] "), problem.text());
    }
  }

  // ------------------------------------------------------------------ helpers

  private static Problem onlyProblem(Declaration declaration) {
    NetworkRules.Result result = NetworkRules.validate(declaration.build());
    assertEquals(1, result.problems().size(), () -> "problems: " + result.problems());
    assertTrue(result.model().isEmpty(), "an invalid declaration must not give a model");
    return result.problems().get(0);
  }

  private static NetworkModel assertValid(Declaration declaration) {
    NetworkRules.Result result = NetworkRules.validate(declaration.build());
    assertEquals(List.of(), result.problems());
    assertTrue(result.model().isPresent());
    return result.model().get();
  }

  private static void assertProblem(Problem problem, Message message, Attribute attribute, int index) {
    assertEquals(message, problem.message(), problem.text());
    assertEquals(attribute, problem.attribute(), problem.text());
    assertEquals(index, problem.index(), problem.text());
    assertTrue(problem.text().startsWith("[" + message.tag() + "] "), problem.text());
  }

  private static void assertContains(Problem problem, String part) {
    assertTrue(problem.text().contains(part), () -> "expected '" + part + "' in: " + problem.text());
  }

  private static List<Message> messages(NetworkRules.Result result) {
    return result.problems().stream().map(Problem::message).collect(Collectors.toList());
  }

  /** A valid declaration to start from: public interface p.Net, {2, 3, 1}, SIGMOID hidden, MSE. */
  private static Declaration valid() {
    return new Declaration();
  }

  /** A small mutable builder, so each test states only what it breaks. */
  private static final class Declaration {
    private String packageName = "p";
    private String nestedName = "Net";
    private String kind = "an interface";
    private boolean isInterface = true;
    private boolean isPublic = true;
    private List<String> typeParameters = List.of();
    private boolean isPrivate;
    private Optional<String> privateEnclosing = Optional.empty();
    private boolean isLocal;
    private List<String> superinterfaces = List.of();
    private List<String> abstractMethods = List.of();
    private Optional<String> existing = Optional.empty();
    private List<Integer> layers = List.of(2, 3, 1);
    private Activation activation = Activation.SIGMOID;
    private List<Activation> outputs = List.of();
    private Loss loss = Loss.MSE;
    private CodeStyle codeStyle = CodeStyle.PORTABLE;
    private boolean vectorApiAvailable = true;
    private boolean activationWritten;
    private Optional<List<Activation>> hiddenActivations = Optional.empty();

    Declaration packageName(String name) {
      packageName = name;
      return this;
    }

    Declaration nested(String name) {
      nestedName = name;
      return this;
    }

    Declaration kind(String description, boolean anInterface) {
      kind = description;
      isInterface = anInterface;
      return this;
    }

    Declaration notPublic() {
      isPublic = false;
      return this;
    }

    Declaration typeParameters(String... names) {
      typeParameters = List.of(names);
      return this;
    }

    Declaration privateInterface() {
      isPrivate = true;
      isPublic = false;
      return this;
    }

    Declaration privateEnclosing(String name) {
      privateEnclosing = Optional.of(name);
      return this;
    }

    Declaration local() {
      isLocal = true;
      return this;
    }

    Declaration superinterfaces(String... names) {
      superinterfaces = List.of(names);
      return this;
    }

    Declaration abstractMethods(String... signatures) {
      abstractMethods = List.of(signatures);
      return this;
    }

    Declaration existing(String qualifiedName) {
      existing = Optional.of(qualifiedName);
      return this;
    }

    Declaration layers(int... sizes) {
      List<Integer> list = new ArrayList<>();
      for (int size : sizes) {
        list.add(size);
      }
      layers = list;
      return this;
    }

    Declaration activation(Activation hidden) {
      activation = hidden;
      activationWritten = true;
      return this;
    }

    Declaration hiddenActivations(Activation... perLayer) {
      hiddenActivations = Optional.of(List.of(perLayer));
      return this;
    }

    Declaration outputs(Activation... written) {
      outputs = List.of(written);
      return this;
    }

    Declaration loss(Loss value) {
      loss = value;
      return this;
    }

    Declaration codeStyle(CodeStyle style, boolean moduleVisible) {
      codeStyle = style;
      vectorApiAvailable = moduleVisible;
      return this;
    }

    NetworkDeclaration build() {
      return new NetworkDeclaration(
          packageName, nestedName, kind, isInterface, isPublic, typeParameters, isPrivate,
          privateEnclosing, isLocal, superinterfaces, abstractMethods, existing, layers, activation,
          outputs, loss, codeStyle, vectorApiAvailable, activationWritten, hiddenActivations, Precision.DOUBLE);
    }
  }
}
