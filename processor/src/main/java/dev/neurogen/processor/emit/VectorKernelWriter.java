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
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Activation;
import dev.neurogen.processor.plan.LayerPlan;
import javax.lang.model.element.Modifier;

/**
 * Block kernels of a looped layer on the Java Vector API ({@code codeStyle = VECTOR_API}), for the
 * first {@code count} slots. All three are register-blocked: a tile of {@link #CHUNKS} vectors
 * times a group of samples is held in accumulators while the loop runs over the other dimension,
 * so every loaded weight vector feeds one fused multiply-add per sample of the group:
 *
 * <ul>
 *   <li>forward: {@code y_s[at..] = b[at..] + sum_k x_s[k] * column_k[at..]};
 *   <li>backpropagation: {@code out_s[at..] = sum_k d_s[k] * row_k[at..]} (the caller applies f');
 *   <li>weight gradient: {@code column_j[at..] += sum_s x_s[j] * d_s[at..]}, the d tile held.
 * </ul>
 *
 * The tile loop is outermost, so the part of the weights one tile touches (a few tens of KB) stays
 * in L2 while every group of the block passes over it. Vector lengths are the platform's
 * preferred species, known only at run time: each loop has a full-tile part, a one-vector part
 * and a scalar tail (masked vector access allocates on JDK 17).
 *
 * <p>Tile per vector species: the group is {@link #WIDE_GROUP} samples where {@code WIDE_TILES}
 * holds (512-bit vectors: AVX-512 and its 32 vector registers, room for sixteen accumulators),
 * else {@link LayerKernelWriter#GROUP} (AVX2's 16 registers; the wide tile spills there and
 * measured a sixth slower with {@code -XX:UseAVX=2}). Samples left over run in the smaller groups.
 * On AVX-512 the wide tile made W3 training (batch 32) 12-20% faster and batch prediction about
 * 10% faster.
 *
 * <p>The wide tiles are a method of their own, {@code kernel + "Wide"} ({@link #wideName}), which
 * takes the samples in groups of {@link #WIDE_GROUP} and returns how many it took; the kernel
 * calls it where {@code WIDE_TILES} holds (a static final constant, so C2 drops the branch it does
 * not take) and runs the narrow tiles on the samples left over, then the scalar tail on all of
 * them. With both tiles in one method, C1 (which does not intrinsify the Vector API and inlines its
 * Java code) ran out of virtual registers on the larger kernels and left them interpreted until C2
 * compiled them ({@code COMPILE SKIPPED} at tier 3); each method now holds one tile size. The cost:
 * where a block is not a multiple of {@link #WIDE_GROUP} samples, the samples left over pass over
 * the weights a second time (a block of 32, as in the benchmarks, has none left). The split does
 * not change the arithmetic: each sample's sums are the same fused multiply-adds in the
 * same order whatever the group, and the weight gradient still adds the samples in slot order (the
 * wide method's samples come first), so the results do not depend on the tile.
 */
final class VectorKernelWriter {
  static final ClassName DOUBLE_VECTOR = ClassName.get("jdk.incubator.vector", "DoubleVector");
  static final ClassName VECTOR_SPECIES = ClassName.get("jdk.incubator.vector", "VectorSpecies");
  static final ClassName VECTOR_OPERATORS = ClassName.get("jdk.incubator.vector", "VectorOperators");

  /** Vectors per tile: two vectors x four samples = eight accumulators (measured best). */
  static final int CHUNKS = 2;

  private static final int GROUP = LayerKernelWriter.GROUP;

  /** Samples per tile where {@link #WIDE_TILES} holds (8 measured best on AVX-512). */
  static final int WIDE_GROUP = 8;

  static final String WIDE_TILES = "WIDE_TILES";

  /** The batch prediction methods' input array, which the first layer's prediction kernel reads directly. */
  static final String INPUTS = "inputs";

  private final LayerPlan layer;
  private final ElementType element;

  VectorKernelWriter(LayerPlan layer, ElementType element) {
    this.layer = layer;
    this.element = element;
  }

  /** {@code SPECIES}: the preferred (widest) double vector shape of the running platform. */
  static FieldSpec speciesField(ElementType element) {
    return FieldSpec.builder(ParameterizedTypeName.get(VECTOR_SPECIES, element.scalar().box()), "SPECIES",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The widest $L vector the platform supports ($L lanes with AVX2, $L with AVX-512).\n",
            element.word(), element.isFloat() ? 8 : 4, element.isFloat() ? 16 : 8)
        .initializer("$T.SPECIES_PREFERRED", element.vector())
        .build();
  }

