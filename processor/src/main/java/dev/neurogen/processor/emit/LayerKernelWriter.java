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
 * The three kernels of one layer l, for one sample slot and (looped layers) for a full block:
 *
 * <ul>
 *   <li>forward: {@code a_l = W_l z_(l-1) + b_l}, then {@code z_l = f(a_l)} (output layer: keep
 *       a_L as logits);
 *   <li>accumulate: {@code dW_l += delta_l z_(l-1)^T}, {@code db_l += delta_l};
 *   <li>propagate: {@code delta_(l-1) = (W_l^T delta_l) o f'(a_(l-1))}, or the input gradient
 *       {@code W_1^T delta_1} for l = 1.
 * </ul>
 */
final class LayerKernelWriter {
  /** Terms per source line in unrolled sums. */
  private static final int TERMS_PER_LINE = 4;

  private final LayerPlan layer;
  private final Activation previousActivation;
  private final int block;
  private final VectorKernelWriter vector;

  /**
   * @param previousActivation f_(l-1), whose slope scales the propagated delta (null for l = 1)
   * @param vectorApi whether block kernels use the Java Vector API
   */
  LayerKernelWriter(LayerPlan layer, Activation previousActivation, int block, boolean vectorApi) {
    this.layer = layer;
    this.previousActivation = previousActivation;
    this.block = block;
    this.vector = vectorApi ? new VectorKernelWriter(layer, block) : null;
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

  /** Whether this layer has block kernels. */
  boolean hasBlockKernels() {
    return layer.shape() == KernelShape.LOOPED && block > 1;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    boolean unrolled = layer.shape() == KernelShape.UNROLLED;
    methods.add(unrolled ? unrolledForward() : loopedForward());
    if (hasBlockKernels()) {
      methods.add(loopedForwardBlock());
    }
    methods.add(unrolled ? unrolledAccumulate() : loopedAccumulate());
    if (hasBlockKernels()) {
      methods.add(loopedAccumulateBlock());
    }
    methods.add(unrolled ? unrolledPropagate() : loopedPropagate());
    if (hasBlockKernels()) {
      methods.add(loopedPropagateBlock());
    }
    return methods;
  }

  // ---------------------------------------------------------------- unrolled kernels

  private MethodSpec unrolledForward() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] x = $N[s]", activations(l - 1));
    body.addStatement("double[] y = $N[s]", outputBuffer());
    body.addStatement("double[] w = $N", weights(l));
    body.addStatement("double[] b = $N", biases(l));
    for (int j = 0; j < m; j++) {
      body.addStatement("double x$L = x[$L]", j, j);
    }
    for (int i = 0; i < layer.outputs(); i++) {
      List<CodeBlock> terms = new ArrayList<>();
      terms.add(CodeBlock.of("b[$L]", i));
      for (int j = 0; j < m; j++) {
        terms.add(CodeBlock.of("w[$L] * x$L", i * m + j, j));
      }
      body.addStatement("y[$L] = $L", i, activate(wrappedSum(terms)));
    }
    return sampleKernel(forwardName(l), forwardDoc() + " Unrolled: one statement per unit.\n", body.build());
  }

  private MethodSpec unrolledAccumulate() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] d = $N[s]", delta(l));
    body.addStatement("double[] x = $N[s]", activations(l - 1));
    body.addStatement("double[] gw = $N", weightGradient(l));
    body.addStatement("double[] gb = $N", biasGradient(l));
    for (int j = 0; j < m; j++) {
      body.addStatement("double x$L = x[$L]", j, j);
    }
    for (int i = 0; i < layer.outputs(); i++) {
      body.addStatement("double d$L = d[$L]", i, i);
      body.addStatement("gb[$L] += d$L", i, i);
      for (int j = 0; j < m; j++) {
        body.addStatement("gw[$L] += d$L * x$L", i * m + j, i, j);
      }
    }
    return sampleKernel(accumulateName(l), accumulateDoc() + " Unrolled.\n", body.build());
  }

  private MethodSpec unrolledPropagate() {
    int l = layer.index();
    int m = layer.inputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] d = $N[s]", delta(l));
    body.addStatement("double[] out = $N[s]", delta(l - 1));
    if (previousActivation != null) {
      body.addStatement("double[] z = $N[s]", activations(l - 1));
    }
    body.addStatement("double[] w = $N", weights(l));
    for (int i = 0; i < layer.outputs(); i++) {
      body.addStatement("double d$L = d[$L]", i, i);
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
    body.addStatement("double[] x = $N[s]", activations(l - 1));
    body.addStatement("double[] y = $N[s]", outputBuffer());
    body.addStatement("$T.arraycopy($N, 0, y, 0, $L)", System.class, biases(l), layer.outputs());
    body.add("// y += x[j] * (column j of W): same index on both arrays, so C2 vectorises it\n");
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double xj = x[j]");
    body.addStatement("double[] column = $N[j]", weights(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("y[i] += xj * column[i]");
    body.endControlFlow();
    body.endControlFlow();
    if (!layer.isOutput()) {
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.addStatement("y[i] = $L", ActivationCode.apply(layer.activation(), CodeBlock.of("y[i]")));
      body.endControlFlow();
    }
    return sampleKernel(forwardName(l), forwardDoc() + "\n", body.build());
  }

  private MethodSpec loopedAccumulate() {
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] d = $N[s]", delta(l));
    body.addStatement("double[] x = $N[s]", activations(l - 1));
    body.addStatement("double[] gb = $N", biasGradient(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("gb[i] += d[i]");
    body.endControlFlow();
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double xj = x[j]");
    body.addStatement("double[] g = $N[j]", weightGradient(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("g[i] += xj * d[i]");
    body.endControlFlow();
    body.endControlFlow();
    return sampleKernel(accumulateName(l), accumulateDoc() + "\n", body.build());
  }

  private MethodSpec loopedPropagate() {
    if (layer.keepsRows()) {
      return rowsPropagate();
    }
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] d = $N[s]", delta(l));
    body.addStatement("double[] out = $N[s]", delta(l - 1));
    if (previousActivation != null) {
      body.addStatement("double[] z = $N[s]", activations(l - 1));
    }
    body.add("// (W^T d)[j] is the dot product of column j of W with d\n");
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double[] column = $N[j]", weights(l));
    body.addStatement("double sum = 0.0");
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("sum += column[i] * d[i]");
    body.endControlFlow();
    body.addStatement("out[j] = $L", scaledBySlope(CodeBlock.of("sum"), CodeBlock.of("z[j]")));
    body.endControlFlow();
    return sampleKernel(propagateName(l), propagateDoc() + "\n", body.build());
  }

  // ---------------------------------------------------------------- looped kernels, full block

  private MethodSpec loopedForwardBlock() {
    int l = layer.index();
    if (vector != null) {
      CodeBlock.Builder body = CodeBlock.builder().add(vector.forward());
      if (!layer.isOutput()) {
        activateSlots(body);
      }
      return blockKernel(forwardName(l), forwardDoc() + " Vector API, register-blocked.", body.build());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    slotArrays(body, "x", activations(l - 1));
    slotArrays(body, "y", outputBuffer());
    for (int s = 0; s < block; s++) {
      body.addStatement("$T.arraycopy($N, 0, y$L, 0, $L)", System.class, biases(l), s, layer.outputs());
    }
    body.add("// each loaded weight column serves all $L samples of the block\n", block);
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    for (int s = 0; s < block; s++) {
      body.addStatement("double x$Lj = x$L[j]", s, s);
    }
    body.addStatement("double[] column = $N[j]", weights(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("double c = column[i]");
    for (int s = 0; s < block; s++) {
      body.addStatement("y$L[i] += x$Lj * c", s, s);
    }
    body.endControlFlow();
    body.endControlFlow();
    if (!layer.isOutput()) {
      activateSlots(body);
    }
    return blockKernel(forwardName(l), forwardDoc(), body.build());
  }

  private MethodSpec loopedAccumulateBlock() {
    int l = layer.index();
    if (vector != null) {
      return blockKernel(accumulateName(l), accumulateDoc() + " Vector API, register-blocked.", vector.accumulate());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    slotArrays(body, "d", delta(l));
    slotArrays(body, "x", activations(l - 1));
    body.addStatement("double[] gb = $N", biasGradient(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("gb[i] += $L", joined("d%d[i]", " + "));
    body.endControlFlow();
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    for (int s = 0; s < block; s++) {
      body.addStatement("double x$Lj = x$L[j]", s, s);
    }
    body.addStatement("double[] g = $N[j]", weightGradient(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("g[i] += $L", joinedPairs("x%dj * d%d[i]"));
    body.endControlFlow();
    body.endControlFlow();
    return blockKernel(accumulateName(l), accumulateDoc(), body.build());
  }

  private MethodSpec loopedPropagateBlock() {
    if (layer.keepsRows()) {
      return rowsPropagateBlock();
    }
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    slotArrays(body, "d", delta(l));
    slotArrays(body, "out", delta(l - 1));
    if (previousActivation != null) {
      slotArrays(body, "act", activations(l - 1));
    }
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double[] column = $N[j]", weights(l));
    for (int s = 0; s < block; s++) {
      body.addStatement("double sum$L = 0.0", s);
    }
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("double c = column[i]");
    for (int s = 0; s < block; s++) {
      body.addStatement("sum$L += c * d$L[i]", s, s);
    }
    body.endControlFlow();
    for (int s = 0; s < block; s++) {
      body.addStatement("out$L[j] = $L", s,
          scaledBySlope(CodeBlock.of("sum$L", s), CodeBlock.of("act$L[j]", s)));
    }
    body.endControlFlow();
    return blockKernel(propagateName(l), propagateDoc(), body.build());
  }

  // ---------------------------------------------------------------- backpropagation over rows

  /** out = sum_i d[i] * (row i of W): axpy over contiguous rows, then times f'. */
  private MethodSpec rowsPropagate() {
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement("double[] d = $N[s]", delta(l));
    body.addStatement("double[] out = $N[s]", delta(l - 1));
    body.addStatement("$T.fill(out, 0.0)", java.util.Arrays.class);
    body.add("// W^T d = sum over rows i of d[i] * (row i of W): axpy, which C2 vectorises\n");
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    body.addStatement("double di = d[i]");
    body.addStatement("double[] row = $N[i]", weightRows(l));
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("out[j] += di * row[j]");
    body.endControlFlow();
    body.endControlFlow();
    applySlope(body, "out", "z", CodeBlock.of("$N[s]", activations(l - 1)));
    return sampleKernel(propagateName(l), propagateDoc() + "\n", body.build());
  }

  private MethodSpec rowsPropagateBlock() {
    int l = layer.index();
    if (vector != null) {
      CodeBlock.Builder body = CodeBlock.builder().add(vector.propagate());
      for (int s = 0; s < block; s++) {
        applySlope(body, "out" + s, "act" + s, CodeBlock.of("$N[$L]", activations(l - 1), s));
      }
      return blockKernel(propagateName(l), propagateDoc() + " Vector API, register-blocked.", body.build());
    }
    CodeBlock.Builder body = CodeBlock.builder();
    slotArrays(body, "d", delta(l));
    slotArrays(body, "out", delta(l - 1));
    for (int s = 0; s < block; s++) {
      body.addStatement("$T.fill(out$L, 0.0)", java.util.Arrays.class, s);
    }
    body.add("// each loaded row of W serves all $L samples of the block\n", block);
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    for (int s = 0; s < block; s++) {
      body.addStatement("double d$Li = d$L[i]", s, s);
    }
    body.addStatement("double[] row = $N[i]", weightRows(l));
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double w = row[j]");
    for (int s = 0; s < block; s++) {
      body.addStatement("out$L[j] += d$Li * w", s, s);
    }
    body.endControlFlow();
    body.endControlFlow();
    for (int s = 0; s < block; s++) {
      applySlope(body, "out" + s, "act" + s, CodeBlock.of("$N[$L]", activations(l - 1), s));
    }
    return blockKernel(propagateName(l), propagateDoc(), body.build());
  }

  /** out[j] *= f'(z[j]) for the previous layer's activation (nothing for identity). */
  private void applySlope(CodeBlock.Builder body, String out, String z, CodeBlock zArray) {
    if (previousActivation == null || previousActivation == Activation.IDENTITY) {
      return;
    }
    body.addStatement("double[] $L = $L", z, zArray);
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("$L[j] = $L", out, ActivationCode.timesSlope(previousActivation, CodeBlock.of("$L[j]", out), CodeBlock.of("$L[j]", z)));
    body.endControlFlow();
  }

  // ---------------------------------------------------------------- pieces

  private String outputBuffer() {
    return layer.isOutput() ? FieldNames.LOGIT : activations(layer.index());
  }

  private CodeBlock activate(CodeBlock a) {
    return layer.isOutput() ? a : ActivationCode.apply(layer.activation(), a);
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

  private void slotArrays(CodeBlock.Builder body, String prefix, String field) {
    slotArraysOf(body, prefix, field, block);
  }

  /** {@code double[] prefix<s> = field[s];} for every slot of the block. */
  static void slotArraysOf(CodeBlock.Builder body, String prefix, String field, int block) {
    for (int s = 0; s < block; s++) {
      body.addStatement("double[] $L$L = $N[$L]", prefix, s, field, s);
    }
  }

  /** y_s[i] = f(y_s[i]) for every slot, after a forward block. */
  private void activateSlots(CodeBlock.Builder body) {
    body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
    for (int s = 0; s < block; s++) {
      body.addStatement("y$L[i] = $L", s, ActivationCode.apply(layer.activation(), CodeBlock.of("y$L[i]", s)));
    }
    body.endControlFlow();
  }

  private String joined(String pattern, String separator) {
    List<String> parts = new ArrayList<>();
    for (int s = 0; s < block; s++) {
      parts.add(String.format(pattern, s));
    }
    return String.join(separator, parts);
  }

  private String joinedPairs(String pattern) {
    List<String> parts = new ArrayList<>();
    for (int s = 0; s < block; s++) {
      parts.add(String.format(pattern, s, s));
    }
    return String.join(" + ", parts);
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

  private MethodSpec blockKernel(String name, String doc, CodeBlock body) {
    return MethodSpec.methodBuilder(name + BLOCK_SUFFIX)
        .addJavadoc(doc + " All $L slots of the block at once.\n", block)
        .addModifiers(Modifier.PRIVATE)
        .addCode(body)
        .build();
  }
}
