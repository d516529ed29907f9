package dev.neurogen.processor.emit;

import static dev.neurogen.processor.emit.FieldNames.LABEL;
import static dev.neurogen.processor.emit.FieldNames.LOGIT;
import static dev.neurogen.processor.emit.FieldNames.TARGET;
import static dev.neurogen.processor.emit.FieldNames.activations;
import static dev.neurogen.processor.emit.FieldNames.delta;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.neurogen.Activation;
import dev.neurogen.processor.plan.LayerPlan;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The output layer's activation, and per sample the loss and the output delta dLoss/da_L. Both
 * log-losses work from the logits, so they never take the log of 0 nor overflow exp.
 */
final class OutputWriter {
  static final String ACTIVATE_OUTPUT = "activateOutput";
  static final String SAMPLE_LOSS = "sampleLoss";

  /** Per-slot largest logit of a softmax output, kept by the forward pass for the loss. */
  static final String LOGIT_MAX = "logitMax";

  /** Per-slot sum_k e^(a_k - max) of a softmax output, kept by the forward pass for the loss. */
  static final String EXP_SUM = "expSum";

  private final LayerPlan output;
  private final int n;
  private final int l;
  private final ElementType element;

  OutputWriter(LayerPlan output, ElementType element) {
    this.output = output;
    this.element = element;
    this.n = output.outputs();
    this.l = output.index();
  }

  /** The per-slot pieces of the softmax normaliser, if the output is a softmax. */
  List<FieldSpec> fields(int block) {
    if (output.activation() != Activation.SOFTMAX) {
      return List.of();
    }
    return List.of(
        slotField(LOGIT_MAX, block, "Largest logit of each slot, from the softmax, for the cross-entropy.\n"),
        slotField(EXP_SUM, block, "sum_k e^(a_k - max) of each slot, from the softmax, for the cross-entropy.\n"));
  }

  private FieldSpec slotField(String name, int block, String doc) {
    return FieldSpec.builder(element.array(), name, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc(doc)
        .initializer(element.code("new double[$L]"), block)
        .build();
  }

  List<MethodSpec> methods(dev.neurogen.Loss loss) {
    return List.of(activateOutput(), sampleLoss(loss));
  }

  private MethodSpec activateOutput() {
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] a = $N[s]"), LOGIT);
    body.addStatement(element.code("double[] z = $N[s]"), activations(l));
    String doc;
    if (output.activation() == Activation.SOFTMAX) {
      doc = "Softmax of the logits of slot s; subtracting the largest logit keeps exp from overflowing.\n"
          + "Keeps the largest logit and sum_k e^(a_k - max) for the loss, which then needs no second\n"
          + "round of exp (and predict pays no log).\n";
      body.addStatement(element.code("double max = a[0]"));
      forK(body, 1, "max = $T.max(max, a[k])", Math.class);
      body.addStatement(element.code("double sum = 0.0"));
      body.beginControlFlow("for (int k = 0; k < $L; k++)", n);
      body.addStatement(element.code("z[k] = $T.exp(a[k] - max)"), element.expClass());
      body.addStatement("sum += z[k]");
      body.endControlFlow();
      body.addStatement(element.code("double scale = 1.0 / sum"));
      forK(body, 0, "z[k] *= scale");
      body.addStatement("$N[s] = max", LOGIT_MAX);
      body.addStatement("$N[s] = sum", EXP_SUM);
    } else {
      doc = "Output activation z" + l + " = " + output.activation().name().toLowerCase(java.util.Locale.ROOT) + "(a" + l + ") of slot s.\n";
      forK(body, 0, "z[k] = $L", ActivationCode.apply(element, output.activation(), CodeBlock.of("a[k]")));
    }
    return slotMethod(ACTIVATE_OUTPUT, doc, TypeName.VOID, body.build());
  }

