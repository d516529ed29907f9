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
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.processor.plan.KernelShape;
import dev.neurogen.processor.plan.LayerPlan;
import dev.neurogen.processor.plan.NetworkPlan;
import dev.neurogen.processor.plan.PerNetworkMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import javax.lang.model.element.Modifier;

/**
 * The parameters and their gradient accumulators: how they are stored inside, and the conversions
 * to and from the public flat layout (W_1 row-major, b_1, ..., W_L, b_L).
 */
final class ParameterWriter {
  static final String CLEAR_GRADIENTS = "clearGradients";
  static final String EXPORT_GRADIENTS = "exportGradients";

  private static final ClassName ARGUMENT_CHECKS = ClassName.get("dev.neurogen", "ArgumentChecks");
  private final TypeName MATRIX;
  private final TypeName VECTOR;

  private final NetworkPlan plan;
  private final ElementType element;

  ParameterWriter(NetworkPlan plan) {
    this.element = ElementType.of(plan);
    this.MATRIX = element.matrix();
    this.VECTOR = element.array();
    this.plan = plan;
  }

  List<FieldSpec> fields() {
    List<FieldSpec> fields = new ArrayList<>();
    for (LayerPlan layer : plan.layers()) {
      int l = layer.index();
      boolean looped = layer.shape() == KernelShape.LOOPED;
      String storage = looped
          ? "column j of W" + l + " (" + layer.inputs() + " arrays of " + layer.outputs() + ")"
          : "W" + l + " row-major (" + layer.outputs() + " x " + layer.inputs() + ")";
      fields.add(weightField(weights(l), layer, "Weights of layer " + l + ": " + storage + ".\n"));
      if (layer.keepsRows()) {
        fields.add(FieldSpec.builder(MATRIX, weightRows(l), Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("Row i of W$L (" + layer.outputs() + " arrays of " + layer.inputs() + "), a mirror of {@link #$L} kept in\n"
                + "step with it, so that backpropagation is an axpy over rows (vectorised) instead of\n"
                + "a dot product per column (not vectorised).\n", l, weights(l))
            .initializer(element.code("new double[$L][$L]"), layer.outputs(), layer.inputs())
            .build());
      }
      fields.add(vectorField(biases(l), layer.outputs(), "Biases of layer " + l + ".\n"));
      fields.add(weightField(weightGradient(l), layer, "Accumulated dLoss/dW" + l + ", same shape as {@link #" + weights(l) + "}.\n"));
      fields.add(vectorField(biasGradient(l), layer.outputs(), "Accumulated dLoss/db" + l + ".\n"));
    }
    return fields;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.addAll(getParameters());
    methods.addAll(setParameters());
    methods.addAll(clearGradients());
    methods.addAll(exportGradients());
    return methods;
  }

  /** The method whole, or (for deep networks) the dispatcher and its chunk methods. */
  private List<MethodSpec> withChunks(MethodSpec.Builder method, CodeBlock head, PerNetworkMethod kind,
      IntFunction<CodeBlock> layerCode, CodeBlock tail) {
    List<ParameterSpec> parameters = method.build().parameters();
    LayerChunks chunks = LayerChunks.of(method.build().name(), parameters, plan.chunks(kind), false, layerCode);
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(method.addCode(head).addCode(chunks.code()).addCode(tail).build());
    methods.addAll(chunks.methods());
    return methods;
  }

  private List<MethodSpec> getParameters() {
    CodeBlock head = CodeBlock.builder()
        .addStatement("$T.requireExactLength($S, destination, PARAMETERS, $S)", ARGUMENT_CHECKS, "destination", "parameterCount()")
        .build();
    return withChunks(publicOverride("getParameters").addParameter(VECTOR, "destination"), head,
        PerNetworkMethod.GET_PARAMETERS,
        l -> copyOut(plan.layer(l), weights(l), biases(l), "destination", null), CodeBlock.of(""));
  }

  private List<MethodSpec> setParameters() {
    CodeBlock head = CodeBlock.builder()
        .addStatement("$T.requireExactLength($S, source, PARAMETERS, $S)", ARGUMENT_CHECKS, "source", "parameterCount()")
        .addStatement("$T.requireFinite($S, source, PARAMETERS)", ARGUMENT_CHECKS, "source")
        .add(new OptimizerWriter(plan).forgetBound())
        .build();
    return withChunks(publicOverride("setParameters").addParameter(VECTOR, "source"), head,
        PerNetworkMethod.SET_PARAMETERS, this::setLayer, CodeBlock.of(""));
  }

  private CodeBlock setLayer(int l) {
    LayerPlan layer = plan.layer(l);
    CodeBlock.Builder body = CodeBlock.builder();
    if (layer.shape() == KernelShape.LOOPED) {
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement("$N[j][i] = source[$L + i * $L + j]", weights(l), layer.weightOffset(), layer.inputs());
      body.endControlFlow();
      if (layer.keepsRows()) {
        body.addStatement("$T.arraycopy(source, $L + i * $L, $N[i], 0, $L)", System.class, layer.weightOffset(),
            layer.inputs(), weightRows(l), layer.inputs());
      }
      body.endControlFlow();
    } else {
      body.addStatement("$T.arraycopy(source, $L, $N, 0, $L)", System.class, layer.weightOffset(), weights(l), layer.inputs() * layer.outputs());
    }
    body.addStatement("$T.arraycopy(source, $L, $N, 0, $L)", System.class, layer.biasOffset(), biases(l), layer.outputs());
    return body.build();
  }

  private List<MethodSpec> clearGradients() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(CLEAR_GRADIENTS)
        .addJavadoc("Zeroes the gradient accumulators. They are zero between calls: every batch's gradient is\n"
            + "consumed and cleared by exportGradients or by the update.\n")
        .addModifiers(Modifier.PRIVATE);
    return withChunks(method, CodeBlock.of(""), PerNetworkMethod.CLEAR_GRADIENTS, this::clearLayer, CodeBlock.of(""));
  }

