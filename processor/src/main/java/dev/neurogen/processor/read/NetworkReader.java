package dev.neurogen.processor.read;

import dev.neurogen.Activation;
import dev.neurogen.CodeStyle;
import dev.neurogen.Precision;
import dev.neurogen.Loss;
import dev.neurogen.processor.NetworkProcessor;
import dev.neurogen.processor.model.NetworkDeclaration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads an element annotated with {@code @Network} into a plain {@link NetworkDeclaration}. This
 * is the only place that looks at javac's model of the source; it judges nothing.
 */
public final class NetworkReader {
  static final String NETWORK_ANNOTATION = "dev.neurogen.Network";
  private static final List<String> RUNTIME_INTERFACES =
      List.of("dev.neurogen.NeuralNetwork", "dev.neurogen.Classifier", "dev.neurogen.TargetTrainable",
          "dev.neurogen.FloatNetwork", "dev.neurogen.FloatClassifier", "dev.neurogen.FloatTargetTrainable");
  private static final String VECTOR_API_TYPE = "jdk.incubator.vector.DoubleVector";
  private static final String GENERATED_ANNOTATION = "javax.annotation.processing.Generated";

  private final Elements elements;
  private final Types types;
  private final Set<String> generatedThisRun;

  /**
   * @param generatedThisRun qualified names this processor has already written in this
   *     compilation (not yet visible as elements), so that two interfaces mapping to one name clash
   */
  public NetworkReader(Elements elements, Types types, Set<String> generatedThisRun) {
    this.elements = elements;
    this.types = types;
    this.generatedThisRun = generatedThisRun;
  }

