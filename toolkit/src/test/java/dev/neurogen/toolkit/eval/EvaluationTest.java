package dev.neurogen.toolkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.toolkit.Nets_BinaryImpl;
import dev.neurogen.toolkit.Nets_TinyImpl;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.model.Model;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final List<String> NAMES = List.of("cat", "dog", "hippopotamus");

  @Test
  void perClassMetricsFromTheConfusionMatrix() {
    int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
    int[] predicted = {0, 0, 1, 1, 0, 2, 2, 1, 2};
    ClassificationEvaluation e = ClassificationEvaluation.of(truth, predicted, NAMES);
    // by hand: cat tp 2 fp 1 fn 1; dog tp 1 fp 2 fn 1; hippo tp 3 fp 0 fn 1
    assertEquals(6.0 / 9, e.accuracy(), 1e-15);
    assertEquals(2.0 / 3, e.precision(0), 1e-15);
    assertEquals(1.0 / 3, e.precision(1), 1e-15);
    assertEquals(1.0, e.precision(2), 1e-15);
    assertEquals(2.0 / 3, e.recall(0), 1e-15);
    assertEquals(1.0 / 2, e.recall(1), 1e-15);
    assertEquals(3.0 / 4, e.recall(2), 1e-15);
    assertEquals(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), e.f1(1), 1e-15);
    assertEquals((2.0 / 3 + 0.4 + 6.0 / 7) / 3, e.macroF1(), 1e-15);
    assertEquals(Double.NaN, e.logLoss());
    assertEquals(""
        + "Confusion matrix (rows = truth, columns = predicted)\n"
        + "                       cat           dog  hippopotamus\n"
        + "cat                      2             1             0\n"
        + "dog                      1             1             0\n"
        + "hippopotamus             0             1             3\n", e.confusionMatrix().toString());
    String table = e.toString();
    assertTrue(table.contains("cat                3     0.6667  0.6667  0.6667"), table);
    assertTrue(table.contains("accuracy 0.6667"), table);
  }

  @Test
  void absentClassesCountAsZeroNotNaN() {
    ClassificationEvaluation e = ClassificationEvaluation.of(new int[] {0, 0}, new int[] {0, 0}, NAMES);
    assertEquals(0.0, e.precision(1));
    assertEquals(0.0, e.recall(2));
    assertEquals(1.0 / 3, e.macroF1(), 1e-15);
  }

  @Test
  void logLossAndThresholdOfASigmoidNetwork() {
    Nets_BinaryImpl net = new Nets_BinaryImpl(1L);
    DataSet data = DataSet.ofLabels(new double[] {0.1, 0.2, -0.5, 0.9, 2, -1}, 2, new int[] {1, 0, 1});
    double[] p = new double[3];
    double expected = 0;
    for (int r = 0; r < 3; r++) {
      double[] out = new double[1];
      net.predict(data.featureRow(r), out);
      p[r] = out[0];
      expected -= Math.log(data.label(r) == 1 ? p[r] : 1 - p[r]);
    }
    for (double threshold : new double[] {0.3, 0.5, 0.7}) {
      Model model = Model.builder(net).threshold(threshold).build();
      ClassificationEvaluation e = ClassificationEvaluation.of(model, data);
      assertEquals(expected / 3, e.logLoss(), 1e-14);
      int correct = 0;
      for (int r = 0; r < 3; r++) {
        int predicted = p[r] >= threshold ? 1 : 0;
        correct += predicted == data.label(r) ? 1 : 0;
        assertEquals(predicted, model.classify(data.featureRow(r)));
      }
      assertEquals(correct / 3.0, e.accuracy(), 1e-15);
    }
  }

  @Test
  void softmaxLogLossAndBatchPrediction() {
    Nets_TinyImpl net = new Nets_TinyImpl(5L);
    Model model = Model.of(net, null, List.of("a", "b"));
    double[][] rows = {{0.5, -1}, {2, 0.25}};
    double[][] outputs = model.predict(rows);
    int[] classes = model.classify(rows);
    ClassificationEvaluation e = ClassificationEvaluation.of(model, DataSet.ofLabels(rows, new int[] {1, 0}));
    assertEquals(-(Math.log(outputs[0][1]) + Math.log(outputs[1][0])) / 2, e.logLoss(), 1e-14);
    for (int r = 0; r < 2; r++) {
      assertEquals(outputs[r][1] > outputs[r][0] ? 1 : 0, classes[r]);
    }
  }

  @Test
  void regressionMseAndR2() {
    double[] targets = {1, 2, 3, 4};
    double[] predicted = {1.5, 2, 2, 4};
    RegressionEvaluation e = RegressionEvaluation.of(targets, predicted, 1);
    // squared errors 0.25, 0, 1, 0 -> mse 0.3125; SS_tot around 2.5 = 5 -> r2 = 1 - 1.25 / 5
    assertEquals(0.3125, e.mse(), 1e-15);
    assertEquals(0.75, e.r2(), 1e-15);
    assertEquals(0.375, e.mae(), 1e-15);
    RegressionEvaluation two = RegressionEvaluation.of(new double[] {1, 10, 2, 20, 3, 30}, new double[] {1, 10, 2, 20, 3, 33}, 2);
    assertEquals(1.0, two.r2(0), 1e-15);
    assertEquals(1 - 9.0 / 200, two.r2(1), 1e-15);
    assertEquals((1 + 1 - 9.0 / 200) / 2, two.r2(), 1e-15);
  }
}