  private CodeBlock clearLayer(int l) {
    LayerPlan layer = plan.layer(l);
    CodeBlock.Builder body = CodeBlock.builder();
    if (layer.shape() == KernelShape.LOOPED) {
      body.beginControlFlow(element.code("for (double[] column : $N)"), weightGradient(l));
      body.addStatement(element.code("$T.fill(column, 0.0)"), Arrays.class);
      body.endControlFlow();
    } else {
      body.addStatement(element.code("$T.fill($N, 0.0)"), Arrays.class, weightGradient(l));
    }
    body.addStatement(element.code("$T.fill($N, 0.0)"), Arrays.class, biasGradient(l));
    return body.build();
  }

  private List<MethodSpec> exportGradients() {
    MethodSpec.Builder method = MethodSpec.methodBuilder(EXPORT_GRADIENTS)
        .addJavadoc("Writes the accumulated gradients, times {@code scale} (1 / batch size), in the flat layout,\n"
            + "and zeroes the accumulators for the next batch.\n")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(VECTOR, "gradient")
        .addParameter(element.scalar(), "scale");
    return withChunks(method, CodeBlock.of(""), PerNetworkMethod.EXPORT_GRADIENTS,
        l -> copyOut(plan.layer(l), weightGradient(l), biasGradient(l), "gradient", "scale"),
        CodeBlock.builder().addStatement("$N()", CLEAR_GRADIENTS).build());
  }

  /** Copies one layer's weights and biases (or their gradients, scaled) into a flat array. */
  private static CodeBlock copyOut(LayerPlan layer, String weights, String biases, String target, String scale) {
    CodeBlock.Builder body = CodeBlock.builder();
    String times = scale == null ? "" : " * " + scale;
    if (layer.shape() == KernelShape.LOOPED) {
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.beginControlFlow("for (int j = 0; j < $L; j++)", layer.inputs());
      body.addStatement("$N[$L + i * $L + j] = $N[j][i]$L", target, layer.weightOffset(), layer.inputs(), weights, times);
      body.endControlFlow();
      body.endControlFlow();
    } else if (scale == null) {
      body.addStatement("$T.arraycopy($N, 0, $N, $L, $L)", System.class, weights, target, layer.weightOffset(), layer.inputs() * layer.outputs());
    } else {
      body.beginControlFlow("for (int k = 0; k < $L; k++)", layer.inputs() * layer.outputs());
      body.addStatement("$N[$L + k] = $N[k]$L", target, layer.weightOffset(), weights, times);
      body.endControlFlow();
    }
    if (scale == null) {
      body.addStatement("$T.arraycopy($N, 0, $N, $L, $L)", System.class, biases, target, layer.biasOffset(), layer.outputs());
    } else {
      body.beginControlFlow("for (int i = 0; i < $L; i++)", layer.outputs());
      body.addStatement("$N[$L + i] = $N[i]$L", target, layer.biasOffset(), biases, times);
      body.endControlFlow();
    }
    return body.build();
  }

  private FieldSpec weightField(String name, LayerPlan layer, String doc) {
    if (layer.shape() == KernelShape.LOOPED) {
      return FieldSpec.builder(MATRIX, name, Modifier.PRIVATE, Modifier.FINAL)
          .addJavadoc(doc)
          .initializer(element.code("new double[$L][$L]"), layer.inputs(), layer.outputs())
          .build();
    }
    return vectorField(name, layer.inputs() * layer.outputs(), doc);
  }

  private FieldSpec vectorField(String name, int length, String doc) {
    return FieldSpec.builder(VECTOR, name, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc(doc)
        .initializer(element.code("new double[$L]"), length)
        .build();
  }

  private static MethodSpec.Builder publicOverride(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
  }
}
