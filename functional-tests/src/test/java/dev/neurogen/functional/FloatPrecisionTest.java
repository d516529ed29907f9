package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.FloatClassifier;
import dev.neurogen.FloatNetwork;
import dev.neurogen.FloatTargetTrainable;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.TrainingDivergedException;
import dev.neurogen.functional.nets.FloatNets_LoopedBceDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedBceImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedCeDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedCeImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedHingeDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedHingeImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledCeDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledCeImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledMseDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledMseImpl;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code precision = FLOAT} against the independent truth of the same network in double: each
 * float network has a double twin (same declaration but for the precision). Both get the same
 * parameters and inputs (float values, so both start from exactly the same numbers), and every
 * result of the float network must match the double twin's to float tolerance: outputs, losses,
 * gradients, input gradients and the change a training step makes. The float gradient is also
 * compared with central differences of the double twin's loss and with central differences of the
 * float network's own loss (a step size suited to float).
 */
class FloatPrecisionTest {
  /** Float results against double ones: relative to the largest magnitude of the double array. */
  private static final double TOLERANCE = 1e-4;

  /** A float network, its double twin, and how it is trained. */
  record Twin(String name, FloatNetwork f, NeuralNetwork d, int batch) {
    @Override
    public String toString() {
      return name + " batch " + batch;
    }
  }

  static Stream<Twin> twins() {
    return Stream.of(
        new Twin("unrolled CE", new FloatNets_UnrolledCeImpl(1L), new FloatNets_UnrolledCeDoubleImpl(1L), 5),
        new Twin("unrolled CE", new FloatNets_UnrolledCeImpl(1L), new FloatNets_UnrolledCeDoubleImpl(1L), 1),
        new Twin("looped CE", new FloatNets_LoopedCeImpl(1L), new FloatNets_LoopedCeDoubleImpl(1L), 37),
        new Twin("looped BCE", new FloatNets_LoopedBceImpl(1L), new FloatNets_LoopedBceDoubleImpl(1L), 9),
        new Twin("unrolled MSE", new FloatNets_UnrolledMseImpl(1L), new FloatNets_UnrolledMseDoubleImpl(1L), 4),
        new Twin("unrolled MSE", new FloatNets_UnrolledMseImpl(1L), new FloatNets_UnrolledMseDoubleImpl(1L), 1),
        new Twin("looped hinge", new FloatNets_LoopedHingeImpl(1L), new FloatNets_LoopedHingeDoubleImpl(1L), 6));
  }

  /** The twins whose loss is computed from logits (cross-entropy, binary cross-entropy). */
  static Stream<Twin> logitLosses() {
    return twins().filter(t -> t.name.endsWith(" CE") || t.name.endsWith(" BCE"));
  }

  /** A batch in float and the same values in double. */
  static final class Data {
    final float[] inputs;
    final double[] inputsD;
    final int[] labels;
    final float[] rows;
    final double[] rowsD;

    Data(FloatNetwork net, int batch, long seed, double scale) {
      SplittableRandom random = new SplittableRandom(seed);
      int in = net.inputSize();
      int out = net.outputSize();
      inputs = new float[batch * in];
      for (int k = 0; k < inputs.length; k++) {
        inputs[k] = (float) (scale * random.nextDouble(-1, 1));
      }
      inputsD = widen(inputs);
      labels = random.ints(batch, 0, out).toArray();
      rows = new float[batch * out];
      for (int k = 0; k < rows.length; k++) {
        rows[k] = (float) random.nextDouble(0.05, 0.95); // valid for BCE and MSE
      }
      rowsD = widen(rows);
    }
  }

