package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.biasGradient;
import static dev.neurogen.processor.emit.FieldNames.biases;
import static dev.neurogen.processor.emit.FieldNames.weightGradient;
import static dev.neurogen.processor.emit.FieldNames.weightRows;
import static dev.neurogen.processor.emit.FieldNames.weights;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.processor.plan.KernelShape;
import dev.neurogen.processor.plan.LayerPlan;
import dev.neurogen.processor.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * What the updates need on the generated side: the network's {@code ParameterStorage} constant,
 * the {@code double[][]} views of its own parameter and gradient arrays (built once per
 * instance), the statements of the guarded update after a batch's backward pass (plain SGD or an
 * {@code OptimizerState}), and the copy of looped layers' columns into their row mirrors after an
 * update. Methods whose work grows with depth are one per layer behind a dispatcher.
 */
final class OptimizerWriter {
  static final ClassName STORAGE_TYPE = ClassName.get("dev.neurogen.optim", "ParameterStorage");
  static final ClassName STATE_TYPE = ClassName.get("dev.neurogen.optim", "OptimizerState");
  static final ClassName UPDATES = ClassName.get("dev.neurogen.optim", "Updates");

  static final String STORAGE = "STORAGE";
  static final String PARAMETER_VIEWS = "parameterViews";
  static final String GRADIENT_VIEWS = "gradientViews";
  static final String SENTINELS = "sentinels";
  static final String PARAMETER_BOUND = "parameterBound";
  static final String SHORTCUT_REACH = "shortcutReach";
  static final String BIND_VIEWS = "bindViews";
  static final String SYNC_ROWS = "syncRows";

  private final TypeName MATRIX;

  private final NetworkPlan plan;
  private final ElementType element;

  OptimizerWriter(NetworkPlan plan) {
    this.element = ElementType.of(plan);
    this.MATRIX = element.matrix();
    this.plan = plan;
  }

  /** Segments of a layer: one per column if looped, else one for W; plus one for b. */
  private static int segments(LayerPlan layer) {
    return (layer.shape() == KernelShape.LOOPED ? layer.inputs() : 1) + 1;
  }

  private int firstSegment(int l) {
    int s = 0;
    for (int k = 1; k < l; k++) {
      s += segments(plan.layer(k));
    }
    return s;
  }

  private int segmentCount() {
    return firstSegment(plan.layerCount() + 1);
  }

  private boolean keepsRows() {
    return plan.layers().stream().anyMatch(LayerPlan::keepsRows);
  }

