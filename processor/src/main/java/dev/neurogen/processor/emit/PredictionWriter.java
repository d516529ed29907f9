package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.LOGIT;
import static dev.neurogen.processor.emit.FieldNames.activations;
import static dev.neurogen.processor.emit.FieldNames.biases;
import static dev.neurogen.processor.emit.FieldNames.weights;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.CodeStyle;
import dev.neurogen.processor.model.TrainingInterface;
import dev.neurogen.processor.plan.KernelShape;
import dev.neurogen.processor.plan.LayerPlan;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.PerNetworkMethod;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Batch prediction: {@code predict(inputs, outputs, batchSize)} and, for classifiers, {@code
 * classify(inputs, labels, batchSize)}. They run {@code predictBlock(inputs, start, count)} block
 * by block, which allocates nothing:
 *
 * <ul>
 *   <li>unrolled layers: their one-sample kernels, slot by slot, as in training (an unrolled first
 *       layer has the block copied into the input slots first, {@code loadInputs} of {@link
 *       BatchWriter});
 *   <li>looped layers: a forward kernel of their own, {@code predictForwardN}; the first layer's
 *       reads the caller's rows in place.
 *   <li>{@code codeStyle = VECTOR_API}: training's register-tiled kernel ({@link
 *       VectorKernelWriter#forward}; eight-sample tiles where the vectors are 512 bits wide, in
 *       {@code predictForwardNWide}), then the sigmoid on whole vectors ({@link
 *       VectorKernelWriter#activate}).
 *   <li>portable: the training kernel adds one weight column at a time to four samples' outputs,
 *       one load and store of an output element per multiply-add, which limits it to the speed of
 *       the single-sample kernel once the weights are in cache. This one adds four columns at a
 *       time to three samples' outputs, {@code y[i] + a0 * c0[i] + a1 * c1[i] + a2 * c2[i] + a3 *
 *       c3[i]}: a load and store of {@code y[i]} per four multiply-adds. Java evaluates the sum
 *       left to right, so every output gets the same additions in the same order as in the
 *       single-sample kernel: the results are bit-identical to {@code predict} row by row.
 * </ul>
 */
final class PredictionWriter {
  private static final ClassName ARGUMENT_CHECKS = ClassName.get("dev.neurogen", "ArgumentChecks");
  private final TypeName VECTOR;
  private static final TypeName LABELS = TypeName.get(int[].class);

  /** Columns of W added together to each output element by the portable prediction kernel. */
  static final int COLUMNS = 4;

  /**
   * Samples that share each loaded element of those columns: groups of three, then of two, then
   * single samples. Three is the most C2 still vectorises: with four samples, or with eight
   * columns, the loop body exceeds C2's unrolling limit ({@code LoopUnrollLimit}), the loop is not
   * unrolled, so not vectorised, and runs three times slower (measured; with {@code
   * -XX:LoopUnrollLimit=300} those shapes vectorise but are no faster than three samples).
   */
  private static final int[] SAMPLE_GROUPS = {3, 2, 1};

  private static final String PREDICT_BLOCK = "predictBlock";

  private final NetworkPlan plan;
  private final ElementType element;

  PredictionWriter(NetworkPlan plan) {
    this.element = ElementType.of(plan);
    this.VECTOR = element.array();
    this.plan = plan;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(predictBatch());
    if (plan.model().trainingInterfaces().contains(TrainingInterface.CLASSIFIER)) {
      methods.add(classifyBatch());
    }
    methods.addAll(predictBlock());
    for (LayerPlan layer : plan.layers()) {
      if (ownKernel(layer)) {
        methods.add(predictForward(layer));
        if (vectorApi()) {
          methods.add(new VectorKernelWriter(layer, element).forwardWide(predictForwardName(layer.index()),
              layer.index() == 1));
        }
      }
    }
    methods.add(storeOutputs());
    return methods;
  }

  /** Looped layers get a prediction kernel of their own (see the class comment). */
  private boolean ownKernel(LayerPlan layer) {
    return layer.shape() == KernelShape.LOOPED;
  }

  private boolean vectorApi() {
    return plan.model().codeStyle() == CodeStyle.VECTOR_API;
  }

  private static String predictForwardName(int l) {
    return "predictForward" + l;
  }

  /** predictBlock whole, or for deep networks its dispatcher and chunk methods (see {@link LayerChunks}). */
  private List<MethodSpec> predictBlock() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(PREDICT_BLOCK)
        .addJavadoc("Forward pass of rows start .. start + count - 1 of {@code inputs} into the first {@code count}\n"
            + "slots, for prediction only.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(VECTOR, "inputs")
        .addParameter(TypeName.INT, "start")
        .addParameter(TypeName.INT, "count");
    if (!ownKernel(plan.layer(1))) {
      method.addStatement("loadInputs(inputs, start, count)");
    }
    LayerChunks chunks = LayerChunks.of(PREDICT_BLOCK, method.build().parameters(),
        plan.chunks(PerNetworkMethod.PREDICT_BLOCK), false, l -> {
          LayerPlan layer = plan.layer(l);
          CodeBlock.Builder body = CodeBlock.builder();
          if (ownKernel(layer) && l == 1) {
            body.addStatement("$N(inputs, start, count)", predictForwardName(l));
          } else if (ownKernel(layer)) {
            body.addStatement("$N(count)", predictForwardName(l));
          } else if (layer.shape() == KernelShape.LOOPED) {
            body.addStatement("$N(count)", LayerKernelWriter.forwardName(l) + LayerKernelWriter.BLOCK_SUFFIX);
          } else {
            body.beginControlFlow("for (int s = 0; s < count; s++)")
                .addStatement("$N(s)", LayerKernelWriter.forwardName(l))
                .endControlFlow();
          }
          return body.build();
        });
    method.addCode(chunks.code())
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("$N(s)", OutputWriter.ACTIVATE_OUTPUT)
        .endControlFlow();
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(method.build());
    methods.addAll(chunks.methods());
    return methods;
  }


  /**
   * {@code y_s = W x_s + b} for the block's slots, {@value #COLUMNS} columns of W by {@value
   * samples (at most 3, see {@link #SAMPLE_GROUPS}) at a time, then the activation (hidden layers; the output layer keeps its
   * logits for {@code activateOutput}).
   */
  private MethodSpec predictForward(LayerPlan layer) {
    int l = layer.index();
    int n = layer.outputs();
    int m = layer.inputs();
    int fullColumns = m - m % COLUMNS;
    String out = layer.isOutput() ? LOGIT : activations(l);
    String in = activations(l - 1);
    // the first layer reads the caller's rows, row q of the pair at inputs[row_q + j]
    boolean fromInputs = l == 1;
    CodeBlock.Builder body = CodeBlock.builder();
    if (vectorApi()) {
      VectorKernelWriter kernel = new VectorKernelWriter(layer, element);
      body.add(kernel.forward(predictForwardName(l), fromInputs));
      if (!layer.isOutput()) {
        body.beginControlFlow("for (int s = 0; s < count; s++)");
        body.addStatement(element.code("double[] ys = $N[s]"), out);
        if (VectorKernelWriter.hasVectorForm(layer.activation())) {
          VectorKernelWriter.activate(body, element, layer.activation(), "ys", n);
        } else {
          body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
          body.addStatement("ys[i] = $L", ActivationCode.apply(element, layer.activation(), CodeBlock.of("ys[i]")));
          body.endControlFlow();
        }
        body.endControlFlow();
      }
      return kernelMethod(l, CodeBlock.of("Layer $L for prediction, Vector API: the forward kernel of training (groups of $L"
          + " samples per register\ntile where {@code WIDE_TILES} holds)$L$L.\n", l, VectorKernelWriter.WIDE_GROUP,
          layer.isOutput() ? ", the logits for {@code activateOutput}"
              : VectorKernelWriter.hasVectorForm(layer.activation()) ? ", then the activation on whole vectors"
              : ", then the activation",
          fromInputs ? ";\nreads rows start .. start + count - 1 of {@code inputs}" : ""), body.build());
    }
    body.beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("$T.arraycopy($N, 0, $N[s], 0, $L)", System.class, biases(l), out, n)
        .endControlFlow();
    body.add("// y_s[i] + x_s[j] c_j[i] + x_s[j+1] c_(j+1)[i] + ...: left to right, the order of the\n"
        + "// single-sample kernel; one load and store of y_s[i] per $L multiply-adds\n", COLUMNS);
    body.beginControlFlow("for (int j = 0; j < $L; j += $L)", fullColumns, COLUMNS);
    for (int c = 0; c < COLUMNS; c++) {
      body.addStatement(element.code("double[] c$L = $N[j + $L]"), c, weights(l), c);
    }
    body.addStatement("int s = 0");
    for (int group : SAMPLE_GROUPS) {
      if (group == 1) {
        body.beginControlFlow("for (; s < count; s++)");
      } else {
        body.beginControlFlow("for (; s + $L <= count; s += $L)", group, group);
      }
      for (int t = 0; t < group; t++) {
        if (fromInputs) {
          body.addStatement("int row$L = (start + s + $L) * $L", t, t, m);
        } else {
          body.addStatement(element.code("double[] x$L = $N[s + $L]"), t, in, t);
        }
        body.addStatement(element.code("double[] y$L = $N[s + $L]"), t, out, t);
        for (int c = 0; c < COLUMNS; c++) {
          body.addStatement(element.code("double a$L$L = $L"), t, c,
              fromInputs ? "inputs[row" + t + " + j + " + c + "]" : "x" + t + "[j + " + c + "]");
        }
      }
      body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
      for (int c = 0; c < COLUMNS; c++) {
        body.addStatement(element.code("double e$L = c$L[i]"), c, c);
      }
      for (int t = 0; t < group; t++) {
        body.addStatement("y$L[i] = $L", t, sum("y" + t + "[i]", "a" + t, "e", COLUMNS));
      }
      body.endControlFlow();
      body.endControlFlow();
    }
    body.endControlFlow();
    if (fullColumns < m) {
      body.add("// the last $L column(s), one at a time\n", m - fullColumns);
      body.beginControlFlow("for (int j = $L; j < $L; j++)", fullColumns, m);
      body.addStatement(element.code("double[] column = $N[j]"), weights(l));
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      if (fromInputs) {
        body.addStatement(element.code("double a = inputs[(start + s) * $L + j]"), m);
      } else {
        body.addStatement(element.code("double a = $N[s][j]"), in);
      }
      body.addStatement(element.code("double[] y = $N[s]"), out);
      body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
      body.addStatement("y[i] += a * column[i]");
      body.endControlFlow();
      body.endControlFlow();
      body.endControlFlow();
    }
    if (!layer.isOutput()) {
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      body.addStatement(element.code("double[] y = $N[s]"), out);
      body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
      body.addStatement("y[i] = $L", ActivationCode.apply(element, layer.activation(), CodeBlock.of("y[i]")));
      body.endControlFlow();
      body.endControlFlow();
    }
    String doc = "Layer " + l + " for prediction: " + (layer.isOutput() ? "logits a" + l : "z" + l + " = "
        + layer.activation().name().toLowerCase(java.util.Locale.ROOT) + "(W" + l + " z" + (l - 1) + " + b" + l + ")")
        + (layer.isOutput() ? " = W" + l + " z" + (l - 1) + " + b" + l : "")
        + " of the first {@code count} slots,\n" + COLUMNS + " columns of W" + l + " by up to "
        + SAMPLE_GROUPS[0] + " samples at a time" + (fromInputs ? "; reads rows start .. start + count - 1 of {@code inputs}" : "") + ".\n";
    return kernelMethod(l, CodeBlock.of("$L", doc), body.build());
  }

  /** predictForward{@code l}: the first layer's takes the caller's inputs and the first row, the others only the count. */
  private MethodSpec kernelMethod(int l, CodeBlock doc, CodeBlock body) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(predictForwardName(l))
        .addJavadoc(doc)
        .addModifiers(Modifier.PRIVATE);
    if (l == 1) {
      method.addParameter(VECTOR, "inputs").addParameter(TypeName.INT, "start");
    }
    return method.addParameter(TypeName.INT, "count").addCode(body).build();
  }

  /** {@code first + a0 * e0 + a1 * e1 + ...}, evaluated left to right. */
  private static CodeBlock sum(String first, String a, String w, int terms) {
    return sum(first, a, w, terms, "");
  }

  private static CodeBlock sum(String first, String a, String w, int terms, String index) {
    StringBuilder text = new StringBuilder(first);
    for (int c = 0; c < terms; c++) {
      text.append(" + ").append(a).append(c).append(" * ").append(w).append(c).append(index);
    }
    return CodeBlock.of("$L", text.toString());
  }

  private MethodSpec predictBatch() {
    int outputs = plan.model().size(plan.layerCount());
    CodeBlock body = CodeBlock.builder()
        .add(inputChecks())
        .addStatement("$T.requireLength($S, outputs, (long) batchSize * OUTPUTS, $S)", ARGUMENT_CHECKS, "outputs",
            "batchSize x " + outputs)
        .beginControlFlow("for (int start = 0; start < batchSize; start += BLOCK)")
        .addStatement("int count = $T.min(BLOCK, batchSize - start)", Math.class)
        .addStatement("$N(inputs, start, count)", PREDICT_BLOCK)
        .addStatement("storeOutputs(outputs, start, count)")
        .endControlFlow()
        .build();
    return MethodSpec.methodBuilder("predict")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(VECTOR, "inputs")
        .addParameter(VECTOR, "outputs")
        .addParameter(TypeName.INT, "batchSize")
        .addCode(body)
        .build();
  }

  private MethodSpec classifyBatch() {
    CodeBlock body = CodeBlock.builder()
        .add(inputChecks())
        .addStatement("$T.requireLength($S, labels, batchSize, $S)", ARGUMENT_CHECKS, "labels", "batchSize")
        .beginControlFlow("for (int start = 0; start < batchSize; start += BLOCK)")
        .addStatement("int count = $T.min(BLOCK, batchSize - start)", Math.class)
        .addStatement("$N(inputs, start, count)", PREDICT_BLOCK)
        .add("// the largest logit is the largest output: softmax is monotonic\n")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement(element.code("double[] a = $N[s]"), LOGIT)
        .addStatement("int best = 0")
        .beginControlFlow("for (int k = 1; k < OUTPUTS; k++)")
        .beginControlFlow("if (a[k] > a[best])")
        .addStatement("best = k")
        .endControlFlow()
        .endControlFlow()
        .addStatement("labels[start + s] = best")
        .endControlFlow()
        .endControlFlow()
        .build();
    return MethodSpec.methodBuilder("classify")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(VECTOR, "inputs")
        .addParameter(LABELS, "labels")
        .addParameter(TypeName.INT, "batchSize")
        .addCode(body)
        .build();
  }

  private CodeBlock inputChecks() {
    return CodeBlock.builder()
        .addStatement("$T.requireBatchSize(batchSize)", ARGUMENT_CHECKS)
        .addStatement("$T.requireLength($S, inputs, (long) batchSize * INPUTS, $S)", ARGUMENT_CHECKS, "inputs",
            "batchSize x " + plan.model().size(0))
        .build();
  }

  private MethodSpec storeOutputs() {
    int n = plan.model().size(plan.layerCount());
    return MethodSpec.methodBuilder("storeOutputs")
        .addJavadoc("Copies the output slots of the block's samples to rows start .. start + count - 1.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(VECTOR, "outputs")
        .addParameter(TypeName.INT, "start")
        .addParameter(TypeName.INT, "count")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("$T.arraycopy($N[s], 0, outputs, (start + s) * $L, $L)", System.class,
            activations(plan.layerCount()), n, n)
        .endControlFlow()
        .build();
  }
}