  /**
   * {@code WIDE_TILES}: whether the preferred species is 512 bits wide, which on x86 means
   * AVX-512 and 32 vector registers, room for the wider tile (see the class comment). A constant
   * to C2, so the branch it guards costs nothing.
   */
  static FieldSpec wideTilesField() {
    return FieldSpec.builder(TypeName.BOOLEAN, WIDE_TILES, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Whether the vectors are 512 bits wide (AVX-512: 32 vector registers, room for the block\n"
            + "kernels' tiles of $L samples; AVX2's 16 registers take tiles of $L).\n", WIDE_GROUP, GROUP)
        .initializer("SPECIES.vectorBitSize() >= 512")
        .build();
  }

  /** The name of the method that holds {@code kernel}'s wide tiles. */
  static String wideName(String kernel) {
    return kernel + "Wide";
  }

  /**
   * Forward body of {@code kernel} (training's block kernel or prediction's): the output slots get
   * bias + W x, the activation left to the caller. {@code fromInputs} (the first layer's prediction
   * kernel): sample {@code start + s} is read straight from the caller's {@code inputs} rows (offset
   * {@code (start + s) * inputs}) instead of a copy in the input slots, which cost as much as a tenth
   * of the block's time. Its wide tiles are {@link #forwardWide}.
   */
  CodeBlock forward(String kernel, boolean fromInputs) {
    String scalars = fromInputs ? INPUTS : "x";
    CodeBlock.Builder body = CodeBlock.builder();
    forwardArrays(body, fromInputs);
    callWide(body, kernel, fromInputs ? "inputs, start, count" : "count");
    tiled(body, layer.outputs(), chunks -> axpyTiles(body, chunks, GROUP, scalars, "y", layer.inputs(), "b"),
        () -> scalarAxpyTail(body, scalars, "y", layer.inputs(), "b"));
    return body.build();
  }

  /** The wide tiles of {@link #forward}. */
  MethodSpec forwardWide(String kernel, boolean fromInputs) {
    String scalars = fromInputs ? INPUTS : "x";
    CodeBlock.Builder body = CodeBlock.builder();
    forwardArrays(body, fromInputs);
    wideTiled(body, layer.outputs(), chunks -> axpyTile(body, chunks, WIDE_GROUP, scalars, "y", layer.inputs(), "b"));
    MethodSpec.Builder method = wideMethod(kernel, "y_s = b + W x_s");
    if (fromInputs) {
      method.addParameter(element.array(), INPUTS).addParameter(TypeName.INT, "start");
    }
    return method.addParameter(TypeName.INT, "count").addCode(body.build()).build();
  }

  private void forwardArrays(CodeBlock.Builder body, boolean fromInputs) {
    int l = layer.index();
    body.addStatement(element.code("double[] b = $N"), biases(l));
    body.addStatement(element.code("double[][] lines = $N"), weights(l));
    if (!fromInputs) {
      body.addStatement(element.code("double[][] x = $N"), activations(l - 1));
    }
    body.addStatement(element.code("double[][] y = $N"), layer.isOutput() ? FieldNames.LOGIT : activations(l));
  }

  /** {@code scalars_(s+q)}: a slot of a block buffer, or a row of the caller's {@code inputs} array. */
  private void declareScalarRow(CodeBlock.Builder body, String scalars, int q, String name) {
    if (scalars.equals(INPUTS)) {
      body.addStatement("int $L = (start + s + $L) * $L", name, q, layer.inputs());
    } else {
      body.addStatement(element.code("double[] $L = $L[s + $L]"), name, scalars, q);
    }
  }

  /** x0, x1, ... for block slots; row0, row1, ... (offsets) for rows of {@code inputs}. */
  private static String rowName(String scalars, int q) {
    return scalars.equals(INPUTS) ? "row" + q : scalars + q;
  }

  /** Element {@code index} of the row that {@link #declareScalarRow} named {@code name}. */
  private static String scalarAt(String scalars, String name, String index) {
    return scalars.equals(INPUTS) ? INPUTS + "[" + name + " + " + index + "]" : name + "[" + index + "]";
  }

  /**
   * Backpropagation body of {@code kernel} over the row mirror: the previous layer's delta slots
   * get W^T d. Its wide tiles are {@link #propagateWide}.
   */
  CodeBlock propagate(String kernel) {
    CodeBlock.Builder body = CodeBlock.builder();
    propagateArrays(body);
    callWide(body, kernel, "count");
    tiled(body, layer.inputs(), chunks -> axpyTiles(body, chunks, GROUP, "d", "out", layer.outputs(), null),
        () -> scalarAxpyTail(body, "d", "out", layer.outputs(), null));
    return body.build();
  }

  /** The wide tiles of {@link #propagate}. */
  MethodSpec propagateWide(String kernel) {
    CodeBlock.Builder body = CodeBlock.builder();
    propagateArrays(body);
    wideTiled(body, layer.inputs(), chunks -> axpyTile(body, chunks, WIDE_GROUP, "d", "out", layer.outputs(), null));
    return wideMethod(kernel, "out_s = W^T d_s").addParameter(TypeName.INT, "count").addCode(body.build()).build();
  }

  private void propagateArrays(CodeBlock.Builder body) {
    int l = layer.index();
    body.addStatement(element.code("double[][] lines = $N"), weightRows(l));
    body.addStatement(element.code("double[][] d = $N"), delta(l));
    body.addStatement(element.code("double[][] out = $N"), delta(l - 1));
  }

  /**
   * Weight-gradient body of {@code kernel}: every column of dW gets sum_s x_s[j] d_s, the d tile
   * held in registers. Its wide tiles are {@link #accumulateWide}.
   */
  CodeBlock accumulate(String kernel) {
    int l = layer.index();
    int n = layer.outputs();
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] gb = $N"), biasGradient(l));
    accumulateArrays(body);
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    body.addStatement(element.code("double[] ds = d[s]"));
    body.beginControlFlow("for (int i = 0; i < $L; i++)", n);
    body.addStatement("gb[i] += ds[i]");
    body.endControlFlow();
    body.endControlFlow();
    callWide(body, kernel, "count");
    tiled(body, n, chunks -> gradientTiles(body, chunks), () -> {
      body.beginControlFlow("for (int s = 0; s < count; s++)");
      body.addStatement(element.code("double dsAt = d[s][at]"));
      body.addStatement(element.code("double[] xs = x[s]"));
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement("lines[j][at] += xs[j] * dsAt");
      body.endControlFlow();
      body.endControlFlow();
    });
    return body.build();
  }