  /** Same parameters in both: random values rounded to float. */
  private static void sameParameters(Twin t, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] p = random.doubles(t.f.parameterCount(), -0.5, 0.5).toArray();
    t.f.setParameters(p); // rounds to float
    double[] rounded = new double[p.length];
    t.f.getParameters(rounded); // widens exactly
    t.d.setParameters(rounded);
  }

  private static float lossAndGradient(FloatNetwork f, Data data, int batch, float[] g, float[] ig) {
    return f instanceof FloatClassifier c
        ? c.lossAndGradient(data.inputs, data.labels, batch, g, ig)
        : ((FloatTargetTrainable) f).lossAndGradient(data.inputs, data.rows, batch, g, ig);
  }

  private static double lossAndGradient(NeuralNetwork d, boolean labels, Data data, int batch, double[] g,
      double[] ig) {
    return labels
        ? ((Classifier) d).lossAndGradient(data.inputsD, data.labels, batch, g, ig)
        : ((TargetTrainable) d).lossAndGradient(data.inputsD, data.rowsD, batch, g, ig);
  }

  private static double loss(NeuralNetwork d, boolean labels, Data data, int batch) {
    return labels
        ? ((Classifier) d).loss(data.inputsD, data.labels, batch)
        : ((TargetTrainable) d).loss(data.inputsD, data.rowsD, batch);
  }

  private static float loss(FloatNetwork f, Data data, int batch) {
    return f instanceof FloatClassifier c
        ? c.loss(data.inputs, data.labels, batch)
        : ((FloatTargetTrainable) f).loss(data.inputs, data.rows, batch);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twins")
  void outputsLossesAndGradientsMatchTheDoubleTwin(Twin t) {
    sameParameters(t, 3L);
    Data data = new Data(t.f, t.batch, 5L, 1.0);
    boolean labels = t.f instanceof FloatClassifier;

    float[] out = new float[t.f.outputSize()];
    double[] outD = new double[t.d.outputSize()];
    float[] input = new float[t.f.inputSize()];
    System.arraycopy(data.inputs, 0, input, 0, input.length);
    t.f.predict(input, out);
    t.d.predict(widen(input), outD);
    assertClose(outD, widen(out), t + " predict");

    float[] outs = new float[t.batch * t.f.outputSize()];
    double[] outsD = new double[outs.length];
    t.f.predict(data.inputs, outs, t.batch);
    t.d.predict(data.inputsD, outsD, t.batch);
    assertClose(outsD, widen(outs), t + " batch predict");

    float[] g = new float[t.f.parameterCount()];
    float[] ig = new float[data.inputs.length];
    double[] gD = new double[g.length];
    double[] igD = new double[ig.length];
    float lf = lossAndGradient(t.f, data, t.batch, g, ig);
    double ld = lossAndGradient(t.d, labels, data, t.batch, gD, igD);
    assertEquals(ld, lf, TOLERANCE * Math.abs(ld), t + " loss");
    assertEquals(ld, loss(t.f, data, t.batch), TOLERANCE * Math.abs(ld), t + " loss()");
    assertClose(gD, widen(g), t + " gradient");
    assertClose(igD, widen(ig), t + " input gradient");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twins")
  void gradientMatchesCentralDifferencesOfTheDoubleTwin(Twin t) {
    sameParameters(t, 7L);
    Data data = new Data(t.f, t.batch, 9L, 1.0);
    boolean labels = t.f instanceof FloatClassifier;
    float[] g = new float[t.f.parameterCount()];
    lossAndGradient(t.f, data, t.batch, g, null);
    double[] p = new double[g.length];
    t.d.getParameters(p);
    double[] fd = new double[g.length];
    double h = 1e-6;
    for (int k = 0; k < p.length; k++) {
      double keep = p[k];
      p[k] = keep + h;
      t.d.setParameters(p);
      double up = loss(t.d, labels, data, t.batch);
      p[k] = keep - h;
      t.d.setParameters(p);
      double down = loss(t.d, labels, data, t.batch);
      p[k] = keep;
      fd[k] = (up - down) / (2 * h);
    }
    t.d.setParameters(p);
    assertClose(fd, widen(g), t + " float gradient vs double central differences", 1e-4);
  }

  /**
   * Central differences in float itself: a step of 2e-3 keeps the rounding noise of a float loss
   * (about 1e-7 relative, so about 1e-4 of the difference quotient) small while the truncation error
   * (of order h^2) stays smaller still; hence a tolerance of 2e-2 instead of 1e-4. The step is small
   * enough to cross few ReLU kinks.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("twins")
  void gradientMatchesCentralDifferencesInFloat(Twin t) {
    sameParameters(t, 11L);
    Data data = new Data(t.f, t.batch, 13L, 1.0);
    float[] g = new float[t.f.parameterCount()];
    lossAndGradient(t.f, data, t.batch, g, null);
    float[] p = new float[g.length];
    t.f.getParameters(p);
    double[] fd = new double[g.length];
    float h = 2e-3f;
    for (int k = 0; k < p.length; k++) {
      float keep = p[k];
      p[k] = keep + h;
      t.f.setParameters(p);
      float up = loss(t.f, data, t.batch);
      p[k] = keep - h;
      t.f.setParameters(p);
      float down = loss(t.f, data, t.batch);
      p[k] = keep;
      fd[k] = ((double) up - down) / ((double) (keep + h) - (double) (keep - h));
    }
    t.f.setParameters(p);
    assertClose(fd, widen(g), t + " float gradient vs float central differences", 2e-2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("twins")
  void trainingStepMatchesTheDoubleTwin(Twin t) {
    sameParameters(t, 17L);
    Data data = new Data(t.f, t.batch, 19L, 1.0);
    double[] before = new double[t.f.parameterCount()];
    t.d.getParameters(before);
    float rate = 0.5f;
    float lf;
    double ld;
    if (t.f instanceof FloatClassifier c) {
      lf = c.trainStep(data.inputs, data.labels, t.batch, rate);
      ld = ((Classifier) t.d).trainStep(data.inputsD, data.labels, t.batch, rate);
    } else {
      lf = ((FloatTargetTrainable) t.f).trainStep(data.inputs, data.rows, t.batch, rate);
      ld = ((TargetTrainable) t.d).trainStep(data.inputsD, data.rowsD, t.batch, rate);
    }
    assertEquals(ld, lf, TOLERANCE * Math.abs(ld), t + " loss of the step");
    double[] afterF = new double[before.length];
    double[] afterD = new double[before.length];
    t.f.getParameters(afterF);
    t.d.getParameters(afterD);
    double[] changeF = new double[before.length];
    double[] changeD = new double[before.length];
    for (int k = 0; k < before.length; k++) {
      changeF[k] = afterF[k] - before[k];
      changeD[k] = afterD[k] - before[k];
    }
    // a float parameter near 0.5 is rounded to 3e-8: relative to the step's changes that is 1e-4 or so
    assertClose(changeD, changeF, t + " change of the parameters", 1e-3);
  }

  @Test
  void trainingConverges() {
    // three Gaussian blobs in 4 dimensions; the float network must separate them
    FloatNets_UnrolledCeImpl net = new FloatNets_UnrolledCeImpl(42L);
    SplittableRandom random = new SplittableRandom(1L);
    int n = 96;
    float[] inputs = new float[n * 4];
    int[] labels = new int[n];
    for (int s = 0; s < n; s++) {
      labels[s] = s % 3;
      for (int j = 0; j < 4; j++) {
        double centre = (j == labels[s] ? 2.0 : 0.0) - (j == 3 && labels[s] == 2 ? 2.0 : 0.0);
        inputs[s * 4 + j] = (float) (centre + random.nextGaussian() * 0.5);
      }
    }
    float first = net.loss(inputs, labels, n);
    float last = first;
    for (int epoch = 0; epoch < 300; epoch++) {
      last = net.trainStep(inputs, labels, n, 0.5f);
    }
    int[] predicted = new int[n];
    net.classify(inputs, predicted, n);
    int correct = 0;
    for (int s = 0; s < n; s++) {
      correct += predicted[s] == labels[s] ? 1 : 0;
    }
    assertTrue(last < 0.15f * first, "loss from " + first + " to " + last);
    assertTrue(correct >= 0.95 * n, correct + " of " + n + " correct");
  }

  @Test
  void parameterConversions() {
    FloatNets_LoopedCeImpl net = new FloatNets_LoopedCeImpl(3L);
    float[] p = new float[net.parameterCount()];
    net.getParameters(p);
    double[] wide = new double[p.length];
    net.getParameters(wide);
    assertArrayEquals(widen(p), wide, 0.0, "getParameters(double[]) widens exactly");

    double[] source = new SplittableRandom(4L).doubles(p.length, -1, 1).toArray();
    net.setParameters(source);
    net.getParameters(p);
    for (int k = 0; k < p.length; k++) {
      assertEquals((float) source[k], p[k], 0.0f, "setParameters(double[]) rounds to the nearest float");
    }
    source[5] = 1e39; // beyond float's range: infinite after rounding
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.setParameters(source));
    assertTrue(e.getMessage().contains("source[5]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> net.setParameters(new double[p.length + 1]));
  }

  @Test
  void argumentsAreChecked() {
    FloatNets_LoopedCeImpl net = new FloatNets_LoopedCeImpl(3L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> net.predict(new float[69], new float[10]));
    assertTrue(e.getMessage().startsWith("input "), e.getMessage());
    float[] inputs = new float[2 * 70];
    inputs[75] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> net.trainStep(inputs, new int[] {0, 1}, 2, 0.1f));
    assertTrue(e.getMessage().contains("inputs[75] = NaN (sample 1, feature 5)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> net.loss(new float[70], new int[] {10}, 1));
    assertTrue(e.getMessage().contains("labels[0] = 10"), e.getMessage());
  }

  /**
   * A step whose loss is not finite in float throws and leaves the parameters as they were (batch
   * kernels and the single-sample shortcut). Parameters of 1e38 are finite floats, but the logits
   * they make are not. (The networks with a tanh output saturate instead, so their loss stays
   * finite: they are left out.) The update path of the guard is tested on plain arrays in {@code
   * FloatUpdatesTest}.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("logitLosses")
  void divergenceGuard(Twin t) {
    Data data = new Data(t.f, t.batch, 23L, 1.0);
    float[] before = new float[t.f.parameterCount()];
    java.util.Arrays.fill(before, 1e38f);
    t.f.setParameters(before);
    assertThrows(TrainingDivergedException.class, () -> {
      if (t.f instanceof FloatClassifier c) {
        c.trainStep(data.inputs, data.labels, t.batch, 0.1f);
      } else {
        ((FloatTargetTrainable) t.f).trainStep(data.inputs, data.rows, t.batch, 0.1f);
      }
    });
    float[] after = new float[before.length];
    t.f.getParameters(after);
    assertArrayEquals(before, after, t + ": parameters unchanged");
  }

  @Test
  void allocatesNothing() {
    assertNoAllocation(new FloatNets_LoopedCeImpl(1L), 32);
    assertNoAllocation(new FloatNets_LoopedCeImpl(1L), 7); // a block and a tail
    assertNoAllocation(new FloatNets_UnrolledCeImpl(1L), 3);
    assertNoAllocation(new FloatNets_UnrolledCeImpl(1L), 1); // the single-sample shortcut
  }

  private static void assertNoAllocation(FloatClassifier net, int batch) {
    Data data = new Data(net, batch, 5L, 1.0);
    float[] input = new float[net.inputSize()];
    float[] output = new float[net.outputSize()];
    float[] outputs = new float[batch * net.outputSize()];
    int[] predicted = new int[batch];
    float[] gradient = new float[net.parameterCount()];
    float[] inputGradient = new float[data.inputs.length];
    System.arraycopy(data.inputs, 0, input, 0, input.length);
    String name = net.getClass().getSimpleName() + " batch " + batch;
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.predict(input, output)), name + " predict");
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.classify(input)), name + " classify");
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.predict(data.inputs, outputs, batch)),
        name + " batch predict");
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.classify(data.inputs, predicted, batch)),
        name + " batch classify");
    assertEquals(0, AllocationMeter.bytesAllocated(
        () -> net.lossAndGradient(data.inputs, data.labels, batch, gradient, inputGradient)), name + " lossAndGradient");
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.trainStep(data.inputs, data.labels, batch, 1e-6f)),
        name + " trainStep");
  }

  static double[] widen(float[] values) {
    double[] wide = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      wide[k] = values[k];
    }
    return wide;
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertClose(expected, actual, what, TOLERANCE);
  }

  /** max |actual - expected| <= tolerance * max |expected| (plus a tiny floor for all-zero arrays). */
  static void assertClose(double[] expected, double[] actual, String what, double tolerance) {
    assertEquals(expected.length, actual.length, what + ": lengths");
    double scale = 0;
    double worst = 0;
    int at = -1;
    for (int k = 0; k < expected.length; k++) {
      scale = Math.max(scale, Math.abs(expected[k]));
      double diff = Math.abs(actual[k] - expected[k]);
      if (diff > worst) {
        worst = diff;
        at = k;
      }
    }
    double allowed = tolerance * scale + 1e-12;
    assertTrue(worst <= allowed, what + ": worst difference " + worst + " at " + at + " (expected "
        + (at < 0 ? 0 : expected[at]) + ", got " + (at < 0 ? 0 : actual[at]) + "), allowed " + allowed
        + " = " + tolerance + " x " + scale);
  }
}
