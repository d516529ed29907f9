package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.activations;
import static dev.neurogen.processor.emit.FieldNames.biasGradient;
import static dev.neurogen.processor.emit.FieldNames.biases;
import static dev.neurogen.processor.emit.FieldNames.delta;
import static dev.neurogen.processor.emit.FieldNames.weightGradient;
import static dev.neurogen.processor.emit.FieldNames.weightRows;
import static dev.neurogen.processor.emit.FieldNames.weights;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.neurogen.processor.plan.LayerPlan;
import javax.lang.model.element.Modifier;

/**
 * Block kernels of a looped layer on the Java Vector API ({@code codeStyle = VECTOR_API}). All
 * three are register-blocked: a tile of {@link #CHUNKS} vectors times the block's samples is held
 * in accumulators while the loop runs over the other dimension, so every loaded weight vector
 * feeds one fused multiply-add per sample:
 *
 * <ul>
 *   <li>forward: {@code y_s[i..] = b[i..] + sum_j x_s[j] * column_j[i..]};
 *   <li>backpropagation: {@code out_s[j..] = sum_i d_s[i] * row_i[j..]} (then times f');
 *   <li>weight gradient: {@code column_j[i..] += sum_s x_s[j] * d_s[i..]}, with the d tile held.
 * </ul>
 *
 * Vector lengths are the platform's preferred species, known only at run time, so each loop has a
 * full-tile part, a one-vector part, and a scalar tail.
 */
final class VectorKernelWriter {
  static final ClassName DOUBLE_VECTOR = ClassName.get("jdk.incubator.vector", "DoubleVector");
  static final ClassName VECTOR_SPECIES = ClassName.get("jdk.incubator.vector", "VectorSpecies");

  /** Vectors per tile: two vectors x four samples = eight accumulators (measured best). */
  static final int CHUNKS = 2;

  private final LayerPlan layer;
  private final int block;

  VectorKernelWriter(LayerPlan layer, int block) {
    this.layer = layer;
    this.block = block;
  }

