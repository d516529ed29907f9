package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.activations;
import static dev.neurogen.processor.emit.FieldNames.biasGradient;
import static dev.neurogen.processor.emit.FieldNames.biases;
import static dev.neurogen.processor.emit.FieldNames.delta;
import static dev.neurogen.processor.emit.FieldNames.weightGradient;
import static dev.neurogen.processor.emit.FieldNames.weightRows;
import static dev.neurogen.processor.emit.FieldNames.weights;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Activation;
import dev.neurogen.processor.plan.KernelShape;
import dev.neurogen.processor.plan.LayerPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The kernels of one layer l: per sample slot for unrolled layers, for the whole block of slots
 * for looped layers (plus a one-sample forward for {@code predict}):
 *
 * <ul>
 *   <li>forward: {@code a_l = W_l z_(l-1) + b_l}, then {@code z_l = f(a_l)} (output layer: keep
 *       a_L as logits);
 *   <li>accumulate: {@code dW_l += delta_l z_(l-1)^T}, {@code db_l += delta_l};
 *   <li>propagate: {@code delta_(l-1) = (W_l^T delta_l) o f'(a_(l-1))}, or the input gradient
 *       {@code W_1^T delta_1} for l = 1;
 *   <li>descend (unrolled only): the one-sample SGD step applied to the weights in place.
 * </ul>
 *
 * Looped layers with {@code codeStyle = VECTOR_API} take their block kernels from {@link
 * VectorKernelWriter}.
 */
final class LayerKernelWriter {
  /** Terms per source line in unrolled sums. */
  private static final int TERMS_PER_LINE = 4;

  private final LayerPlan layer;
  private final Activation previousActivation;
  private final VectorKernelWriter vector;
  private final ElementType element;

  /**
   * @param previousActivation f_(l-1), whose slope scales the propagated delta (null for l = 1)
   * @param vectorApi whether block kernels use the Java Vector API
   * @param element the element type of the arithmetic
   */
  LayerKernelWriter(LayerPlan layer, Activation previousActivation, boolean vectorApi, ElementType element) {
    this.layer = layer;
    this.previousActivation = previousActivation;
    this.element = element;
    this.vector = vectorApi ? new VectorKernelWriter(layer, element) : null;
  }

  static String forwardName(int l) {
    return "forward" + l;
  }

  static String accumulateName(int l) {
    return "accumulate" + l;
  }

  static String propagateName(int l) {
    return "propagate" + l;
  }

  /** Suffix of the kernels that process a full block of samples at once. */
  static final String BLOCK_SUFFIX = "Block";

  /** Samples that share each loaded weight column or row in the portable looped kernels. */
  static final int GROUP = 4;

  /**
   * Whether this layer's batch kernels take the whole block at once ({@code name + "Block"(count)});
   * unrolled layers run their one-sample kernels slot by slot instead.
   */
  boolean hasBlockKernels() {
    return layer.shape() == KernelShape.LOOPED;
  }

  static String descendName(int l) {
    return "descend" + l;
  }

  List<MethodSpec> methods() {
    if (layer.shape() == KernelShape.UNROLLED) {
      return List.of(unrolledForward(), unrolledAccumulate(), unrolledPropagate(), unrolledDescend());
    }
    if (vector == null) {
      return List.of(loopedForward(), loopedForwardBlock(), loopedAccumulateBlock(), loopedPropagateBlock());
    }
    // each Vector API block kernel is followed by the method of its wide tiles (see VectorKernelWriter)
    int l = layer.index();
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(loopedForward());
    methods.add(loopedForwardBlock());
    methods.add(vector.forwardWide(forwardName(l) + BLOCK_SUFFIX, false));
    methods.add(loopedAccumulateBlock());
    methods.add(vector.accumulateWide(accumulateName(l) + BLOCK_SUFFIX));
    methods.add(loopedPropagateBlock());
    if (layer.keepsRows()) {
      methods.add(vector.propagateWide(propagateName(l) + BLOCK_SUFFIX));
    }
    return methods;
  }

  // ---------------------------------------------------------------- unrolled kernels

  private MethodSpec unrolledForward() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] x = $N[s]"), activations(l - 1));
    body.addStatement(element.code("double[] y = $N[s]"), outputBuffer());
    body.addStatement(element.code("double[] w = $N"), weights(l));
    body.addStatement(element.code("double[] b = $N"), biases(l));
    for (int j = 0; j < m; j++) {
      body.addStatement(element.code("double x$L = x[$L]"), j, j);
    }
    boolean phased = isPhasedSigmoid();
    for (int i = 0; i < layer.outputs(); i++) {
      List<CodeBlock> terms = new ArrayList<>();
      terms.add(CodeBlock.of("b[$L]", i));
      for (int j = 0; j < m; j++) {
        terms.add(CodeBlock.of("w[$L] * x$L", i * m + j, j));
      }
      if (phased) {
        body.addStatement(element.code("double a$L = $L"), i, wrappedSum(terms));
      } else {
        body.addStatement("y[$L] = $L", i, activate(wrappedSum(terms)));
      }
    }
    if (phased) {
      body.add("// sigmoid(a) = 1 / (1 + e^-a) in rounds: all exponentials, then all divisions, so that the\n");
      body.add("// CPU overlaps the units' independent work (the same operations as sigmoid(a), same results)\n");
      for (int i = 0; i < layer.outputs(); i++) {
        body.addStatement(element.code("double e$L = $T.exp(-a$L)"), i, element.expClass(), i);
      }
      for (int i = 0; i < layer.outputs(); i++) {
        body.addStatement(element.code("y[$L] = 1.0 / (1.0 + e$L)"), i, i);
      }
    }
    String doc = phased
        ? " Unrolled: one statement per unit, then the sigmoids in rounds.\n"
        : " Unrolled: one statement per unit.\n";
    return sampleKernel(forwardName(l), forwardDoc() + doc, body.build());
  }

  /**
   * Whether the unrolled forward kernel computes all pre-activations first, then all
   * exponentials, then all divisions (a hidden sigmoid layer of at most {@value
   * #PHASED_SIGMOID_UNITS} units). Written unit by unit, each unit's dot product, exp and division
   * form one long dependency chain, and the CPU's reorder window holds only two or three units'
   * chains; in rounds, the independent units' work sits side by side (W1: about 8% less time per
   * training step). The operations are those of {@code sigmoid(a)}, so results are identical.
   */
  private boolean isPhasedSigmoid() {
    return !layer.isOutput() && layer.activation() == Activation.SIGMOID && layer.outputs() <= PHASED_SIGMOID_UNITS;
  }

  /** The most units for which {@link #isPhasedSigmoid} holds: two locals per unit. */
  static final int PHASED_SIGMOID_UNITS = 32;

  private MethodSpec unrolledAccumulate() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] d = $N[s]"), delta(l));
    body.addStatement(element.code("double[] x = $N[s]"), activations(l - 1));
    body.addStatement(element.code("double[] gw = $N"), weightGradient(l));
    body.addStatement(element.code("double[] gb = $N"), biasGradient(l));
    for (int j = 0; j < m; j++) {
      body.addStatement(element.code("double x$L = x[$L]"), j, j);
    }
    for (int i = 0; i < layer.outputs(); i++) {
      body.addStatement(element.code("double d$L = d[$L]"), i, i);
      body.addStatement("gb[$L] += d$L", i, i);
      for (int j = 0; j < m; j++) {
        body.addStatement("gw[$L] += d$L * x$L", i * m + j, i, j);
      }
    }
    return sampleKernel(accumulateName(l), accumulateDoc() + " Unrolled.\n", body.build());
  }

  /**
   * The SGD step of one sample applied straight to the weights, for batches of one sample:
   * {@code W -= step * (d x^T)}, {@code b -= step * d}. The same arithmetic as accumulating the
   * gradient and then applying it, without the round trip through the gradient arrays.
   */
  private MethodSpec unrolledDescend() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] d = $N[s]"), delta(l));
    body.addStatement(element.code("double[] x = $N[s]"), activations(l - 1));
    body.addStatement(element.code("double[] w = $N"), weights(l));
    body.addStatement(element.code("double[] b = $N"), biases(l));
    for (int j = 0; j < m; j++) {
      body.addStatement(element.code("double x$L = x[$L]"), j, j);
    }
    for (int i = 0; i < layer.outputs(); i++) {
      body.addStatement(element.code("double d$L = d[$L]"), i, i);
      body.addStatement("b[$L] -= step * d$L", i, i);
      for (int j = 0; j < m; j++) {
        body.addStatement("w[$L] -= step * (d$L * x$L)", i * m + j, i, j);
      }
    }
    return MethodSpec.methodBuilder(descendName(l))
        .addJavadoc("Layer " + l + " SGD step for the one sample in slot s: W" + l + " -= step * delta" + l + " z" + (l - 1)
            + "^T,\nb" + l + " -= step * delta" + l + ". Unrolled.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "s")
        .addParameter(element.scalar(), "step")
        .addCode(body.build())
        .build();
  }

  private MethodSpec unrolledPropagate() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] d = $N[s]"), delta(l));
    body.addStatement(element.code("double[] out = $N[s]"), delta(l - 1));
    if (previousActivation != null) {
      body.addStatement(element.code("double[] z = $N[s]"), activations(l - 1));
    }
    body.addStatement(element.code("double[] w = $N"), weights(l));
    for (int i = 0; i < layer.outputs(); i++) {
      body.addStatement(element.code("double d$L = d[$L]"), i, i);
    }
    for (int j = 0; j < m; j++) {
      List<CodeBlock> terms = new ArrayList<>();
      for (int i = 0; i < layer.outputs(); i++) {
        terms.add(CodeBlock.of("w[$L] * d$L", i * m + j, i));
      }
      CodeBlock sum = terms.size() > 1 ? CodeBlock.of("($L)", wrappedSum(terms)) : terms.get(0);
      body.addStatement("out[$L] = $L", j, scaledBySlope(sum, CodeBlock.of("z[$L]", j)));
    }
    return sampleKernel(propagateName(l), propagateDoc() + " Unrolled: column j of W is read top to bottom.\n", body.build());
  }

  // ---------------------------------------------------------------- looped kernels, one sample

  private MethodSpec loopedForward() {
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] x = $N[s]"), activations(l - 1));
    body.addStatement(element.code("double[] y = $N[s]"), outputBuffer());
    body.addStatement("$T.arraycopy($N, 0, y, 0, $L)", System.class, biases(l), layer.outputs());
    body.add("// y += x[j] * (column j of W): same index on both arrays, so C2 vectorises it\n");
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement(element.code("double xj = x[j]"));
    body.addStatement(element.code("double[] column = $N[j]"), weights(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("y[i] += xj * column[i]");
    body.endControlFlow();
    body.endControlFlow();
    if (!layer.isOutput()) {
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.addStatement("y[i] = $L", ActivationCode.apply(element, layer.activation(), CodeBlock.of("y[i]")));
      body.endControlFlow();
    }
    return sampleKernel(forwardName(l), forwardDoc() + "\n", body.build());
  }

  // ---------------------------------------------------------------- looped kernels, whole block
  //
  // The loop over a weight matrix's columns (rows for backpropagation) is the outer loop and the
  // samples of the block are inner, in groups of GROUP that share each loaded element: so the
  // weights are read once per block (from L2 or L3 for large layers), while each column, the
  // block's activations and deltas stay in L1.

  private MethodSpec loopedForwardBlock() {
    int l = layer.index();
    String out = layer.isOutput() ? FieldNames.LOGIT : activations(l);
    CodeBlock.Builder body = CodeBlock.builder();
    if (vector != null) {
      body.add(vector.forward(forwardName(l) + BLOCK_SUFFIX, false));
    } else {
      forEachSlot(body, CodeBlock.of("$T.arraycopy($N, 0, $N[s], 0, $L)", System.class, biases(l), out, layer.outputs()));
      body.add("// y_s += x_s[j] * (column j of W) for every slot s: axpy with the same index on both\n"
          + "// arrays, which C2 vectorises; each element of the column serves a group of $L slots\n", GROUP);
      axpyPairs(body, activations(l - 1), out, weights(l), "column", layer.inputs(), layer.outputs());
    }
    if (!layer.isOutput()) {
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      body.addStatement(element.code("double[] ys = $N[s]"), out);
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.addStatement("ys[i] = $L", ActivationCode.apply(element, layer.activation(), CodeBlock.of("ys[i]")));
      body.endControlFlow();
      body.endControlFlow();
    }
    return blockKernel(forwardName(l), forwardDoc() + (vector != null ? " Vector API, register-blocked." : ""), body.build());
  }

  private MethodSpec loopedAccumulateBlock() {
    int l = layer.index();
    if (vector != null) {
      return blockKernel(accumulateName(l), accumulateDoc() + " Vector API, register-blocked.",
          vector.accumulate(accumulateName(l) + BLOCK_SUFFIX));
    }
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] gb = $N"), biasGradient(l));
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement(element.code("double[] d = $N[s]"), delta(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("gb[i] += d[i]");
    body.endControlFlow();
    body.endControlFlow();
    body.add("// column j of dW += sum_s x_s[j] * d_s: one load and store of the column per group of $L slots\n", GROUP);
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement(element.code("double[] g = $N[j]"), weightGradient(l));
    groupsAndSingles(body, activations(l - 1), delta(l), "g", layer.outputs(), true);
    body.endControlFlow();
    return blockKernel(accumulateName(l), accumulateDoc(), body.build());
  }

  private MethodSpec loopedPropagateBlock() {
    int l = layer.index();
    String out = delta(l - 1);
    CodeBlock.Builder body = CodeBlock.builder();
    if (!layer.keepsRows()) {
      // only the first layer, and only for the input gradient: a dot product per input and slot
      body.add("// (W^T d)[j] is the dot product of column j of W with d\n");
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      body.addStatement(element.code("double[] d = $N[s]"), delta(l));
      body.addStatement(element.code("double[] o = $N[s]"), out);
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement(element.code("double[] column = $N[j]"), weights(l));
      body.addStatement(element.code("double sum = 0.0"));
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.addStatement("sum += column[i] * d[i]");
      body.endControlFlow();
      body.addStatement("o[j] = sum");
      body.endControlFlow();
      body.endControlFlow();
      return blockKernel(propagateName(l), propagateDoc(), body.build());
    }
    if (vector != null) {
      body.add(vector.propagate(propagateName(l) + BLOCK_SUFFIX));
    } else {
      forEachSlot(body, CodeBlock.of(element.code("$T.fill($N[s], 0.0)"), java.util.Arrays.class, out));
      body.add("// W^T d_s = sum over rows i of d_s[i] * (row i of W): axpy, which C2 vectorises\n");
      axpyPairs(body, delta(l), out, weightRows(l), "row", layer.outputs(), layer.inputs());
    }
    if (previousActivation != null && previousActivation != Activation.IDENTITY) {
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      body.addStatement(element.code("double[] os = $N[s]"), out);
      body.addStatement(element.code("double[] zs = $N[s]"), activations(l - 1));
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement("os[j] = $L", ActivationCode.timesSlope(previousActivation, CodeBlock.of("os[j]"), CodeBlock.of("zs[j]")));
      body.endControlFlow();
      body.endControlFlow();
    }
    return blockKernel(propagateName(l), propagateDoc() + (vector != null ? " Vector API, register-blocked." : ""), body.build());
  }

  /**
   * The axpy loop of a looped block kernel over the {@code lines} columns (or rows) of {@code
   * matrix}, two lines at a time: {@code target_s[k] = target_s[k] + scalars_s[o] * line_o[k] +
   * scalars_s[o + 1] * line_(o+1)[k]}, which Java evaluates left to right, so every element gets the
   * same two roundings in the same order as from two single-line passes (the results are
   * bit-identical); but each element of a slot's vector is loaded and stored once per two lines,
   * which halves the stores that bound the single-line form. An odd last line goes alone.
   */
  private void axpyPairs(CodeBlock.Builder body, String scalars, String target, String matrix, String line,
      int lines, int length) {
    String outer = line.equals("row") ? "i" : "j";
    String inner = line.equals("row") ? "j" : "i";
    String next = "next" + Character.toUpperCase(line.charAt(0)) + line.substring(1);
    body.add("// two $Ls per pass: each element of v_s is loaded and stored once for both\n", line);
    body.addStatement("int $L = 0", outer);
    body.beginControlFlow("for (; $L + 2 <= $L; $L += 2)", outer, lines, outer);
    body.addStatement(element.code("double[] $L = $N[$L]"), line, matrix, outer);
    body.addStatement(element.code("double[] $L = $N[$L + 1]"), next, matrix, outer);
    body.addStatement("int s = 0");
    body.beginControlFlow("for (; s + $L <= count; s += $L)", GROUP, GROUP);
    for (int q = 0; q < GROUP; q++) {
      body.addStatement(element.code("double a$L = $N[s + $L][$L]"), q, scalars, q, outer);
      body.addStatement(element.code("double b$L = $N[s + $L][$L + 1]"), q, scalars, q, outer);
      body.addStatement(element.code("double[] v$L = $N[s + $L]"), q, target, q);
    }
    body.beginControlFlow("for (int $L = 0; $L < $L; $L++)", inner, inner, length, inner);
    body.addStatement(element.code("double c = $L[$L]"), line, inner);
    body.addStatement(element.code("double e = $L[$L]"), next, inner);
    for (int q = 0; q < GROUP; q++) {
      body.addStatement("v$L[$L] = v$L[$L] + a$L * c + b$L * e", q, inner, q, inner, q, q);
    }
    body.endControlFlow();
    body.endControlFlow();
    body.beginControlFlow("for (; s < count; s++)");
    body.addStatement(element.code("double a = $N[s][$L]"), scalars, outer);
    body.addStatement(element.code("double b = $N[s][$L + 1]"), scalars, outer);
    body.addStatement(element.code("double[] v = $N[s]"), target);
    body.beginControlFlow("for (int $L = 0; $L < $L; $L++)", inner, inner, length, inner);
    body.addStatement("v[$L] = v[$L] + a * $L[$L] + b * $L[$L]", inner, inner, line, inner, next, inner);
    body.endControlFlow();
    body.endControlFlow();
    body.endControlFlow();
    if (lines % 2 != 0) {
      body.add("// the last $L ($L = $L) alone\n", line, outer, lines - 1);
      body.add("{\n").indent();
      body.addStatement(element.code("double[] $L = $N[$L]"), line, matrix, outer);
      groupsAndSingles(body, scalars, target, line, length, false);
      body.unindent().add("}\n");
    }
  }

  /**
   * The inner part of a looped block kernel, for the current outer index (j, or i for rows):
   * groups of GROUP slots, then the remaining slots one by one.
   *
   * <p>Axpy form ({@code intoVector = false}): {@code target_s[k] += scalars_s[outer] * line[k]}.
   * Gradient form ({@code true}): {@code line[k] += sum_s scalars_s[outer] * vectors_s[k]}, where
   * {@code target} names the per-slot vectors.
   */
  private void groupsAndSingles(CodeBlock.Builder body, String scalars, String target, String line, int length,
      boolean intoLine) {
    String outer = line.equals("row") ? "i" : "j";
    String inner = line.equals("row") ? "j" : "i";
    body.addStatement("int s = 0");
    body.beginControlFlow("for (; s + $L <= count; s += $L)", GROUP, GROUP);
    for (int q = 0; q < GROUP; q++) {
      body.addStatement(element.code("double a$L = $N[s + $L][$L]"), q, scalars, q, outer);
      body.addStatement(element.code("double[] v$L = $N[s + $L]"), q, target, q);
    }
    body.beginControlFlow("for (int $L = 0; $L < $L; $L++)", inner, inner, length, inner);
    if (intoLine) {
      body.addStatement("$L[$L] += $L", line, inner, joinedGroup("a%d * v%d[" + inner + "]"));
    } else {
      body.addStatement(element.code("double c = $L[$L]"), line, inner);
      for (int q = 0; q < GROUP; q++) {
        body.addStatement("v$L[$L] += a$L * c", q, inner, q);
      }
    }
    body.endControlFlow();
    body.endControlFlow();
    body.beginControlFlow("for (; s < count; s++)");
    body.addStatement(element.code("double a = $N[s][$L]"), scalars, outer);
    body.addStatement(element.code("double[] v = $N[s]"), target);
    body.beginControlFlow("for (int $L = 0; $L < $L; $L++)", inner, inner, length, inner);
    if (intoLine) {
      body.addStatement("$L[$L] += a * v[$L]", line, inner, inner);
    } else {
      body.addStatement("v[$L] += a * $L[$L]", inner, line, inner);
    }
    body.endControlFlow();
    body.endControlFlow();
  }

  private static String joinedGroup(String pattern) {
    List<String> parts = new ArrayList<>();
    for (int q = 0; q < GROUP; q++) {
      parts.add(String.format(pattern, q, q));
    }
    return String.join(" + ", parts);
  }

  private static void forEachSlot(CodeBlock.Builder body, CodeBlock statement) {
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement("$L", statement);
    body.endControlFlow();
  }

  // ---------------------------------------------------------------- pieces

  private String outputBuffer() {
    return layer.isOutput() ? FieldNames.LOGIT : activations(layer.index());
  }

  private CodeBlock activate(CodeBlock a) {
    return layer.isOutput() ? a : ActivationCode.apply(element, layer.activation(), a);
  }

  /** value * f'_(l-1); a compound value must come parenthesised. */
  private CodeBlock scaledBySlope(CodeBlock value, CodeBlock z) {
    if (previousActivation == null || previousActivation == Activation.IDENTITY) {
      return value;
    }
    return ActivationCode.timesSlope(previousActivation, value, z);
  }

  /** a + b + c ..., a few terms per line. */
  private static CodeBlock wrappedSum(List<CodeBlock> terms) {
    CodeBlock.Builder sum = CodeBlock.builder();
    for (int k = 0; k < terms.size(); k++) {
      if (k > 0) {
        sum.add(k % TERMS_PER_LINE == 0 ? "\n+ " : " + ");
      }
      sum.add(terms.get(k));
    }
    return sum.build();
  }

  private String forwardDoc() {
    int l = layer.index();
    String shape = layer.outputs() + " x " + layer.inputs();
    if (layer.isOutput()) {
      return "Layer " + l + " (output, W" + l + " is " + shape + "): logits a" + l + " = W" + l + " z" + (l - 1) + " + b" + l + ".";
    }
    return "Layer " + l + " (W" + l + " is " + shape + "): z" + l + " = " + layer.activation().name().toLowerCase(java.util.Locale.ROOT)
        + "(W" + l + " z" + (l - 1) + " + b" + l + ").";
  }

  private String accumulateDoc() {
    int l = layer.index();
    return "Layer " + l + " gradients: dW" + l + " += delta" + l + " z" + (l - 1) + "^T, db" + l + " += delta" + l + ".";
  }

  private String propagateDoc() {
    int l = layer.index();
    if (previousActivation == null) {
      return "Gradient of the loss with respect to the inputs: delta0 = W1^T delta1.";
    }
    return "Backpropagates through W" + l + ": delta" + (l - 1) + " = (W" + l + "^T delta" + l + ") o "
        + previousActivation.name().toLowerCase(java.util.Locale.ROOT) + "'(a" + (l - 1) + ").";
  }

  private static MethodSpec sampleKernel(String name, String doc, CodeBlock body) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc + "@param s the sample slot\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "s")
        .addCode(body)
        .build();
  }

  private static MethodSpec blockKernel(String name, String doc, CodeBlock body) {
    return MethodSpec.methodBuilder(name + BLOCK_SUFFIX)
        .addJavadoc(doc + " The first {@code count} slots of the block.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(TypeName.INT, "count")
        .addCode(body)
        .build();
  }
}