  /** The {@code @Network} mirror on this element. */
  public static Optional<AnnotationMirror> networkMirror(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(NETWORK_ANNOTATION)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads the declaration, or returns empty when an annotation value is itself erroneous (javac
   * has already reported that, and a second message would only add noise).
   */
  public Optional<NetworkDeclaration> read(TypeElement type, AnnotationMirror mirror) {
    Map<? extends ExecutableElement, ? extends AnnotationValue> values =
        elements.getElementValuesWithDefaults(mirror);
    Optional<List<Integer>> layers = readLayers(member(values, "layers"));
    Optional<Activation> activation = readEnum(member(values, "activation"), Activation.class);
    Optional<List<Activation>> outputs = readEnumList(member(values, "outputActivation"));
    Optional<Loss> loss = readEnum(member(values, "loss"), Loss.class);
    Optional<CodeStyle> codeStyle = readEnum(member(values, "codeStyle"), CodeStyle.class);
    AnnotationValue precisionValue = member(values, "precision");
    // absent from an older runtime's @Network: double
    Optional<Precision> precision =
        precisionValue == null ? Optional.of(Precision.DOUBLE) : readEnum(precisionValue, Precision.class);
    AnnotationValue hiddenValue = member(values, "hiddenActivations");
    // absent from an older runtime's @Network: then every hidden layer has `activation`
    Optional<List<Activation>> hiddenActivations =
        hiddenValue == null ? Optional.of(List.of()) : readEnumList(hiddenValue);
    if (layers.isEmpty() || activation.isEmpty() || outputs.isEmpty() || loss.isEmpty() || codeStyle.isEmpty()
        || hiddenActivations.isEmpty() || precision.isEmpty()) {
      return Optional.empty();
    }
    // only written values say whether the user chose them (the defaults fill in the rest)
    boolean activationWritten = member(mirror.getElementValues(), "activation") != null;
    boolean hiddenActivationsWritten = member(mirror.getElementValues(), "hiddenActivations") != null;
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    String nestedName = nestedName(type, packageName);
    NetworkDeclaration draft =
        new NetworkDeclaration(
            packageName,
            nestedName,
            describeKind(type.getKind()),
            type.getKind() == ElementKind.INTERFACE,
            type.getModifiers().contains(Modifier.PUBLIC),
            type.getTypeParameters().stream().map(p -> p.getSimpleName().toString()).toList(),
            type.getModifiers().contains(Modifier.PRIVATE),
            privateEnclosingType(type),
            type.getNestingKind() == NestingKind.LOCAL,
            superinterfaces(type),
            unimplementableMethods(type),
            Optional.empty(),
            layers.get(),
            activation.get(),
            outputs.get(),
            loss.get(),
            codeStyle.get(),
            elements.getTypeElement(VECTOR_API_TYPE) != null,
            activationWritten,
            hiddenActivationsWritten ? hiddenActivations : Optional.empty(),
            precision.get());
    return Optional.of(withClash(draft, type));
  }

  /** Records an existing type with the generated class's name, unless it is our own earlier output. */
  private NetworkDeclaration withClash(NetworkDeclaration d, TypeElement annotated) {
    String clash;
    if (generatedThisRun.contains(d.generatedQualifiedName())) {
      clash = d.generatedQualifiedName() + " (generated in this compilation from another @Network interface)";
    } else {
      TypeElement existing = elements.getTypeElement(d.generatedQualifiedName());
      if (existing == null || generatedByUs(existing) || isEarlierOutputFor(existing, annotated)) {
        return d;
      }
      clash = existing.getQualifiedName().toString();
    }
    return new NetworkDeclaration(
        d.packageName(), d.nestedName(), d.kindDescription(), d.isInterface(), d.isPublic(),
        d.typeParameters(), d.isPrivate(), d.privateEnclosingType(), d.isLocal(),
        d.superinterfaces(), d.abstractMethods(),
        Optional.of(clash),
        d.layers(), d.activation(), d.outputActivations(), d.loss(), d.codeStyle(), d.vectorApiAvailable(),
        d.activationWritten(), d.hiddenActivations(), d.precision());
  }

  /**
   * A class file of an earlier build (on the class path when a build recompiles) no longer carries
   * the source-retention {@code @Generated}; a class that implements both the annotated interface
   * and {@code NeuralNetwork} (or, for a float network, {@code FloatNetwork}) is taken to be that
   * earlier output.
   */
  private boolean isEarlierOutputFor(TypeElement existing, TypeElement annotated) {
    if (!types.isAssignable(existing.asType(), types.erasure(annotated.asType()))) {
      return false;
    }
    for (String base : List.of("dev.neurogen.NeuralNetwork", "dev.neurogen.FloatNetwork")) {
      TypeElement network = elements.getTypeElement(base);
      if (network != null && types.isAssignable(existing.asType(), network.asType())) {
        return true;
      }
    }
    return false;
  }

  private static boolean generatedByUs(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      TypeElement annotation = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotation.getQualifiedName().contentEquals(GENERATED_ANNOTATION)
          && mirror.getElementValues().toString().contains(NetworkProcessor.class.getName())) {
        return true;
      }
    }
    return false;
  }

  private static AnnotationValue member(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Optional<List<Integer>> readLayers(AnnotationValue value) {
    if (value == null || !(value.getValue() instanceof List<?> list)) {
      return Optional.empty();
    }
    List<Integer> sizes = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof AnnotationValue v) || !(v.getValue() instanceof Integer size)) {
        return Optional.empty();
      }
      sizes.add(size);
    }
    return Optional.of(sizes);
  }

  private static <E extends Enum<E>> Optional<E> readEnum(AnnotationValue value, Class<E> type) {
    if (value == null || !(value.getValue() instanceof VariableElement constant)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Enum.valueOf(type, constant.getSimpleName().toString()));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  private static Optional<List<Activation>> readEnumList(AnnotationValue value) {
    if (value == null || !(value.getValue() instanceof List<?> list)) {
      return Optional.empty();
    }
    List<Activation> activations = new ArrayList<>();
    for (Object item : list) {
      Optional<Activation> activation =
          item instanceof AnnotationValue v ? readEnum(v, Activation.class) : Optional.empty();
      if (activation.isEmpty()) {
        return Optional.empty();
      }
      activations.add(activation.get());
    }
    return Optional.of(activations);
  }

  private static String nestedName(TypeElement type, String packageName) {
    String qualified = type.getQualifiedName().toString();
    if (type.getNestingKind() == NestingKind.LOCAL || qualified.isEmpty()) {
      return type.getSimpleName().toString();
    }
    return packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
  }

  private static Optional<String> privateEnclosingType(TypeElement type) {
    for (Element e = type.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
      if (outer.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of(outer.getQualifiedName().toString());
      }
    }
    return Optional.empty();
  }

  private static List<String> superinterfaces(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (TypeMirror mirror : type.getInterfaces()) {
      if (mirror.getKind() == TypeKind.DECLARED) {
        TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
        names.add(element.getQualifiedName().toString());
      }
    }
    return names;
  }

  /**
   * The abstract methods the interface declares itself, except re-declarations of the runtime
   * interfaces' methods (e.g. {@code @Override int inputSize();}), which the generated class
   * implements anyway.
   */
  private List<String> unimplementableMethods(TypeElement type) {
    List<ExecutableElement> runtimeMethods = new ArrayList<>();
    for (String name : RUNTIME_INTERFACES) {
      TypeElement runtime = elements.getTypeElement(name);
      if (runtime != null) {
        runtimeMethods.addAll(ElementFilter.methodsIn(runtime.getEnclosedElements()));
      }
    }
    List<String> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)
          && runtimeMethods.stream().noneMatch(r -> elements.overrides(method, r, type))) {
        methods.add(method.getSimpleName() + "()");
      }
    }
    return methods;
  }

  private static String describeKind(ElementKind kind) {
    switch (kind) {
      case CLASS:
        return "a class";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      case INTERFACE:
        return "an interface";
      default:
        return "a " + kind.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
