package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.LABEL;
import static dev.neurogen.processor.emit.FieldNames.LOGIT;
import static dev.neurogen.processor.emit.FieldNames.TARGET;
import static dev.neurogen.processor.emit.FieldNames.activations;
import static dev.neurogen.processor.emit.FieldNames.delta;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Loss;
import dev.neurogen.processor.plan.LayerRange;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.PerNetworkMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import javax.lang.model.element.Modifier;

/**
 * The scratch buffers and the code that walks a batch through them: a batch is cut into blocks of
 * {@code BLOCK} samples; each block is loaded into the slots, run forward, scored, and run
 * backward, accumulating the gradient. Nothing here allocates.
 */
final class BatchWriter {
  static final String FORWARD_SAMPLE = "forwardSample";
  static final String FORWARD_BLOCK = "forwardBlock";
  static final String PASS = "pass";

  private final TypeName MATRIX;
  private final TypeName VECTOR;

  private final NetworkPlan plan;
  private final ElementType element;
  private final List<LayerKernelWriter> kernels;

  BatchWriter(NetworkPlan plan, List<LayerKernelWriter> kernels) {
    this.element = ElementType.of(plan);
    this.MATRIX = element.matrix();
    this.VECTOR = element.array();
    this.plan = plan;
    this.kernels = kernels;
  }

  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    int block = plan.blockSize();
    int last = plan.layerCount();
    for (int k = 0; k <= last; k++) {
      String doc = k == 0 ? "Inputs x = z0 of each sample slot.\n"
          : k == last ? "Outputs z" + k + " = f(a" + k + ") of each sample slot.\n"
          : "Activations z" + k + " of hidden layer " + k + " of each sample slot.\n";
      fields.add(buffer(activations(k), block, plan.model().size(k), doc));
    }
    fields.add(buffer(LOGIT, block, plan.model().size(last), "Output pre-activations (logits) a" + last + " of each sample slot.\n"));
    for (int k = 0; k <= last; k++) {
      String doc = k == 0 ? "dLoss/dx of each sample slot (input gradient).\n" : "dLoss/da" + k + " of each sample slot.\n";
      fields.add(buffer(delta(k), block, plan.model().size(k), doc));
    }
    if (plan.model().loss() == Loss.HINGE) {
      fields.add(FieldSpec.builder(TypeName.get(int[].class), LABEL, Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc("Class label of each sample slot.\n")
          .initializer("new int[$L]", block)
          .build());
    } else {
      fields.add(buffer(TARGET, block, plan.model().size(last), "Target row of each sample slot (one-hot for labels).\n"));
    }
    return fields;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.addAll(forwardSample());
    methods.addAll(forwardBlock());
    methods.addAll(backwardBlock());
    methods.add(pass());
    if (!plan.hasLoopedLayer()) {
      methods.addAll(trainSample());
    }
    methods.add(loadInputs());
    if (takesRows()) {
      methods.add(loadTargets());
    }
    if (takesLabels()) {
      methods.add(loadLabels());
    }
    methods.add(storeInputGradient());
    return methods;
  }

  /**
   * The method whole, or (for deep networks) the dispatcher and its chunk methods, which take
   * {@code passed} of its parameters.
   */
  private List<MethodSpec> withChunks(MethodSpec.Builder method, List<ParameterSpec> passed, CodeBlock head,
      PerNetworkMethod kind, boolean reverse, IntFunction<CodeBlock> layerCode, CodeBlock tail) {
    LayerChunks chunks = LayerChunks.of(method.build().name(), passed, plan.chunks(kind), reverse, layerCode);
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(method.addCode(head).addCode(chunks.code()).addCode(tail).build());
    methods.addAll(chunks.methods());
    return methods;
  }

  private List<MethodSpec> withChunks(MethodSpec.Builder method, PerNetworkMethod kind, boolean reverse,
      IntFunction<CodeBlock> layerCode, CodeBlock tail) {
    return withChunks(method, method.build().parameters(), CodeBlock.of(""), kind, reverse, layerCode, tail);
  }

  private List<MethodSpec> forwardSample() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(FORWARD_SAMPLE)
        .addJavadoc("Forward pass of the sample in slot s, through every layer.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "s");
    return withChunks(method, PerNetworkMethod.FORWARD_SAMPLE, false,
        l -> CodeBlock.builder().addStatement("$N(s)", LayerKernelWriter.forwardName(l)).build(),
        CodeBlock.builder().addStatement("$N(s)", OutputWriter.ACTIVATE_OUTPUT).build());
  }

  private List<MethodSpec> forwardBlock() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(FORWARD_BLOCK)
        .addJavadoc("Forward pass of the first {@code count} slots.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "count");
    CodeBlock.Builder tail = CodeBlock.builder();
    slots(tail, CodeBlock.of("$N(s)", OutputWriter.ACTIVATE_OUTPUT));
    return withChunks(method, PerNetworkMethod.FORWARD_BLOCK, false, l -> {
      CodeBlock.Builder body = CodeBlock.builder();
      blockOrSlots(body, l, LayerKernelWriter.forwardName(l));
      return body.build();
    }, tail.build());
  }

