package dev.neurogen.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.GradientCheck;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.functional.AllocationMeter;
import dev.neurogen.functional.Batches;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.GeneratedNetworks;
import dev.neurogen.functional.GeneratedNetworks.Subject;
import dev.neurogen.vector.nets.PortableTwins;
import dev.neurogen.vector.nets.VectorNets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * codeStyle = VECTOR_API: gradients against finite differences, every number against the portable
 * twin of the same network, and no allocation.
 */
class VectorApiTest {
  /** 32 runs the Vector API block kernels eight times; 7 adds a tail of three single samples. */
  private static final int[] BATCH_SIZES = {1, 7, 32};

  /** Fused multiply-adds round once where the portable code rounds twice. */
  private static final double TWIN_TOLERANCE = 1e-12;

  @TestFactory
  Stream<DynamicTest> gradientsMatchFiniteDifferences() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Subject subject : GeneratedNetworks.nestedIn(VectorNets.class, 8L)) {
      for (int batch : BATCH_SIZES) {
        for (TargetForm form : TargetForm.values()) {
          if (Batches.accepts(subject.network(), form)) {
            tests.add(DynamicTest.dynamicTest(subject + " batch " + batch + " " + form, () -> {
              NeuralNetwork net = subject.network();
              // seeds chosen so that no ReLU pre-activation lies within h of its kink, where finite
              // differences are meaningless (the portable twins test covers the same kernels exactly)
              Batches data = new Batches(net, batch, 600L + batch);
              GradientCheck.Result result =
                  GradientCheck.check(net, gradient -> data.lossAndGradient(net, form, gradient, null));
              assertTrue(result.maxRelativeError() < 1e-6, result.toString());
            }));
          }
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> agreesWithThePortableTwin() {
    List<Subject> vector = GeneratedNetworks.nestedIn(VectorNets.class, 8L);
    List<Subject> portable = GeneratedNetworks.nestedIn(PortableTwins.class, 8L);
    List<DynamicTest> tests = new ArrayList<>();
    for (int n = 0; n < vector.size(); n++) {
      Subject v = vector.get(n);
      Subject p = portable.get(n);
      assertEquals(v.name(), p.name());
      for (TargetForm form : TargetForm.values()) {
        if (Batches.accepts(v.network(), form)) {
          tests.add(DynamicTest.dynamicTest(v + " " + form, () -> assertTwins(v.network(), p.network(), form)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> allocatesNothing() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Subject subject : GeneratedNetworks.nestedIn(VectorNets.class, 8L)) {
      tests.add(DynamicTest.dynamicTest(subject.toString(), () -> {
        NeuralNetwork net = subject.network();
        TargetForm form = Batches.accepts(net, TargetForm.LABELS) ? TargetForm.LABELS : TargetForm.ROWS;
        Batches data = new Batches(net, 32, 3L);
        double[] gradient = new double[net.parameterCount()];
        double[] output = new double[net.outputSize()];
        double[] input = new double[net.inputSize()];
        assertEquals(0, AllocationMeter.bytesAllocated(() -> data.trainStep(net, form, 1e-6)), "trainStep");
        assertEquals(0, AllocationMeter.bytesAllocated(() -> data.lossAndGradient(net, form, gradient, null)),
            "lossAndGradient");
        assertEquals(0, AllocationMeter.bytesAllocated(() -> net.predict(input, output)), "predict");
        double[] outputs = new double[32 * net.outputSize()];
        assertEquals(0, AllocationMeter.bytesAllocated(() -> net.predict(data.inputs, outputs, 32)), "batch predict");
      }));
    }
    return tests.stream();
  }

  private static void assertTwins(NeuralNetwork vector, NeuralNetwork portable, TargetForm form) {
    double[] parameters = new double[vector.parameterCount()];
    vector.getParameters(parameters);
    portable.setParameters(parameters);
    for (int batch : BATCH_SIZES) {
      Batches data = new Batches(vector, batch, 900L + batch);
      double[] gv = new double[parameters.length];
      double[] gp = new double[parameters.length];
      double[] iv = new double[data.inputs.length];
      double[] ip = new double[data.inputs.length];
      assertClose(data.lossAndGradient(portable, form, gp, ip), data.lossAndGradient(vector, form, gv, iv), "loss");
      assertAllClose(gp, gv, "gradient, batch " + batch);
      assertAllClose(ip, iv, "input gradient, batch " + batch);
    }
    Batches data = new Batches(vector, 32, 4L);
    for (int step = 0; step < 20; step++) {
      assertClose(data.trainStep(portable, form, 0.05), data.trainStep(vector, form, 0.05), "loss of step " + step);
    }
    double[] pv = new double[parameters.length];
    double[] pp = new double[parameters.length];
    vector.getParameters(pv);
    portable.getParameters(pp);
    assertAllClose(pp, pv, "parameters after 20 steps");
    double[] ov = new double[vector.outputSize()];
    double[] op = new double[vector.outputSize()];
    double[] input = new double[vector.inputSize()];
    System.arraycopy(data.inputs, 0, input, 0, input.length);
    vector.predict(input, ov);
    portable.predict(input, op);
    assertAllClose(op, ov, "outputs");
    // batch prediction on the Vector API block kernels: the portable twin's single-sample predict
    // row by row (a block of 32 and a tail of 7)
    int rows = 39;
    Batches many = new Batches(vector, rows, 5L);
    double[] batchOutputs = new double[rows * vector.outputSize()];
    vector.predict(many.inputs, batchOutputs, rows);
    for (int s = 0; s < rows; s++) {
      System.arraycopy(many.inputs, s * input.length, input, 0, input.length);
      portable.predict(input, op);
      for (int k = 0; k < op.length; k++) {
        assertClose(op[k], batchOutputs[s * op.length + k], "batch predict, sample " + s + " output " + k);
      }
    }
  }

  private static void assertAllClose(double[] expected, double[] actual, String what) {
    for (int k = 0; k < expected.length; k++) {
      assertClose(expected[k], actual[k], what + " [" + k + "]");
    }
  }

  private static void assertClose(double expected, double actual, String what) {
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    assertTrue(Math.abs(expected - actual) <= TWIN_TOLERANCE * scale + 1e-15,
        what + ": portable " + expected + ", vector " + actual);
  }
}
