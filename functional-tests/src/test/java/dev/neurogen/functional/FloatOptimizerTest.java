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
import dev.neurogen.Precision;
import dev.neurogen.TargetTrainable;
import dev.neurogen.TrainingDivergedException;
import dev.neurogen.functional.FloatPrecisionTest.Data;
import dev.neurogen.functional.nets.FloatNets_LoopedBceDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedBceImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedCeDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_LoopedCeImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledCeDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledCeImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledMseDoubleImpl;
import dev.neurogen.functional.nets.FloatNets_UnrolledMseImpl;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.LearningRateSchedule;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code trainStep(..., OptimizerState)} of float networks: against the double twin trained with
 * the same optimizer (every optimizer, unrolled and looped layers, labels and target rows), the
 * exact roll-back of a diverging step through the generated code, snapshot and resume, and no
 * allocation after the first step. The PyTorch float32 vectors are {@link
 * FloatOptimizerReferenceTest}'s.
 */
class FloatOptimizerTest {
  /**
   * Float against double twin after six optimizer steps: each step's loss (relative), every
   * parameter's total change (relative to the largest change) and every moment (relative to its
   * largest element). Two errors add up here: the float forward and backward pass (gradients to
   * about 1e-5 relative, see {@link FloatPrecisionTest}) and the float update (about 1e-6, see
   * the runtime's {@code FloatOptimizerStateTest}); Adam and RMSProp divide by the root of the
   * second moment, so a gradient element that is small against its neighbours carries its larger
   * relative error into its update. The largest error seen over these 24 cases is printed per case:
   * 9.1e-6 (centered RMSProp with momentum on the looped BCE network); losses stay below 1e-6 and
   * moments below 2.1e-6. {@value #TOLERANCE} leaves a factor of about 10; a learning rate off by
   * 1% would put the parameter change off by 1e-2.
   */
  static final double TOLERANCE = 1e-4;

  /** A float network, its double twin, and a batch size. */
  record Twin(String name, FloatNetwork f, NeuralNetwork d, int batch) {
    @Override
    public String toString() {
      return name + " batch " + batch;
    }
  }

  static List<Twin> twins() {
    return List.of(
        new Twin("unrolled CE", new FloatNets_UnrolledCeImpl(1L), new FloatNets_UnrolledCeDoubleImpl(1L), 5),
        new Twin("looped CE", new FloatNets_LoopedCeImpl(1L), new FloatNets_LoopedCeDoubleImpl(1L), 37),
        new Twin("looped BCE", new FloatNets_LoopedBceImpl(1L), new FloatNets_LoopedBceDoubleImpl(1L), 9),
        new Twin("unrolled MSE", new FloatNets_UnrolledMseImpl(1L), new FloatNets_UnrolledMseDoubleImpl(1L), 1));
  }

  static List<Optimizer> optimizers() {
    return List.of(
        Sgd.builder().learningRate(0.1).momentum(0.9).dampening(0.2).weightDecay(1e-3).build(),
        Sgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(1e-2).decayBiases(true).build(),
        Adam.builder().learningRate(0.01).weightDecay(1e-3).build(),
        AdamW.builder().learningRate(LearningRateSchedule.cosine(0.01, 6, 0.001).withWarmup(2, 0.2)).build(),
        RmsProp.of(0.005),
        RmsProp.builder().learningRate(0.002).momentum(0.5).centered(true).epsilon(1e-6).build());
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (Twin t : twins()) {
      for (Optimizer o : optimizers()) {
        cases.add(Arguments.of(t, o));
      }
    }
    return cases.stream();
  }

  private static void sameParameters(Twin t, long seed) {
    double[] p = new SplittableRandom(seed).doubles(t.f.parameterCount(), -0.5, 0.5).toArray();
    t.f.setParameters(p);
    double[] rounded = new double[p.length];
    t.f.getParameters(rounded);
    t.d.setParameters(rounded);
  }

  static float step(FloatNetwork f, Data data, int batch, OptimizerState state) {
    return f instanceof FloatClassifier c
        ? c.trainStep(data.inputs, data.labels, batch, state)
        : ((FloatTargetTrainable) f).trainStep(data.inputs, data.rows, batch, state);
  }