  /** {@code SPECIES}: the preferred (widest) double vector shape of the running platform. */
  static FieldSpec speciesField() {
    return FieldSpec.builder(ParameterizedTypeName.get(VECTOR_SPECIES, TypeName.DOUBLE.box()), "SPECIES",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The widest double vector the platform supports (8 lanes with AVX-512).\n")
        .initializer("$T.SPECIES_PREFERRED", DOUBLE_VECTOR)
        .build();
  }

  /** Forward body: the y slots get bias + W x for every sample slot. */
  CodeBlock forward() {
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    LayerKernelWriter.slotArraysOf(body, "x", activations(l - 1), block);
    LayerKernelWriter.slotArraysOf(body, "y", layer.isOutput() ? FieldNames.LOGIT : activations(l), block);
    body.addStatement("double[] b = $N", biases(l));
    body.addStatement("double[][] columns = $N", weights(l));
    tiledAxpy(body, "columns", "x", "y", layer.outputs(), layer.inputs(), "b");
    return body.build();
  }

  /** Backpropagation body over the row mirror: out slots get W^T d (the caller applies f'). */
  CodeBlock propagate() {
    int l = layer.index();
    CodeBlock.Builder body = CodeBlock.builder();
    LayerKernelWriter.slotArraysOf(body, "d", delta(l), block);
    LayerKernelWriter.slotArraysOf(body, "out", delta(l - 1), block);
    body.addStatement("double[][] rows = $N", weightRows(l));
    tiledAxpy(body, "rows", "d", "out", layer.inputs(), layer.outputs(), null);
    return body.build();
  }

  /** Weight-gradient body: every column of dW gets sum_s x_s[j] d_s, the d tile held in registers. */
  CodeBlock accumulate() {
    int l = layer.index();
    int n = layer.outputs();
    CodeBlock.Builder body = CodeBlock.builder();
    LayerKernelWriter.slotArraysOf(body, "d", delta(l), block);
    LayerKernelWriter.slotArraysOf(body, "x", activations(l - 1), block);
    body.addStatement("double[] gb = $N", biasGradient(l));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
    body.addStatement("gb[i] += $L", sumOverSlots("d%d[i]"));
    body.endControlFlow();
    body.addStatement("double[][] columns = $N", weightGradient(l));
    body.addStatement("int lanes = SPECIES.length()");
    body.addStatement("int at = 0");
    body.beginControlFlow("for (; at + $L * lanes <= $L; at += $L * lanes)", CHUNKS, n, CHUNKS);
    accumulateTile(body, CHUNKS);
    body.endControlFlow();
    body.beginControlFlow("for (; at + lanes <= $L; at += lanes)", n);
    accumulateTile(body, 1);
    body.endControlFlow();
    body.add("// the last outputs, fewer than a vector: scalar (masked vector access allocates on JDK 17)\n");
    body.beginControlFlow("for (; at < $L; at++)", n);
    for (int s = 0; s < block; s++) {
      body.addStatement("double d$Lat = d$L[at]", s, s);
    }
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("columns[j][at] += $L", sumOverSlots("x%1$d[j] * d%1$dat"));
    body.endControlFlow();
    body.endControlFlow();
    return body.build();
  }

  private void accumulateTile(CodeBlock.Builder body, int chunks) {
    for (int c = 0; c < chunks; c++) {
      for (int s = 0; s < block; s++) {
        body.addStatement("$T d$L$L = $L", DOUBLE_VECTOR, s, c, load("d" + s, c));
      }
    }
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement("double[] g = columns[j]");
    for (int s = 0; s < block; s++) {
      body.addStatement("$T xs$L = $T.broadcast(SPECIES, x$L[j])", DOUBLE_VECTOR, s, DOUBLE_VECTOR, s);
    }
    for (int c = 0; c < chunks; c++) {
      CodeBlock.Builder sum = CodeBlock.builder().add("$L", load("g", c));
      for (int s = 0; s < block; s++) {
        sum.add(".add(d$L$L.mul(xs$L))", s, c, s);
      }
      body.addStatement("$L.intoArray(g, $L)", sum.build(), offset(c));
    }
    body.endControlFlow();
  }

  /**
   * out_s[0..length) = init + sum over k < inner of scalar_s[k] * matrix[k][0..length), tiled.
   *
   * @param init a bias array, or null for zero
   */
  private void tiledAxpy(CodeBlock.Builder body, String matrix, String scalar, String out, int length, int inner, String init) {
    body.addStatement("int lanes = SPECIES.length()");
    body.addStatement("int at = 0");
    body.beginControlFlow("for (; at + $L * lanes <= $L; at += $L * lanes)", CHUNKS, length, CHUNKS);
    axpyTile(body, matrix, scalar, out, inner, init, CHUNKS);
    body.endControlFlow();
    body.beginControlFlow("for (; at + lanes <= $L; at += lanes)", length);
    axpyTile(body, matrix, scalar, out, inner, init, 1);
    body.endControlFlow();
    body.add("// the last entries, fewer than a vector: scalar (masked vector access allocates on JDK 17)\n");
    body.beginControlFlow("for (; at < $L; at++)", length);
    body.addStatement("double sum0 = $L", init == null ? "0.0" : init + "[at]");
    for (int s = 1; s < block; s++) {
      body.addStatement("double sum$L = sum0", s);
    }
    body.beginControlFlow("for (int k = 0; k < $L; k++)", inner);
    body.addStatement("double w = $N[k][at]", matrix);
    for (int s = 0; s < block; s++) {
      body.addStatement("sum$L += $L$L[k] * w", s, scalar, s);
    }
    body.endControlFlow();
    for (int s = 0; s < block; s++) {
      body.addStatement("$L$L[at] = sum$L", out, s, s);
    }
    body.endControlFlow();
  }

  private void axpyTile(CodeBlock.Builder body, String matrix, String scalar, String out, int inner, String init,
      int chunks) {
    for (int c = 0; c < chunks; c++) {
      CodeBlock start = init == null ? CodeBlock.of("$T.zero(SPECIES)", DOUBLE_VECTOR) : load(init, c);
      body.addStatement("$T acc0$L = $L", DOUBLE_VECTOR, c, start);
      for (int s = 1; s < block; s++) {
        body.addStatement("$T acc$L$L = acc0$L", DOUBLE_VECTOR, s, c, c);
      }
    }
    body.beginControlFlow("for (int k = 0; k < $L; k++)", inner);
    body.addStatement("double[] line = $N[k]", matrix);
    for (int s = 0; s < block; s++) {
      body.addStatement("$T s$L = $T.broadcast(SPECIES, $L$L[k])", DOUBLE_VECTOR, s, DOUBLE_VECTOR, scalar, s);
    }
    for (int c = 0; c < chunks; c++) {
      body.addStatement("$T w$L = $L", DOUBLE_VECTOR, c, load("line", c));
      for (int s = 0; s < block; s++) {
        body.addStatement("acc$L$L = w$L.fma(s$L, acc$L$L)", s, c, c, s, s, c);
      }
    }
    body.endControlFlow();
    for (int c = 0; c < chunks; c++) {
      for (int s = 0; s < block; s++) {
        body.addStatement("acc$L$L.intoArray($L$L, $L)", s, c, out, s, offset(c));
      }
    }
  }

  private static CodeBlock load(String array, int chunk) {
    return CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", DOUBLE_VECTOR, array, offset(chunk));
  }

  private static String offset(int chunk) {
    return chunk == 0 ? "at" : "at + " + (chunk == 1 ? "" : chunk + " * ") + "lanes";
  }

  private String sumOverSlots(String pattern) {
    StringBuilder sum = new StringBuilder();
    for (int s = 0; s < block; s++) {
      sum.append(s == 0 ? "" : " + ").append(String.format(pattern, s));
    }
    return sum.toString();
  }
}