  private MethodSpec sampleLoss(dev.neurogen.Loss loss) {
    CodeBlock.Builder body = CodeBlock.builder();
    body.addStatement(element.code("double[] a = $N[s]"), LOGIT);
    body.addStatement(element.code("double[] z = $N[s]"), activations(l));
    body.addStatement(element.code("double[] d = $N[s]"), delta(l));
    String doc;
    switch (loss) {
      case CROSS_ENTROPY:
        doc = "Cross-entropy -sum y_k log p_k of slot s, with log p_k = a_k - log(sum_j e^a_j) from the\n"
            + "forward pass; writes the fused delta p - y (times sum y, which is 1 for labels and\n"
            + "probability rows).\n";
        body.addStatement(element.code("double[] y = $N[s]"), TARGET);
        body.addStatement(element.code("double normaliser = $N[s] + $T.log($N[s])"), LOGIT_MAX, Math.class, EXP_SUM);
        body.addStatement(element.code("double sumY = 0.0"));
        forK(body, 0, "sumY += y[k]");
        body.addStatement(element.code("double loss = 0.0"));
        body.beginControlFlow("for (int k = 0; k < $L; k++)", n);
        body.addStatement("loss -= y[k] * (a[k] - normaliser)");
        body.addStatement("d[k] = z[k] * sumY - y[k]");
        body.endControlFlow();
        body.addStatement("return loss");
        break;
      case BINARY_CROSS_ENTROPY:
        doc = "Binary cross-entropy of slot s, from the logits: max(a, 0) - a y + log(1 + e^-|a|) per\n"
            + "output; writes the fused delta p - y.\n";
        body.addStatement(element.code("double[] y = $N[s]"), TARGET);
        body.addStatement(element.code("double loss = 0.0"));
        body.beginControlFlow("for (int k = 0; k < $L; k++)", n);
        body.addStatement(element.code("double ak = a[k]"));
        body.addStatement(element.code("loss += $T.max(ak, 0.0) - ak * y[k] + $T.log1p($T.exp(-$T.abs(ak)))"),
            Math.class, Math.class, element.expClass(), Math.class);
        body.addStatement("d[k] = z[k] - y[k]");
        body.endControlFlow();
        body.addStatement("return loss");
        break;
      case MSE:
        doc = "Squared error 1/2 sum (z_k - y_k)^2 of slot s; writes delta (z - y) o f'(a).\n";
        body.addStatement(element.code("double[] y = $N[s]"), TARGET);
        body.addStatement(element.code("double loss = 0.0"));
        body.beginControlFlow("for (int k = 0; k < $L; k++)", n);
        body.addStatement(element.code("double e = z[k] - y[k]"));
        body.addStatement(element.code("loss += 0.5 * e * e"));
        body.addStatement("d[k] = $L", ActivationCode.timesSlope(output.activation(), CodeBlock.of("e"), CodeBlock.of("z[k]")));
        body.endControlFlow();
        body.addStatement("return loss");
        break;
      case HINGE:
        doc = "Multiclass hinge loss (Weston-Watkins) sum_{j != y} max(0, a_j - a_y + 1) of slot s;\n"
            + "each violated margin adds 1 to d_j and -1 to d_y.\n";
        body.addStatement("int y = $N[s]", LABEL);
        body.addStatement(element.code("double correct = a[y]"));
        body.addStatement(element.code("double loss = 0.0"));
        body.addStatement("int violated = 0");
        body.beginControlFlow("for (int k = 0; k < $L; k++)", n);
        body.addStatement(element.code("double margin = a[k] - correct + 1.0"));
        body.beginControlFlow(element.code("if (k != y && margin > 0.0)"));
        body.addStatement("loss += margin");
        body.addStatement(element.code("d[k] = 1.0"));
        body.addStatement("violated++");
        body.nextControlFlow("else");
        body.addStatement(element.code("d[k] = 0.0"));
        body.endControlFlow();
        body.endControlFlow();
        body.addStatement("d[y] = -violated");
        body.addStatement("return loss");
        break;
      default:
        throw new AssertionError(loss);
    }
    return slotMethod(SAMPLE_LOSS, doc, element.scalar(), body.build());
  }

  private void forK(CodeBlock.Builder body, int from, String statement, Object... args) {
    body.beginControlFlow("for (int k = $L; k < $L; k++)", from, n);
    body.addStatement(statement, args);
    body.endControlFlow();
  }

  private static MethodSpec slotMethod(String name, String doc, TypeName returns, CodeBlock body) {
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc)
        .addModifiers(Modifier.PRIVATE)
        .returns(returns)
        .addParameter(TypeName.INT, "s")
        .addCode(body)
        .build();
  }
}