  private static double step(NeuralNetwork d, Data data, int batch, OptimizerState state) {
    return d instanceof Classifier c
        ? c.trainStep(data.inputsD, data.labels, batch, state)
        : ((TargetTrainable) d).trainStep(data.inputsD, data.rowsD, batch, state);
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("cases")
  void sixStepsAgreeWithTheDoubleTwin(Twin t, Optimizer optimizer) {
    sameParameters(t, 3L);
    Data[] batches = {new Data(t.f, t.batch, 5L, 1.0), new Data(t.f, t.batch, 6L, 1.0)};
    double[] start = new double[t.f.parameterCount()];
    t.d.getParameters(start);
    OptimizerState f = optimizer.newState();
    OptimizerState d = optimizer.newState();
    double lossError = 0;
    for (int step = 0; step < 6; step++) {
      Data data = batches[step % 2];
      float lf = step(t.f, data, t.batch, f);
      double ld = step(t.d, data, t.batch, d);
      lossError = Math.max(lossError, Math.abs(lf - ld) / Math.abs(ld));
    }
    assertEquals(Precision.FLOAT, f.precision());
    double[] pf = new double[start.length];
    double[] pd = new double[start.length];
    t.f.getParameters(pf);
    t.d.getParameters(pd);
    for (int k = 0; k < start.length; k++) {
      pf[k] -= start[k];
      pd[k] -= start[k];
    }
    double changeError = FloatOptimizerReferenceTest.scaledError(pd, pf);
    OptimizerSnapshot sf = f.snapshot();
    OptimizerSnapshot sd = d.snapshot();
    assertEquals(sd.bufferNames(), sf.bufferNames());
    assertEquals(6, sf.steps());
    double stateError = 0;
    for (String name : sd.bufferNames()) {
      stateError = Math.max(stateError, FloatOptimizerReferenceTest.scaledError(sd.buffer(name), sf.buffer(name)));
    }
    System.out.printf(Locale.ROOT, "Float vs double twin, %-16s %-6s loss %.1e, parameter change %.1e, state %.1e%n",
        t, optimizer.name(), lossError, changeError, stateError);
    assertTrue(lossError <= TOLERANCE, t + " " + optimizer + ": loss off by " + lossError);
    assertTrue(changeError <= TOLERANCE, t + " " + optimizer + ": parameter change off by " + changeError);
    assertTrue(stateError <= TOLERANCE, t + " " + optimizer + ": state off by " + stateError);
  }

  /**
   * Adam's second moment overflows while every parameter stays finite: column 0 of W1 starts at
   * zero and the good batches have feature 0 at zero, so it stays zero; then a batch whose only
   * non-zero feature is feature 0, at 1e25 (a finite float), leaves the hidden layer unsaturated
   * (its pre-activations are the biases) and gives column 0 gradients of about 1e24, whose squares
   * overflow float. The update divides by the root of that moment, so the parameters would stay
   * finite: only the moment check catches it. The step throws; parameters, moments and step count
   * are bit for bit as before; the gradients were cleared, so the next good step gives exactly what
   * it gives on a copy that never saw the failed one.
   */
  @Test
  void aMomentThatWouldOverflowIsRolledBackExactly() {
    FloatNets_LoopedCeImpl net = new FloatNets_LoopedCeImpl(7L);
    FloatNets_LoopedCeImpl copy = new FloatNets_LoopedCeImpl(7L);
    int in = net.inputSize();
    float[] p = new float[net.parameterCount()];
    net.getParameters(p);
    for (int i = 0; i < net.layerSizes()[1]; i++) {
      p[i * in] = 0; // W1[i][0]
    }
    net.setParameters(p);
    copy.setParameters(p);
    Optimizer adam = Adam.of(0.01);
    OptimizerState state = adam.newState();
    OptimizerState copyState = adam.newState();
    Data good = new Data(net, 12, 8L, 1.0);
    Data next = new Data(net, 12, 10L, 1.0);
    Data huge = new Data(net, 12, 9L, 1.0);
    for (int s = 0; s < 12; s++) {
      good.inputs[s * in] = 0;
      next.inputs[s * in] = 0;
      java.util.Arrays.fill(huge.inputs, s * in, (s + 1) * in, 0.0f);
      huge.inputs[s * in] = s % 2 == 0 ? 1e25f : -1e25f;
    }
    for (int step = 0; step < 2; step++) {
      step(net, good, 12, state);
      step(copy, good, 12, copyState);
    }
    float[] before = new float[net.parameterCount()];
    net.getParameters(before);
    OptimizerSnapshot snapshot = state.snapshot();

    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> step(net, huge, 12, state));
    assertTrue(e.getMessage().contains("the adam exp_avg_sq of parameter W1[") && e.getMessage().contains("][0]"),
        e.getMessage());
    assertEquals(2, e.step());
    float[] after = new float[before.length];
    net.getParameters(after);
    assertArrayEquals(before, after, "parameters unchanged");
    assertEquals(snapshot, state.snapshot(), "moments and step count unchanged");

    step(net, next, 12, state);
    step(copy, next, 12, copyState);
    float[] expected = new float[before.length];
    copy.getParameters(expected);
    net.getParameters(after);
    assertArrayEquals(expected, after, "the step after the roll-back");
    assertEquals(copyState.snapshot(), state.snapshot());
  }

