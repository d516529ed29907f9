package dev.neurogen.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.neurogen.Activation;
import dev.neurogen.Precision;
import dev.neurogen.CodeStyle;
import dev.neurogen.processor.model.NetworkModel;
import dev.neurogen.processor.model.TrainingInterface;
import dev.neurogen.processor.plan.LayerPlan;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.PerNetworkMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Assembles the generated class from a plan: header, constants, parameter storage, scratch
 * buffers, public API, batch machinery, layer kernels, loss, activation helpers. Reads nothing
 * but the plan and reports nothing.
 */
public final class NetworkWriter {
  /** The value of {@code @Generated}; also how a later round recognises our own output. */
  public static final String GENERATOR = "dev.neurogen.processor.NetworkProcessor";

  private final boolean generatedAnnotationAvailable;

  /**
   * @param generatedAnnotationAvailable whether {@code javax.annotation.processing.Generated} is on
   *     the compile's platform (otherwise a comment says the same)
   */
  public NetworkWriter(boolean generatedAnnotationAvailable) {
    this.generatedAnnotationAvailable = generatedAnnotationAvailable;
  }

  public JavaFile write(NetworkPlan plan) {
    NetworkModel model = plan.model();
    List<LayerKernelWriter> kernels = new ArrayList<>();
    for (LayerPlan layer : plan.layers()) {
      Activation previous = layer.index() == 1 ? null : plan.layer(layer.index() - 1).activation();
      kernels.add(new LayerKernelWriter(layer, previous, usesVectorApi(plan), ElementType.of(plan)));
    }
    ParameterWriter parameters = new ParameterWriter(plan);
    BatchWriter batch = new BatchWriter(plan, kernels);
    OutputWriter output = new OutputWriter(plan.outputLayer(), ElementType.of(plan));

    TypeSpec.Builder type = TypeSpec.classBuilder(model.generatedName())
        .addModifiers(Modifier.FINAL)
        // $L: the text holds the interface's name, which may contain '$'
        .addJavadoc("$L", classDoc(plan))
        // types and fields the class inherits from the interface, and types of its package, would
        // shadow a java.lang or runtime type of the same simple name: JavaPoet writes those qualified
        .alwaysQualify(model.namesToQualify().toArray(new String[0]));
    if (model.isPublic()) {
      type.addModifiers(Modifier.PUBLIC);
    }
    if (generatedAnnotationAvailable) {
      type.addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
          .addMember("value", "$S", GENERATOR)
          .addMember("comments", "$S", "neurogen: specialised multilayer perceptron, do not edit")
          .build());
    }
    type.addSuperinterface(interfaceName(model));
    for (TrainingInterface api : model.trainingInterfaces()) {
      type.addSuperinterface(ClassName.bestGuess(api.qualifiedName(model.precision())));
    }
    type.addFields(constants(plan));
    if (usesVectorApi(plan)) {
      type.addField(VectorKernelWriter.speciesField(ElementType.of(plan)));
      type.addField(VectorKernelWriter.wideTilesField());
    }
    List<FieldSpec> fields = new ArrayList<>();
    fields.addAll(parameters.fields());
    OptimizerWriter optimizer = new OptimizerWriter(plan);
    fields.addAll(optimizer.fields());
    fields.addAll(batch.fields());
    fields.addAll(output.fields(plan.blockSize()));
    ParallelWriter parallel = new ParallelWriter(plan, fields);
    parallel.superinterface().ifPresent(type::addSuperinterface);
    if (plan.splits(PerNetworkMethod.CONSTRUCTOR)) {
      allocatedByLayer(plan, fields, type);
    } else {
      type.addFields(parallel.fields());
      type.addMethod(constructor(parallel.parameterAllocation()));
    }
    type.addMethods(parallel.methods());
    type.addMethods(new ApiWriter(plan).methods());
    type.addMethods(new PredictionWriter(plan).methods());
    type.addMethods(parameters.methods());
    type.addMethods(optimizer.methods());
    type.addMethods(batch.methods());
    for (LayerKernelWriter kernel : kernels) {
      type.addMethods(kernel.methods());
    }
    type.addMethods(output.methods(model.loss()));
    type.addMethods(ActivationCode.helpers(ElementType.of(plan), usedActivations(plan)));