  List<FieldSpec> fields() {
    String columns = plan.layers().stream()
        .map(layer -> Boolean.toString(layer.shape() == KernelShape.LOOPED))
        .collect(Collectors.joining(", "));
    List<FieldSpec> fields = new ArrayList<>();
    fields.add(FieldSpec.builder(STORAGE_TYPE, STORAGE, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("How the parameters are held inside (looped layers column by column), for the optimizers.\n")
        .initializer("$T.of(LAYER_SIZES, new boolean[] {$L})", STORAGE_TYPE, columns)
        .build());
    fields.add(FieldSpec.builder(MATRIX, PARAMETER_VIEWS, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The parameter arrays in {@link #$L}'s segment order (the arrays themselves, not copies).\n", STORAGE)
        .initializer(element.code("new double[$L][]"), segmentCount())
        .build());
    fields.add(FieldSpec.builder(MATRIX, GRADIENT_VIEWS, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The gradient accumulators in the same order.\n")
        .initializer(element.code("new double[$L][]"), segmentCount())
        .build());
    fields.add(FieldSpec.builder(element.array(), SENTINELS, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Scratch of the divergence guard of the plain SGD step: zero between steps.\n")
        .initializer(element.code("new double[$N.maxSegmentLength()]"), STORAGE)
        .build());
    if (!plan.hasLoopedLayer()) {
      fields.add(FieldSpec.builder(element.scalar(), PARAMETER_BOUND, Modifier.PRIVATE)
          .addJavadoc("An upper bound on every |parameter| for the single-sample shortcut's guard; infinite when\n"
              + "unknown (then the next shortcut step checks its updates and measures it again).\n")
          .initializer("$T.POSITIVE_INFINITY", element.boxed())
          .build());
      fields.add(FieldSpec.builder(element.scalar(), SHORTCUT_REACH, Modifier.PRIVATE)
          .addJavadoc("The single-sample shortcut's largest update bound, summed up layer by layer (a field so that\n"
              + "deep networks' chunk methods can add to it).\n")
          .build());
    }
    return fields;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    CodeBlock.Builder bind = CodeBlock.builder();
    for (LayerPlan layer : plan.layers()) {
      bind.addStatement("$N()", BIND_VIEWS + layer.index());
      methods.add(bindLayer(layer));
    }
    methods.add(0, MethodSpec.methodBuilder(BIND_VIEWS)
        .addJavadoc("Fills the segment views, once per instance.\n")
        .addModifiers(Modifier.PRIVATE)
        .addCode(bind.build())
        .build());
    if (keepsRows()) {
      CodeBlock.Builder sync = CodeBlock.builder();
      for (LayerPlan layer : plan.layers()) {
        if (layer.keepsRows()) {
          sync.addStatement("$N()", SYNC_ROWS + layer.index());
          methods.add(syncLayer(layer));
        }
      }
      methods.add(MethodSpec.methodBuilder(SYNC_ROWS)
          .addJavadoc("Copies updated weight columns into the row mirrors, after an update.\n")
          .addModifiers(Modifier.PRIVATE)
          .addCode(sync.build())
          .build());
    }
    return methods;
  }

  private MethodSpec bindLayer(LayerPlan layer) {
    int l = layer.index();
    int first = firstSegment(l);
    CodeBlock.Builder body = CodeBlock.builder();
    int bias;
    if (layer.shape() == KernelShape.LOOPED) {
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement("$N[$L + j] = $N[j]", PARAMETER_VIEWS, first, weights(l));
      body.addStatement("$N[$L + j] = $N[j]", GRADIENT_VIEWS, first, weightGradient(l));
      body.endControlFlow();
      bias = first + layer.inputs();
    } else {
      body.addStatement("$N[$L] = $N", PARAMETER_VIEWS, first, weights(l));
      body.addStatement("$N[$L] = $N", GRADIENT_VIEWS, first, weightGradient(l));
      bias = first + 1;
    }
    body.addStatement("$N[$L] = $N", PARAMETER_VIEWS, bias, biases(l));
    body.addStatement("$N[$L] = $N", GRADIENT_VIEWS, bias, biasGradient(l));
    return MethodSpec.methodBuilder(BIND_VIEWS + l)
        .addJavadoc("Layer $L's segments: $L.\n", l,
            layer.shape() == KernelShape.LOOPED ? "the columns of W" + l + ", then b" + l : "W" + l + ", then b" + l)
        .addModifiers(Modifier.PRIVATE)
        .addCode(body.build())
        .build();
  }

  private MethodSpec syncLayer(LayerPlan layer) {
    int l = layer.index();
    CodeBlock body = CodeBlock.builder()
        .beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs())
        .addStatement(element.code("double[] row = $N[i]"), weightRows(l))
        .beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs())
        .addStatement("row[j] = $N[j][i]", weights(l))
        .endControlFlow()
        .endControlFlow()
        .build();
    return MethodSpec.methodBuilder(SYNC_ROWS + l)
        .addJavadoc("Row mirror of W$L := its columns.\n", l)
        .addModifiers(Modifier.PRIVATE)
        .addCode(body)
        .build();
  }

  /** The statement that fills the views; goes into the constructor before the parameters are set. */
  static final CodeBlock BIND_VIEWS_CALL = CodeBlock.of("$N();\n", BIND_VIEWS);

  /**
   * After {@code double loss = pass(...)} with the gradient accumulated: the divergence-guarded
   * plain SGD step (rate {@code learningRate}), then the row mirrors.
   */
  CodeBlock plainUpdate() {
    CodeBlock.Builder body = CodeBlock.builder()
        .add("// guarded: a non-finite loss or update throws and leaves every parameter as it was\n")
        .addStatement("$T.requireFiniteLoss(loss, $N, learningRate)", element.updates(), GRADIENT_VIEWS)
        .addStatement("$T.descend($N, $N, $N, learningRate / batchSize, learningRate, $N)", element.updates(), PARAMETER_VIEWS,
            GRADIENT_VIEWS, STORAGE, SENTINELS)
        .add(forgetBound());
    if (keepsRows()) {
      body.addStatement("$N()", SYNC_ROWS);
    }
    return body.build();
  }

  /**
   * What follows an update of the parameter arrays made elsewhere (by {@code ParallelTrainer}'s
   * threads): the bound forgotten, then the row mirrors.
   */
  CodeBlock afterUpdate() {
    CodeBlock.Builder body = CodeBlock.builder().add(forgetBound());
    if (keepsRows()) {
      body.addStatement("$N()", SYNC_ROWS);
    }
    return body.build();
  }

  /** The same with an {@code OptimizerState optimizer}. */
  CodeBlock optimizerUpdate() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T.requireFiniteLoss(loss, $N, optimizer)", element.updates(), GRADIENT_VIEWS)
        .addStatement(element.code("optimizer.step($N, $N, $N, 1.0 / batchSize)"), PARAMETER_VIEWS, GRADIENT_VIEWS, STORAGE)
        .add(forgetBound());
    if (keepsRows()) {
      body.addStatement("$N()", SYNC_ROWS);
    }
    return body.build();
  }

  /** For the single-sample shortcut: the loss is checked before anything changes. */
  CodeBlock lossCheck(String rate) {
    return CodeBlock.of("$T.requireFiniteLoss(loss, $N, $N);\n", element.updates(), GRADIENT_VIEWS, rate);
  }

  /**
   * For the single-sample shortcut, after every delta is known and before the in-place updates: a
   * bound on every update, step * |delta_l| * max(1, |z_(l-1)|); if it and the known bound on the
   * parameters cannot reach overflow, the updates are finite and need no check. Otherwise (or if a
   * delta or input is not finite) the parameters are backed up in the gradient arrays first and
   * checked after.
   */
  CodeBlock shortcutReachStart() {
    return CodeBlock.builder()
        .add("// guard: the updates below are finite if the parameters' bound plus the largest update cannot\n")
        .add("// overflow; otherwise back the parameters up, update, and check\n")
        .addStatement(element.code("$N = 0.0"), SHORTCUT_REACH)
        .build();
  }

  /** Layer l's part of the reach, once its delta is known (before it propagates it). */
  CodeBlock shortcutReach(int l) {
    return CodeBlock.of("$N = $T.max($N, $T.reach(step, $N[0], $N[0]));\n", SHORTCUT_REACH, Math.class, SHORTCUT_REACH,
        element.updates(), FieldNames.delta(l), FieldNames.activations(l - 1));
  }

  /** After every layer's reach: back the parameters up if the bound cannot prove the updates finite. */
  CodeBlock shortcutGuardBefore() {
    return CodeBlock.builder()
        .addStatement(element.code("double reach = $N"), SHORTCUT_REACH)
        .addStatement("boolean checked = !($N + reach <= $T.SAFE_BOUND)", PARAMETER_BOUND, element.updates())
        .beginControlFlow("if (checked)")
        .addStatement("$T.backUp($N, $N)", element.updates(), PARAMETER_VIEWS, GRADIENT_VIEWS)
        .endControlFlow()
        .build();
  }

  /** After the in-place updates of the shortcut. */
  CodeBlock shortcutGuardAfter() {
    return CodeBlock.builder()
        .addStatement("$N = checked ? $T.commitChecked($N, $N, $N, step, $N) : $T.grow($N, reach)", PARAMETER_BOUND,
            element.updates(), PARAMETER_VIEWS, GRADIENT_VIEWS, STORAGE, SENTINELS, element.updates(), PARAMETER_BOUND)
        .build();
  }

  /** The statement that forgets the parameter bound (parameters replaced or updated elsewhere). */
  CodeBlock forgetBound() {
    return plan.hasLoopedLayer() ? CodeBlock.of("") : CodeBlock.of("$N = $T.POSITIVE_INFINITY;\n", PARAMETER_BOUND, element.boxed());
  }
}
