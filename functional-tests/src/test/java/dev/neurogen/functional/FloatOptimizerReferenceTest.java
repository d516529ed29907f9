package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatNetwork;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.Precision;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The optimizers of float networks ({@code precision = FLOAT}) against PyTorch's {@code
 * torch.optim} on float32 tensors ({@code src/test/resources/optim/make_float32_optim_reference.py}
 * documents the cases and how to regenerate them; the file format is that of {@link
 * OptimizerReferenceTest}). Each case trains the float twin of the reference network (unrolled
 * 4-6-5-3 with batch 5, or 20-40-30-5 with two looped layers and batch 32) for six steps through
 * {@code trainStep(..., OptimizerState)}, from the same float32 parameters and data as torch.
 *
 * <p>Both sides compute in float32 but not in the same order (torch's matrix products block their
 * sums differently, and it folds Adam's bias corrections in another way), so they agree to float
 * rounding, not bit for bit. Compared, each against the largest magnitude of its own kind so that
 * values near zero are not judged by a relative error they cannot have: every step's loss
 * (relative), the change each parameter made over the six steps (relative to the largest change),
 * and every state buffer (relative to its largest element). A float32 rounding is 6e-8 relative; a
 * gradient summed over a batch and six steps compound a few hundred of them, and Adam and RMSProp
 * divide by the root of a small second moment, which amplifies the rounding of small gradients; the
 * largest error seen is 3.3e-5 (RMSProp centered with momentum; printed per case), so the
 * tolerance is {@value #TOLERANCE}. A learning rate 1% off would move every change by 1e-2
 * relative, a hundred times the tolerance. The learning rates come
 * from the same double schedules as for double networks and must agree to 1e-12.
 */
class FloatOptimizerReferenceTest {
  static final double TOLERANCE = 1e-4;

  @TestFactory
  Stream<DynamicTest> everyCaseAgreesWithPyTorchFloat32() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : OptimizerReferenceTest.readLines("float32_index.txt")) {
      tests.add(DynamicTest.dynamicTest(name, () -> check(OptimizerReferenceTest.Case.load(name))));
    }
    assertTrue(tests.size() >= 7, "expected the full set of float32 cases, found " + tests.size());
    return tests.stream();
  }

  private static void check(OptimizerReferenceTest.Case ref) throws ReflectiveOperationException {
    FloatNetwork network = (FloatNetwork) Class.forName("dev.neurogen.functional.nets.FloatNets_" + ref.network + "Impl")
        .getConstructor(long.class).newInstance(1L);
    network.setParameters(ref.parameters); // float32 values: exact
    OptimizerState state = ref.optimizer().newState();
    double lossError = 0;
    for (int step = 0; step < ref.steps; step++) {
      assertEquals(ref.rates[step], state.currentLearningRate(), 1e-12 * ref.rates[step], ref.name + " rate " + step);
      int b = step % ref.inputs.size();
      float[] inputs = narrow(ref.inputs.get(b));
      float loss = network instanceof FloatClassifier c
          ? c.trainStep(inputs, ref.labels.get(b).clone(), ref.batch, state)
          : ((FloatTargetTrainable) network).trainStep(inputs, narrow(ref.rows.get(b)), ref.batch, state);
      lossError = Math.max(lossError, Math.abs(loss - ref.losses[step]) / Math.abs(ref.losses[step]));
    }
    assertEquals(Precision.FLOAT, state.precision());
    double[] parameters = new double[network.parameterCount()];
    network.getParameters(parameters);
    double[] torchChange = new double[parameters.length];
    double[] change = new double[parameters.length];
    for (int k = 0; k < parameters.length; k++) {
      torchChange[k] = ref.finalParameters[k] - ref.parameters[k];
      change[k] = parameters[k] - ref.parameters[k];
    }
    double parameterError = scaledError(torchChange, change);
    OptimizerSnapshot snapshot = state.snapshot();
    assertEquals(ref.steps, snapshot.steps(), ref.name + " steps");
    assertEquals(List.copyOf(ref.state.keySet()), snapshot.bufferNames(), ref.name + " state buffers");
    double stateError = 0;
    String worstBuffer = "-";
    for (Map.Entry<String, double[]> buffer : ref.state.entrySet()) {
      double[] mine = snapshot.buffer(buffer.getKey());
      for (double v : mine) {
        assertEquals(v, (double) (float) v, 0.0, "a float state's snapshot holds float values, widened exactly");
      }
      double e = scaledError(buffer.getValue(), mine);
      if (e >= stateError) {
        stateError = e;
        worstBuffer = buffer.getKey();
      }
    }
    System.out.printf(Locale.ROOT,
        "Float32 optimizer reference %-45s loss %.1e, parameter change %.1e, state %.1e (%s)%n",
        ref.name, lossError, parameterError, stateError, worstBuffer);
    assertTrue(lossError <= TOLERANCE, ref.name + ": loss off by " + lossError + " relative");
    assertTrue(parameterError <= TOLERANCE, ref.name + ": parameter change off by " + parameterError);
    assertTrue(stateError <= TOLERANCE, ref.name + ": " + worstBuffer + " off by " + stateError);
  }

  /** max |actual - expected| / max |expected|. */
  static double scaledError(double[] expected, double[] actual) {
    double scale = 0;
    double worst = 0;
    for (int k = 0; k < expected.length; k++) {
      scale = Math.max(scale, Math.abs(expected[k]));
      worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
    }
    return scale == 0 ? worst : worst / scale;
  }

  static float[] narrow(double[] values) {
    float[] narrow = new float[values.length];
    for (int k = 0; k < values.length; k++) {
      narrow[k] = (float) values[k];
      assertEquals(values[k], narrow[k], 0.0, "the reference files hold float32 values");
    }
    return narrow;
  }
}