    JavaFile.Builder file = JavaFile.builder(model.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("    ");
    file.addFileComment("Generated by neurogen from $L. Do not edit: change the @Network annotation instead.",
        model.interfaceName());
    return file.build();
  }

  /** The Vector API matters only where there are block kernels, i.e. looped layers. */
  private static boolean usesVectorApi(NetworkPlan plan) {
    return plan.model().codeStyle() == CodeStyle.VECTOR_API && plan.hasLoopedLayer();
  }

  private static ClassName interfaceName(NetworkModel model) {
    String[] names = model.interfaceName().split("\\.");
    return ClassName.get(model.packageName(), names[0], Arrays.copyOfRange(names, 1, names.length));
  }

  private static List<FieldSpec> constants(NetworkPlan plan) {
    NetworkModel model = plan.model();
    String sizes = Arrays.stream(model.layers()).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    return List.of(
        constant(TypeName.INT, "INPUTS", "Number of inputs.\n", model.size(0)),
        constant(TypeName.INT, "OUTPUTS", "Number of outputs.\n", model.size(model.layerCount())),
        constant(TypeName.INT, "PARAMETERS", "Number of weights and biases: the length of the flat parameter array.\n",
            plan.parameterCount()),
        layerSizes(plan, sizes),
        FieldSpec.builder(TypeName.INT, "BLOCK", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Samples processed together, sharing each loaded weight.\n")
            .initializer("$L", plan.blockSize())
            .build());
  }

  /**
   * The layer sizes as an array initialiser, or for deep networks parsed from one string constant:
   * an initialiser of more than about a thousand sizes would make the static initialiser exceed
   * the JIT's 8,000-byte limit.
   */
  private static FieldSpec layerSizes(NetworkPlan plan, String sizes) {
    FieldSpec.Builder field =
        FieldSpec.builder(TypeName.get(int[].class), "LAYER_SIZES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL);
    if (!plan.splits(PerNetworkMethod.STATIC_INITIALISER)) {
      return field.addJavadoc("Layer sizes, input first.\n").initializer("{$L}", sizes).build();
    }
    return field
        .addJavadoc("Layer sizes, input first; parsed from text because an array initialiser this long would\n"
            + "make the static initialiser exceed the JIT's 8,000-byte method limit.\n")
        .initializer("$T.stream($S.split($S)).mapToInt($T::parseInt).toArray()", Arrays.class,
            sizes.replace(" ", ""), ",", Integer.class)
        .build();
  }

  private static FieldSpec constant(TypeName type, String name, String doc, Object value) {
    return FieldSpec.builder(type, name, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc(doc)
        .initializer("$L", value)
        .build();
  }

  private static MethodSpec constructor(CodeBlock allocation) {
    return MethodSpec.constructorBuilder()
        .addJavadoc("A network with seeded initial weights (see {@link #initialize(long)}).\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(TypeName.LONG, "seed")
        .addCode(allocation)
        .addCode(OptimizerWriter.BIND_VIEWS_CALL)
        .addStatement("initialize(seed)")
        .build();
  }

  /**
   * For networks too deep for one constructor: the per-layer fields are declared without
   * initialiser (and so cannot be final; C2 does not trust final instance fields anyway) and
   * allocated by chunk methods that the constructor calls, a range of layers each.
   */
  private static void allocatedByLayer(NetworkPlan plan, List<FieldSpec> fields, TypeSpec.Builder type) {
    Map<String, FieldSpec> byName = new HashMap<>();
    for (FieldSpec field : fields) {
      byName.put(field.name(), field);
    }
    Set<String> allocated = new HashSet<>();
    LayerChunks chunks = LayerChunks.of("allocate", List.of(), plan.chunks(PerNetworkMethod.CONSTRUCTOR), false, l -> {
      CodeBlock.Builder body = CodeBlock.builder();
      for (String name : FieldNames.ofLayer(l)) {
        FieldSpec field = byName.get(name);
        if (field != null) {
          body.addStatement("$N = $L", name, field.initializer());
          allocated.add(name);
        }
      }
      return body.build();
    });
    for (FieldSpec field : fields) {
      if (allocated.contains(field.name())) {
        Set<Modifier> modifiers = EnumSet.copyOf(field.modifiers());
        modifiers.remove(Modifier.FINAL);
        type.addField(FieldSpec.builder(field.type(), field.name(), modifiers.toArray(new Modifier[0]))
            .addJavadoc(field.javadoc())
            .build());
      } else {
        type.addField(field);
      }
    }
    type.addMethod(constructor(chunks.code()));
    type.addMethods(chunks.methods());
  }

  private static Set<Activation> usedActivations(NetworkPlan plan) {
    Set<Activation> used = EnumSet.noneOf(Activation.class);
    for (LayerPlan layer : plan.layers()) {
      if (layer.activation() != Activation.SOFTMAX) {
        used.add(layer.activation());
      }
    }
    return used;
  }

  /** "TANH hidden activation, ", "RELU, RELU, TANH hidden activations, ", or "" without hidden layers. */
  private static String hiddenDescription(NetworkModel model) {
    List<Activation> hidden = model.hiddenActivations();
    if (hidden.isEmpty()) {
      return "";
    }
    if (model.hasUniformHiddenActivation()) {
      return hidden.get(0) + " hidden activation, ";
    }
    return hidden.stream().map(Activation::name).collect(Collectors.joining(", ")) + " hidden activations, ";
  }

  private static String classDoc(NetworkPlan plan) {
    NetworkModel model = plan.model();
    StringBuilder doc = new StringBuilder();
    doc.append("The network declared by {@link ").append(model.interfaceName()).append("}: layers ")
        .append(Arrays.toString(model.layers())).append(", ")
        .append(hiddenDescription(model))
        .append(model.outputActivation()).append(" output, ").append(model.loss()).append(" loss.\n\n");
    doc.append("<p>Layer l computes a_l = W_l z_(l-1) + b_l and z_l = f_l(a_l), with z_0 = x. The public\n"
        + "parameter layout is W_1 (row-major), b_1, ..., W_L, b_L; see {@code dev.neurogen.ParameterLayout}.\n\n");
    doc.append("<ul>\n");
    for (LayerPlan layer : plan.layers()) {
      doc.append("  <li>layer ").append(layer.index()).append(": ").append(layer.inputs()).append(" -> ")
          .append(layer.outputs()).append(", ").append(layer.activation()).append(", ")
          .append(layer.shape().name().toLowerCase(java.util.Locale.ROOT)).append(" kernels, W at ")
          .append(layer.weightOffset()).append(", b at ").append(layer.biasOffset()).append("\n");
    }
    doc.append("</ul>\n\n");
    doc.append("<p>").append(plan.cost().describe(model.interfaceName())).append("\n\n");
    if (model.precision() == Precision.FLOAT) {
      // ParallelTrainer and DataParallel are double-only (see README, "Float precision")
      doc.append("<p>Not thread-safe: an instance owns its scratch buffers. Use one instance per thread (data-parallel\n"
          + "training on several cores, {@code dev.neurogen.parallel.ParallelTrainer}, is for double networks only).\n");
    } else {
      doc.append("<p>Not thread-safe: an instance owns its scratch buffers. Use one instance per thread; to train\n"
          + "one network on several cores, see {@code dev.neurogen.parallel.ParallelTrainer}.\n");
    }
    return doc.toString();
  }
}