  private List<MethodSpec> backwardBlock() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("backwardBlock")
        .addJavadoc("Backward pass of the first {@code count} slots, whose output deltas are set:\n"
            + "accumulates every layer's gradient and, if {@code toInputs}, the input gradient.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "count")
        .addParameter(TypeName.BOOLEAN, "toInputs");
    return withChunks(method, PerNetworkMethod.BACKWARD_BLOCK, true, l -> {
      CodeBlock.Builder body = CodeBlock.builder();
      blockOrSlots(body, l, LayerKernelWriter.accumulateName(l));
      if (l > 1) {
        blockOrSlots(body, l, LayerKernelWriter.propagateName(l));
      } else {
        body.beginControlFlow("if (toInputs)");
        blockOrSlots(body, l, LayerKernelWriter.propagateName(l));
        body.endControlFlow();
      }
      return body.build();
    }, CodeBlock.of(""));
  }

  /** Calls a looped layer's block kernel for all slots, or an unrolled layer's kernel per slot. */
  private void blockOrSlots(CodeBlock.Builder body, int l, String kernel) {
    if (kernels.get(l - 1).hasBlockKernels()) {
      body.addStatement("$N(count)", kernel + LayerKernelWriter.BLOCK_SUFFIX);
    } else {
      slots(body, CodeBlock.of("$N(s)", kernel));
    }
  }

  private static void slots(CodeBlock.Builder body, CodeBlock call) {
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement("$L", call);
    body.endControlFlow();
  }

