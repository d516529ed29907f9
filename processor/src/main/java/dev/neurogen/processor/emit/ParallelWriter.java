package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.biases;
import static dev.neurogen.processor.emit.FieldNames.weightRows;
import static dev.neurogen.processor.emit.FieldNames.weights;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Loss;
import dev.neurogen.processor.model.TrainingInterface;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.PerNetworkMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The data-parallel capability ({@code dev.neurogen.parallel.DataParallel}) of networks that
 * train: a private constructor that makes a replica sharing the parameter arrays (weights, their
 * row mirrors, biases) of its parent but allocating its own gradient accumulators and scratch,
 * and the methods {@code ParallelTrainer} calls: check a batch, accumulate the gradient of a range
 * of its samples, expose the parameter and gradient segments (the trainer's threads update them
 * in slices), refresh row mirrors and bound after such an update, apply the update.
 *
 * <p>So that a replica can take its parent's arrays, the parameter fields have no initialiser:
 * the public constructor allocates them (or, for networks whose constructor is split per layer,
 * the allocation chunks do, as before), the replica constructor assigns the parent's. The replica
 * constructor follows the constructor's per-layer chunking, so it stays within the method budget
 * whatever the depth. Everything else here has a fixed size.
 */
final class ParallelWriter {
  static final ClassName DATA_PARALLEL = ClassName.get("dev.neurogen.parallel", "DataParallel");

  private static final TypeName VECTOR = TypeName.get(double[].class);
  private static final TypeName LABELS = TypeName.get(int[].class);

  private final NetworkPlan plan;
  private final List<FieldSpec> fields;
  private final Set<String> parameterFields = new HashSet<>();
  private final Map<String, FieldSpec> byName = new HashMap<>();
  private final ClassName self;

  /**
   * @param fields the instance fields as the other writers declare them (with initialisers)
   */
  ParallelWriter(NetworkPlan plan, List<FieldSpec> fields) {
    this.plan = plan;
    this.fields = fields;
    for (int l = 1; l <= plan.layerCount(); l++) {
      parameterFields.add(weights(l));
      parameterFields.add(weightRows(l));
      parameterFields.add(biases(l));
    }
    for (FieldSpec field : fields) {
      byName.put(field.name(), field);
    }
    this.self = ClassName.get(plan.model().packageName(), plan.model().generatedName());
  }

  /** Whether the network trains, and so gets the capability. */
  boolean applies() {
    // replicas are written for double networks; float networks train on one thread for now
    return !plan.model().trainingInterfaces().isEmpty() && !ElementType.of(plan).isFloat();
  }

  Optional<ClassName> superinterface() {
    return applies() ? Optional.of(DATA_PARALLEL) : Optional.empty();
  }

  /** The fields, the parameter arrays without initialiser when replicas need to assign them. */
  List<FieldSpec> fields() {
    if (!applies()) {
      return fields;
    }
    List<FieldSpec> result = new ArrayList<>();
    for (FieldSpec field : fields) {
      if (parameterFields.contains(field.name())) {
        result.add(FieldSpec.builder(field.type(), field.name(), field.modifiers().toArray(new Modifier[0]))
            .addJavadoc(field.javadoc())
            .build());
      } else {
        result.add(field);
      }
    }
    return result;
  }

  /** For the public constructor: allocates the parameter arrays that {@link #fields()} left uninitialised. */
  CodeBlock parameterAllocation() {
    CodeBlock.Builder body = CodeBlock.builder();
    if (applies()) {
      for (FieldSpec field : fields) {
        if (parameterFields.contains(field.name())) {
          body.addStatement("$N = $L", field.name(), field.initializer());
        }
      }
    }
    return body.build();
  }