  /** The wide tiles of {@link #accumulate}. */
  MethodSpec accumulateWide(String kernel) {
    CodeBlock.Builder body = CodeBlock.builder();
    accumulateArrays(body);
    wideTiled(body, layer.outputs(), chunks -> gradientTile(body, chunks, WIDE_GROUP));
    return wideMethod(kernel, "dW += sum_s d_s x_s^T").addParameter(TypeName.INT, "count").addCode(body.build())
        .build();
  }

  private void accumulateArrays(CodeBlock.Builder body) {
    int l = layer.index();
    body.addStatement(element.code("double[][] lines = $N"), weightGradient(l));
    body.addStatement(element.code("double[][] x = $N"), activations(l - 1));
    body.addStatement(element.code("double[][] d = $N"), delta(l));
  }

  /**
   * {@code int wide = WIDE_TILES ? kernelWide(arguments) : 0}: the samples the wide tiles took,
   * after which the narrow tiles start.
   */
  private static void callWide(CodeBlock.Builder body, String kernel, String arguments) {
    body.add("// where WIDE_TILES holds (512-bit vectors), the samples in groups of $L first, in a method of\n"
        + "// their own: one tile size per method keeps C1's register allocator within its bounds\n", WIDE_GROUP);
    body.addStatement("int wide = $N ? $N($L) : 0", WIDE_TILES, wideName(kernel), arguments);
  }

  /** The wide-tile method of {@code kernel}, before its parameters and body. */
  private static MethodSpec.Builder wideMethod(String kernel, String what) {
    return MethodSpec.methodBuilder(wideName(kernel))
        .addJavadoc("The wide tiles of {@code $N} ($L) for 512-bit vectors ({@code WIDE_TILES}): the first\n"
            + "{@code count - count % $L} samples, $L at a time, on the entries that fill whole vectors; {@code $N}\n"
            + "does the samples left over and the last entries.\n"
            + "@return the number of samples done\n",
            kernel, what, WIDE_GROUP, WIDE_GROUP, kernel)
        .addModifiers(Modifier.PRIVATE)
        .returns(TypeName.INT);
  }