  private MethodSpec pass() {
    boolean labels = takesLabels();
    boolean rows = takesRows();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double loss = 0.0"));
    body.add("// the gradient accumulators are zero here; a failure must not leave them half filled\n");
    body.beginControlFlow("try");
    body.beginControlFlow("for (int start = 0; start < batchSize; start += BLOCK)");
    body.addStatement("int count = $T.min(BLOCK, batchSize - start)", Math.class);
    load(body, "start", "count");
    body.addStatement("forwardBlock(count)");
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement("loss += $N(s)", OutputWriter.SAMPLE_LOSS);
    body.endControlFlow();
    body.beginControlFlow("if (backward)");
    body.addStatement("backwardBlock(count, inputGradient != null)");
    body.beginControlFlow("if (inputGradient != null)");
    body.addStatement(element.code("storeInputGradient(inputGradient, start, count, 1.0 / batchSize)"));
    body.endControlFlow();
    body.endControlFlow();
    body.endControlFlow();
    body.nextControlFlow("catch ($T e)", RuntimeException.class);
    body.addStatement("$N()", ParameterWriter.CLEAR_GRADIENTS);
    body.addStatement("throw e");
    body.endControlFlow();
    body.addStatement("return loss / batchSize");
    MethodSpec.Builder method = MethodSpec.methodBuilder(PASS)
        .addJavadoc("Runs a checked batch block by block and returns its mean loss; if {@code backward},\n"
            + "also accumulates the gradient (into zeroed accumulators) and the optional input gradient.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(element.scalar())
        .addParameter(VECTOR, "inputs");
    if (rows) {
      method.addParameter(VECTOR, "targets");
    }
    if (labels) {
      method.addParameter(TypeName.get(int[].class), "labels");
    }
    return method
        .addParameter(TypeName.INT, "batchSize")
        .addParameter(TypeName.BOOLEAN, "backward")
        .addParameter(VECTOR, "inputGradient")
        .addCode(body.build())
        .build();
  }

  static final String TRAIN_SAMPLE = "trainSample";

  /** Whether the network is trained on labels (Classifier). */
  private boolean takesLabels() {
    return plan.model().trainingInterfaces().contains(dev.neurogen.processor.model.TrainingInterface.CLASSIFIER);
  }

  /** Whether the network is trained on target rows (every loss but the hinge). */
  private boolean takesRows() {
    return plan.model().loss() != Loss.HINGE;
  }

  /** Loads inputs and whichever targets were given (labels or rows) into the slots. */
  private void load(CodeBlock.Builder body, String start, String count) {
    boolean labels = takesLabels();
    boolean rows = takesRows();
    body.addStatement("loadInputs(inputs, $L, $L)", start, count);
    if (labels && rows) {
      body.beginControlFlow("if (labels != null)");
      body.addStatement("loadLabels(labels, $L, $L)", start, count);
      body.nextControlFlow("else");
      body.addStatement("loadTargets(targets, $L, $L)", start, count);
      body.endControlFlow();
    } else if (labels) {
      body.addStatement("loadLabels(labels, $L, $L)", start, count);
    } else {
      body.addStatement("loadTargets(targets, $L, $L)", start, count);
    }
  }

  /**
   * Per-sample SGD for networks that are unrolled throughout: propagate through each layer, then
   * update its weights in place, so no gradient arrays are filled and emptied.
   */
  private List<MethodSpec> trainSample() {
    boolean labels = takesLabels();
    boolean rows = takesRows();
    OptimizerWriter optimizer = new OptimizerWriter(plan);
    CodeBlock.Builder head = CodeBlock.builder();
    load(head, "0", "1");
    head.addStatement("$N(0)", FORWARD_SAMPLE);
    head.addStatement(element.code("double loss = $N(0)"), OutputWriter.SAMPLE_LOSS);
    head.add(optimizer.lossCheck("step"));
    head.add("// every delta is computed before any weight changes\n");
    MethodSpec.Builder method = MethodSpec.methodBuilder(TRAIN_SAMPLE)
        .addJavadoc("One SGD step on a single sample (a batch of one), updating the weights in place without\n"
            + "accumulating a gradient; guarded against divergence (see the comments inside).\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(element.scalar())
        .addParameter(VECTOR, "inputs");
    if (rows) {
      method.addParameter(VECTOR, "targets");
    }
    if (labels) {
      method.addParameter(TypeName.get(int[].class), "labels");
    }
    ParameterSpec step = ParameterSpec.builder(element.scalar(), "step").build();
    method.addParameter(step);
    // two passes over the layers, each whole or in chunks: deltas (and the guard's reach), then updates
    List<ParameterSpec> passed = List.of(step);
    List<LayerRange> ranges = plan.chunks(PerNetworkMethod.TRAIN_SAMPLE);
    LayerChunks deltas = LayerChunks.of(TRAIN_SAMPLE + "Deltas", passed, ranges, true, l -> {
      CodeBlock.Builder body = CodeBlock.builder().add(optimizer.shortcutReach(l));
      if (l > 1) {
        body.addStatement("$N(0)", LayerKernelWriter.propagateName(l));
      }
      return body.build();
    });
    LayerChunks updates = LayerChunks.of(TRAIN_SAMPLE + "Updates", passed, ranges, true,
        l -> CodeBlock.builder().addStatement("$N(0, step)", LayerKernelWriter.descendName(l)).build());
    method.addCode(head.build())
        .addCode(optimizer.shortcutReachStart())
        .addCode(deltas.code())
        .addCode(optimizer.shortcutGuardBefore())
        .addCode(updates.code())
        .addCode(optimizer.shortcutGuardAfter())
        .addStatement("return loss");
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(method.build());
    methods.addAll(deltas.methods());
    methods.addAll(updates.methods());
    return methods;
  }

  private MethodSpec loadInputs() {
    int n0 = plan.model().size(0);
    return blockCopy("loadInputs", "Copies samples start .. start + count - 1 into the input slots.\n", VECTOR, "inputs",
        statement("$T.arraycopy(inputs, (start + s) * $L, $N[s], 0, $L)", System.class, n0, activations(0), n0));
  }

  private MethodSpec loadTargets() {
    int n = plan.model().size(plan.layerCount());
    return blockCopy("loadTargets", "Copies target rows start .. start + count - 1 into the target slots.\n", VECTOR, "targets",
        statement("$T.arraycopy(targets, (start + s) * $L, $N[s], 0, $L)", System.class, n, TARGET, n));
  }

  private MethodSpec loadLabels() {
    if (plan.model().loss() == Loss.HINGE) {
      return blockCopy("loadLabels", "Copies labels start .. start + count - 1 into the label slots.\n",
          TypeName.get(int[].class), "labels", statement("$N[s] = labels[start + s]", LABEL));
    }
    CodeBlock oneHot = CodeBlock.builder()
        .addStatement(element.code("$T.fill($N[s], 0.0)"), java.util.Arrays.class, TARGET)
        .addStatement(element.code("$N[s][labels[start + s]] = 1.0"), TARGET)
        .build();
    return blockCopy("loadLabels", "Writes labels start .. start + count - 1 as one-hot target rows.\n",
        TypeName.get(int[].class), "labels", oneHot);
  }

  private MethodSpec storeInputGradient() {
    int n0 = plan.model().size(0);
    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement(element.code("double[] d = $N[s]"), delta(0));
    body.beginControlFlow("for (int j = 0; j < $L; j++)", n0);
    body.addStatement("inputGradient[(start + s) * $L + j] = d[j] * scale", n0);
    body.endControlFlow();
    body.endControlFlow();
    return MethodSpec.methodBuilder("storeInputGradient")
        .addJavadoc("Writes the input gradient of the block's samples, times {@code scale} (1 / batch size).\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(VECTOR, "inputGradient")
        .addParameter(TypeName.INT, "start")
        .addParameter(TypeName.INT, "count")
        .addParameter(element.scalar(), "scale")
        .addCode(body.build())
        .build();
  }

  private static MethodSpec blockCopy(String name, String doc, TypeName sourceType, String source, CodeBlock perSlot) {
    CodeBlock.Builder body = CodeBlock.builder();
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.add(perSlot);
    body.endControlFlow();
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(sourceType, source)
        .addParameter(TypeName.INT, "start")
        .addParameter(TypeName.INT, "count")
        .addCode(body.build())
        .build();
  }

  private static CodeBlock statement(String format, Object... args) {
    return CodeBlock.builder().addStatement(format, args).build();
  }

  private FieldSpec buffer(String name, int block, int size, String doc) {
    return FieldSpec.builder(MATRIX, name, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc(doc)
        .initializer(element.code("new double[BLOCK][$L]"), size)
        .build();
  }
}