  /** The replica constructor (and its per-layer chunks) and the methods of {@code DataParallel}. */
  List<MethodSpec> methods() {
    if (!applies()) {
      return List.of();
    }
    List<MethodSpec> methods = new ArrayList<>();
    methods.addAll(replicaConstructor());
    methods.add(newReplica());
    methods.add(checkTrainingBatch());
    methods.add(accumulateSamples());
    methods.add(MethodSpec.methodBuilder("gradientSegments").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(TypeName.get(double[][].class))
        .addStatement("return $N", OptimizerWriter.GRADIENT_VIEWS)
        .build());
    OptimizerWriter optimizers = new OptimizerWriter(plan);
    methods.add(MethodSpec.methodBuilder("parameterSegments").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(TypeName.get(double[][].class))
        .addStatement("return $N", OptimizerWriter.PARAMETER_VIEWS)
        .build());
    methods.add(MethodSpec.methodBuilder("parameterStorage").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC).returns(OptimizerWriter.STORAGE_TYPE)
        .addStatement("return $N", OptimizerWriter.STORAGE)
        .build());
    methods.add(MethodSpec.methodBuilder("parametersUpdated").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addCode(optimizers.afterUpdate())
        .build());
    methods.add(apply(TypeName.DOUBLE, "learningRate", optimizers.plainUpdate()));
    methods.add(apply(OptimizerWriter.STATE_TYPE, "optimizer", optimizers.optimizerUpdate()));
    return methods;
  }

  /**
   * {@code private NetImpl(NetImpl parent)}: the parent's parameter arrays, everything else its
   * own. Per-layer fields that the split constructor allocates in chunks are allocated here in the
   * same chunks.
   */
  private List<MethodSpec> replicaConstructor() {
    boolean split = plan.splits(PerNetworkMethod.CONSTRUCTOR);
    ParameterSpec parent = ParameterSpec.builder(self, "parent").build();
    LayerChunks chunks = LayerChunks.of("replicate", List.of(parent), plan.chunks(PerNetworkMethod.CONSTRUCTOR), false,
        l -> {
          CodeBlock.Builder body = CodeBlock.builder();
          for (String name : FieldNames.ofLayer(l)) {
            FieldSpec field = byName.get(name);
            if (field == null) {
              continue;
            }
            if (parameterFields.contains(name)) {
              body.addStatement("this.$N = parent.$N", name, name);
            } else if (split) {
              body.addStatement("this.$N = $L", name, field.initializer());
            }
          }
          return body.build();
        });
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(MethodSpec.constructorBuilder()
        .addJavadoc("A replica of {@code parent} for data-parallel training: the same parameter arrays (not copies),\n"
            + "its own gradient accumulators and scratch buffers.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(parent)
        .addCode(chunks.code())
        .addCode(OptimizerWriter.BIND_VIEWS_CALL)
        .build());
    methods.addAll(chunks.methods());
    return methods;
  }

  private MethodSpec newReplica() {
    return MethodSpec.methodBuilder("newReplica").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(DATA_PARALLEL)
        .addStatement("return new $T(this)", self)
        .build();
  }

  private boolean takesLabels() {
    return plan.model().trainingInterfaces().contains(TrainingInterface.CLASSIFIER);
  }

  private boolean takesRows() {
    return plan.model().trainingInterfaces().contains(TrainingInterface.TARGET_TRAINABLE);
  }

  private MethodSpec checkTrainingBatch() {
    ApiWriter api = new ApiWriter(plan);
    String name = plan.model().generatedName();
    CodeBlock.Builder body = CodeBlock.builder()
        .beginControlFlow("if ((targets == null) == (labels == null))")
        .addStatement("throw new $T($S)", IllegalArgumentException.class,
            "give either targets or labels (the other null), got " + "both or neither")
        .endControlFlow()
        .beginControlFlow("if (labels != null)");
    if (takesLabels()) {
      body.add(api.batchChecks(true));
    } else {
      body.addStatement("throw new $T($S)", IllegalArgumentException.class,
          "labels: " + name + " is not a Classifier; pass target rows instead");
    }
    body.nextControlFlow("else");
    if (takesRows()) {
      body.add(api.batchChecks(false));
    } else {
      body.addStatement("throw new $T($S)", IllegalArgumentException.class,
          "targets: " + name + " trains on class labels only (" + plan.model().loss() + "); pass labels instead");
    }
    body.endControlFlow();
    return MethodSpec.methodBuilder("checkTrainingBatch").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .addParameter(VECTOR, "inputs").addParameter(VECTOR, "targets").addParameter(LABELS, "labels")
        .addParameter(TypeName.INT, "batchSize")
        .addCode(body.build())
        .build();
  }

  private MethodSpec accumulateSamples() {
    CodeBlock.Builder body = CodeBlock.builder()
        .add("// the same blocks as pass(), starting at 'from': the gradient adds up in the same order\n")
        .addStatement("double loss = 0.0")
        .beginControlFlow("for (int start = from; start < to; start += BLOCK)")
        .addStatement("int count = $T.min(BLOCK, to - start)", Math.class)
        .addStatement("loadInputs(inputs, start, count)");
    boolean labelSlots = takesLabels();
    boolean rowSlots = plan.model().loss() != Loss.HINGE;
    if (labelSlots && rowSlots) {
      body.beginControlFlow("if (labels != null)")
          .addStatement("loadLabels(labels, start, count)")
          .nextControlFlow("else")
          .addStatement("loadTargets(targets, start, count)")
          .endControlFlow();
    } else if (labelSlots) {
      body.addStatement("loadLabels(labels, start, count)");
    } else {
      body.addStatement("loadTargets(targets, start, count)");
    }
    body.addStatement("$N(count)", BatchWriter.FORWARD_BLOCK)
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("loss += $N(s)", OutputWriter.SAMPLE_LOSS)
        .endControlFlow()
        .addStatement("backwardBlock(count, false)")
        .endControlFlow()
        .addStatement("return loss");
    return MethodSpec.methodBuilder("accumulateSamples").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
        .returns(TypeName.DOUBLE)
        .addParameter(VECTOR, "inputs").addParameter(VECTOR, "targets").addParameter(LABELS, "labels")
        .addParameter(TypeName.INT, "from").addParameter(TypeName.INT, "to")
        .addCode(body.build())
        .build();
  }

  private static MethodSpec apply(TypeName rateType, String rateName, CodeBlock update) {
    return MethodSpec.methodBuilder("applyAccumulatedGradient").addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(TypeName.DOUBLE, "loss").addParameter(TypeName.INT, "batchSize")
        .addParameter(rateType, rateName)
        .addCode(update)
        .build();
  }
}