  /** Loops {@code at} over [0, length): tiles of CHUNKS vectors, then single vectors, then scalars. */
  private static void tiled(CodeBlock.Builder body, int length, java.util.function.IntConsumer tiles, Runnable tail) {
    body.addStatement("int lanes = SPECIES.length()");
    body.addStatement("int at = 0");
    body.beginControlFlow("for (; at + $L * lanes <= $L; at += $L * lanes)", CHUNKS, length, CHUNKS);
    tiles.accept(CHUNKS);
    body.endControlFlow();
    body.beginControlFlow("for (; at + lanes <= $L; at += lanes)", length);
    tiles.accept(1);
    body.endControlFlow();
    body.add("// the last entries, fewer than a vector, of every sample\n");
    body.beginControlFlow("for (; at < $L; at++)", length);
    tail.run();
    body.endControlFlow();
  }

  /**
   * The wide method's loops: {@code at} over the whole vectors of [0, length) as in {@link #tiled},
   * each tile over the whole groups of {@link #WIDE_GROUP} samples; returns the samples they hold.
   * The sample loop tests {@code s + 8 <= count}, the form of the loop it was split from: with {@code
   * s < end} for a precomputed {@code end}, C2's code for the first layer's forward kernel of
   * 784-128-64-10 measured 10% slower (thread CPU time, both versions interleaved in one JVM).
   */
  private static void wideTiled(CodeBlock.Builder body, int length, java.util.function.IntConsumer tile) {
    body.addStatement("int lanes = SPECIES.length()");
    body.addStatement("int at = 0");
    body.beginControlFlow("for (; at + $L * lanes <= $L; at += $L * lanes)", CHUNKS, length, CHUNKS);
    body.beginControlFlow("for (int s = 0; s + $L <= count; s += $L)", WIDE_GROUP, WIDE_GROUP);
    tile.accept(CHUNKS);
    body.endControlFlow();
    body.endControlFlow();
    body.beginControlFlow("for (; at + lanes <= $L; at += lanes)", length);
    body.beginControlFlow("for (int s = 0; s + $L <= count; s += $L)", WIDE_GROUP, WIDE_GROUP);
    tile.accept(1);
    body.endControlFlow();
    body.endControlFlow();
    body.addStatement("return count - count % $L", WIDE_GROUP);
  }

  /**
   * From the first sample the wide tiles left ({@code wide}): groups of {@code group} slots, then
   * single slots, each running {@link #axpyTile}.
   */
  private void axpyTiles(CodeBlock.Builder body, int chunks, int group, String scalars, String out, int inner,
      String init) {
    body.add("// the samples the wide tiles left (all of them on narrower vectors)\n");
    body.addStatement("int s = wide");
    body.beginControlFlow("for (; s + $L <= count; s += $L)", group, group);
    axpyTile(body, chunks, group, scalars, out, inner, init);
    body.endControlFlow();
    body.beginControlFlow("for (; s < count; s++)");
    axpyTile(body, chunks, 1, scalars, out, inner, init);
    body.endControlFlow();
  }

  /** out_(s+q)[tile] = init[tile] + sum_k scalars_(s+q)[k] * lines[k][tile], q < slots. */
  private void axpyTile(CodeBlock.Builder body, int chunks, int slots, String scalars, String out, int inner,
      String init) {
    for (int q = 0; q < slots; q++) {
      declareScalarRow(body, scalars, q, rowName(scalars, q));
    }
    for (int c = 0; c < chunks; c++) {
      CodeBlock start = init == null ? CodeBlock.of("$T.zero(SPECIES)", element.vector()) : load(init, c);
      body.addStatement("$T acc0$L = $L", element.vector(), c, start);
      for (int q = 1; q < slots; q++) {
        body.addStatement("$T acc$L$L = acc0$L", element.vector(), q, c, c);
      }
    }
    body.beginControlFlow("for (int k = 0; k < $L; k++)", inner);
    body.addStatement(element.code("double[] line = lines[k]"));
    for (int q = 0; q < slots; q++) {
      body.addStatement("$T b$L = $T.broadcast(SPECIES, $L)", element.vector(), q, element.vector(),
          scalarAt(scalars, rowName(scalars, q), "k"));
    }
    for (int c = 0; c < chunks; c++) {
      body.addStatement("$T w$L = $L", element.vector(), c, load("line", c));
      for (int q = 0; q < slots; q++) {
        body.addStatement("acc$L$L = w$L.fma(b$L, acc$L$L)", q, c, c, q, q, c);
      }
    }
    body.endControlFlow();
    for (int c = 0; c < chunks; c++) {
      for (int q = 0; q < slots; q++) {
        body.addStatement("acc$L$L.intoArray($L[s + $L], $L)", q, c, out, q, offset(c));
      }
    }
  }

