package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.GradientCheck;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.GeneratedNetworks.Subject;
import dev.neurogen.functional.nets.GradientNets;
import dev.neurogen.functional.nets.TutorialNets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated gradient of every network against central finite differences of its own loss,
 * for every hidden activation, every output/loss pairing, several shapes, batch sizes 1, 3 and 32,
 * and every target form the network accepts. Also the input gradient, the same way.
 */
class FiniteDifferenceGradientTest {
  private static final int[] BATCH_SIZES = {1, 3, 32};
  private static final double TOLERANCE = 1e-6;

  @TestFactory
  Stream<DynamicTest> parameterGradientsMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Subject subject : subjects()) {
      for (int batch : BATCH_SIZES) {
        for (TargetForm form : TargetForm.values()) {
          if (!Batches.accepts(subject.network(), form)) {
            continue;
          }
          tests.add(DynamicTest.dynamicTest(subject + " batch " + batch + " " + form, () -> {
            NeuralNetwork network = subject.network();
            Batches data = new Batches(network, batch, 1000L + batch);
            GradientCheck.Result result =
                GradientCheck.check(network, gradient -> data.lossAndGradient(network, form, gradient, null));
            assertEquals(network.parameterCount(), result.checkedParameters());
            assertTrue(result.maxRelativeError() < TOLERANCE, result.toString());
          }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> inputGradientsMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Subject subject : subjects()) {
      for (int batch : new int[] {1, 5}) {
        for (TargetForm form : TargetForm.values()) {
          if (!Batches.accepts(subject.network(), form)) {
            continue;
          }
          tests.add(DynamicTest.dynamicTest(subject + " batch " + batch + " " + form, () -> {
            NeuralNetwork network = subject.network();
            Batches data = new Batches(network, batch, 77L + batch);
            double[] gradient = new double[network.parameterCount()];
            double[] analytic = new double[data.inputs.length];
            data.lossAndGradient(network, form, gradient, analytic);
            double[] inputs = data.inputs.clone();
            for (int k = 0; k < inputs.length; k++) {
              double original = inputs[k];
              double h = 1e-5 * Math.max(1, Math.abs(original));
              inputs[k] = original + h;
              double plus = data.loss(network, form, inputs);
              inputs[k] = original - h;
              double minus = data.loss(network, form, inputs);
              inputs[k] = original;
              double numeric = (plus - minus) / (2 * h);
              double error = GradientCheck.relativeError(analytic[k], numeric);
              assertTrue(error < TOLERANCE,
                  "input " + k + ": analytic " + analytic[k] + " numeric " + numeric + " relative error " + error);
            }
          }));
        }
      }
    }
    return tests.stream();
  }

  private static List<Subject> subjects() {
    List<Subject> subjects = new ArrayList<>(GeneratedNetworks.nestedIn(GradientNets.class, 42L));
    subjects.addAll(GeneratedNetworks.nestedIn(TutorialNets.class, 42L));
    return subjects;
  }
}
