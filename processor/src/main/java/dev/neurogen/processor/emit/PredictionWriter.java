package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.LOGIT;
import static dev.neurogen.processor.emit.FieldNames.activations;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.processor.model.TrainingInterface;
import dev.neurogen.processor.plan.NetworkPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Batch prediction: {@code predict(inputs, outputs, batchSize)} and, for classifiers, {@code
 * classify(inputs, labels, batchSize)}. They run a checked batch through the same block machinery
 * as training ({@code loadInputs}, {@code forwardBlock} of {@link BatchWriter}), so the large
 * layers' block kernels read each weight once per block of samples, and allocate nothing.
 */
final class PredictionWriter {
  private static final ClassName ARGUMENT_CHECKS = ClassName.get("dev.neurogen", "ArgumentChecks");
  private static final TypeName VECTOR = TypeName.get(double[].class);
  private static final TypeName LABELS = TypeName.get(int[].class);

  private final NetworkPlan plan;

  PredictionWriter(NetworkPlan plan) {
    this.plan = plan;
  }

  List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(predictBatch());
    if (plan.model().trainingInterfaces().contains(TrainingInterface.CLASSIFIER)) {
      methods.add(classifyBatch());
    }
    methods.add(storeOutputs());
    return methods;
  }

  private MethodSpec predictBatch() {
    int outputs = plan.model().size(plan.layerCount());
    CodeBlock body = CodeBlock.builder()
        .add(inputChecks())
        .addStatement("$T.requireLength($S, outputs, (long) batchSize * OUTPUTS, $S)", ARGUMENT_CHECKS, "outputs",
            "batchSize x " + outputs)
        .beginControlFlow("for (int start = 0; start < batchSize; start += BLOCK)")
        .addStatement("int count = $T.min(BLOCK, batchSize - start)", Math.class)
        .addStatement("loadInputs(inputs, start, count)")
        .addStatement("$N(count)", BatchWriter.FORWARD_BLOCK)
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
        .addStatement("loadInputs(inputs, start, count)")
        .addStatement("$N(count)", BatchWriter.FORWARD_BLOCK)
        .add("// the largest logit is the largest output: softmax is monotonic\n")
        .beginControlFlow("for (int s = 0; s < count; s++)")
        .addStatement("double[] a = $N[s]", LOGIT)
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