  /** Scalar version of the axpy for one entry {@code at}, all slots. */
  private void scalarAxpyTail(CodeBlock.Builder body, String scalars, String out, int inner, String init) {
    body.beginControlFlow("for (int s = 0; s < count; s++)");
    declareScalarRow(body, scalars, 0, "a");
    body.addStatement(element.code("double sum = $L"), init == null ? element.code("0.0") : init + "[at]");
    body.beginControlFlow("for (int k = 0; k < $L; k++)", inner);
    body.addStatement("sum += $L * lines[k][at]", scalarAt(scalars, "a", "k"));
    body.endControlFlow();
    body.addStatement("$L[s][at] = sum", out);
    body.endControlFlow();
  }

  /** From the first sample the wide tiles left: groups of GROUP slots, then single slots. */
  private void gradientTiles(CodeBlock.Builder body, int chunks) {
    body.add("// the samples the wide tiles left (all of them on narrower vectors), in slot order\n");
    body.addStatement("int s = wide");
    body.beginControlFlow("for (; s + $L <= count; s += $L)", GROUP, GROUP);
    gradientTile(body, chunks, GROUP);
    body.endControlFlow();
    body.beginControlFlow("for (; s < count; s++)");
    gradientTile(body, chunks, 1);
    body.endControlFlow();
  }

  /** lines[j][tile] += sum_q x_(s+q)[j] * d_(s+q)[tile] for every j, the d tile in registers. */
  private void gradientTile(CodeBlock.Builder body, int chunks, int slots) {
    for (int q = 0; q < slots; q++) {
      body.addStatement(element.code("double[] x$L = x[s + $L]"), q, q);
      for (int c = 0; c < chunks; c++) {
        body.addStatement("$T d$L$L = $L", element.vector(), q, c, load("d[s + " + q + "]", c));
      }
    }
    body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
    body.addStatement(element.code("double[] g = lines[j]"));
    for (int q = 0; q < slots; q++) {
      body.addStatement("$T b$L = $T.broadcast(SPECIES, x$L[j])", element.vector(), q, element.vector(), q);
    }
    for (int c = 0; c < chunks; c++) {
      body.addStatement("$T g$L = $L", element.vector(), c, load("g", c));
      for (int q = 0; q < slots; q++) {
        body.addStatement("g$L = d$L$L.fma(b$L, g$L)", c, q, c, q, c);
      }
      body.addStatement("g$L.intoArray(g, $L)", c, offset(c));
    }
    body.endControlFlow();
  }

  /** Whether {@link #activate} has a vector form of the activation (else the caller loops on scalars). */
  static boolean hasVectorForm(Activation activation) {
    return activation == Activation.SIGMOID;
  }

  /**
   * {@code ys[i] = f(ys[i])} for {@code i < n}, whole vectors first, for an activation with a
   * {@linkplain #hasVectorForm vector form}. The sigmoid is {@code 1 / (1 + e^-a)} with the Vector
   * API's {@code EXP}, which C2 compiles on x86 to the SVML routines (within 1 ulp of {@code
   * Math.exp}, so within a few units in the 16th digit of the scalar sigmoid) instead of a call of
   * {@code Math.exp} per element.
   */
  static void activate(CodeBlock.Builder body, ElementType element, Activation activation, String ys, int n) {
    if (!hasVectorForm(activation)) {
      throw new IllegalArgumentException(activation + " has no vector form");
    }
    body.addStatement("int i = 0");
    body.beginControlFlow("for (; i + SPECIES.length() <= $L; i += SPECIES.length())", n);
    body.addStatement("$T e = $T.fromArray(SPECIES, $L, i).neg().lanewise($T.EXP)", element.vector(),
        element.vector(), ys, VECTOR_OPERATORS);
    body.addStatement(element.code("$T.broadcast(SPECIES, 1.0).div(e.add(1.0)).intoArray($L, i)"), element.vector(), ys);
    body.endControlFlow();
    body.beginControlFlow("for (; i < $L; i++)", n);
    body.addStatement("$L[i] = $L", ys, ActivationCode.apply(element, activation, CodeBlock.of("$L[i]", ys)));
    body.endControlFlow();
  }

  private CodeBlock load(String array, int chunk) {
    return CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", element.vector(), array, offset(chunk));
  }

  private static String offset(int chunk) {
    return chunk == 0 ? "at" : "at + " + (chunk == 1 ? "" : chunk + " * ") + "lanes";
  }
}