  /** A learning rate beyond float's range rounds to infinity: every update diverges and is undone. */
  @Test
  void aLearningRateBeyondFloatRangeDivergesAndIsUndone() {
    FloatNets_UnrolledCeImpl net = new FloatNets_UnrolledCeImpl(3L);
    OptimizerState state = Sgd.builder().learningRate(1e39).momentum(0.9).build().newState();
    float[] before = new float[net.parameterCount()];
    net.getParameters(before);
    Data data = new Data(net, 4, 11L, 1.0);
    assertThrows(TrainingDivergedException.class, () -> step(net, data, 4, state));
    float[] after = new float[before.length];
    net.getParameters(after);
    assertArrayEquals(before, after);
    assertEquals(0, state.steps());
  }

  /** One state per network: a float network's state refuses the double twin and the other way round. */
  @Test
  void aStateBindsToOnePrecision() {
    Twin t = twins().get(0);
    Data data = new Data(t.f, 5, 12L, 1.0);
    OptimizerState state = Adam.of(0.01).newState();
    step(t.f, data, 5, state);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> step(t.d, data, 5, state));
    assertTrue(e.getMessage().contains("bound to a FLOAT network"), e.getMessage());
    OptimizerState doubleState = Adam.of(0.01).newState();
    step(t.d, data, 5, doubleState);
    e = assertThrows(IllegalStateException.class, () -> step(t.f, data, 5, doubleState));
    assertTrue(e.getMessage().contains("bound to a DOUBLE network"), e.getMessage());
  }

  /**
   * Save and resume: the snapshot of a float state (moments widened to double) restored into a
   * fresh state resumes bit for bit; the snapshot of the double twin's state resumes the float
   * network (moments rounded) and stays within the twin tolerance of the double twin.
   */
  @Test
  void snapshotsResumeTraining() {
    Twin t = twins().get(1);
    sameParameters(t, 13L);
    Data data = new Data(t.f, t.batch, 14L, 1.0);
    Optimizer adam = Adam.of(0.01);
    OptimizerState f = adam.newState();
    OptimizerState d = adam.newState();
    for (int step = 0; step < 3; step++) {
      step(t.f, data, t.batch, f);
      step(t.d, data, t.batch, d);
    }
    FloatNets_LoopedCeImpl resumedNet = new FloatNets_LoopedCeImpl(1L);
    float[] p = new float[t.f.parameterCount()];
    t.f.getParameters(p);
    resumedNet.setParameters(p);
    OptimizerState resumed = adam.newState();
    resumed.restore(f.snapshot());

    FloatNets_LoopedCeImpl fromDouble = new FloatNets_LoopedCeImpl(1L);
    double[] pd = new double[p.length];
    t.d.getParameters(pd);
    fromDouble.setParameters(pd);
    OptimizerState fromDoubleState = adam.newState();
    fromDoubleState.restore(d.snapshot());

    for (int step = 0; step < 2; step++) {
      step(t.f, data, t.batch, f);
      step(resumedNet, data, t.batch, resumed);
      step(fromDouble, data, t.batch, fromDoubleState);
      step(t.d, data, t.batch, d);
    }
    float[] expected = new float[p.length];
    float[] actual = new float[p.length];
    t.f.getParameters(expected);
    resumedNet.getParameters(actual);
    assertArrayEquals(expected, actual, "resumed bit for bit");
    assertEquals(f.snapshot(), resumed.snapshot());
    assertEquals(5, fromDoubleState.steps());
    double[] wide = new double[p.length];
    fromDouble.getParameters(wide);
    t.d.getParameters(pd);
    double[] start = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      start[k] = pd[k] - wide[k];
    }
    double worst = 0;
    for (double v : start) {
      worst = Math.max(worst, Math.abs(v));
    }
    assertTrue(worst < 1e-5, "the float network resumed from the double twin's state drifts by " + worst);
  }

  @Test
  void allocatesNothingAfterTheFirstStep() {
    for (Optimizer optimizer : List.of(Adam.of(1e-6),
        Sgd.builder().learningRate(1e-6).momentum(0.9).nesterov(true).weightDecay(1e-4).build(),
        // not centered: 30,000 steps on one batch drive the centered variance s - a^2 to rounding
        // noise, which can fall below zero and make its square root NaN (a legitimate divergence)
        RmsProp.builder().learningRate(1e-7).momentum(0.5).build())) {
      assertNoAllocation(new FloatNets_LoopedCeImpl(1L), 32, optimizer);
      assertNoAllocation(new FloatNets_UnrolledCeImpl(1L), 3, optimizer);
    }
  }

  private static void assertNoAllocation(FloatClassifier net, int batch, Optimizer optimizer) {
    Data data = new Data(net, batch, 5L, 1.0);
    OptimizerState state = optimizer.newState();
    net.trainStep(data.inputs, data.labels, batch, state); // binds and allocates the moments
    assertEquals(0, AllocationMeter.bytesAllocated(() -> net.trainStep(data.inputs, data.labels, batch, state)),
        net.getClass().getSimpleName() + " batch " + batch + " " + optimizer.name());
  }
}
