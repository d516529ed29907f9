package dev.neurogen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Precision;
import dev.neurogen.TrainingDivergedException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OptimizerState}'s float step ({@code precision = FLOAT} networks) on plain arrays: against
 * the double step on the same numbers, across the block boundaries of {@link FloatUpdateRules};
 * the exact roll-back; binding, snapshots and restores.
 */
class FloatOptimizerStateTest {
  /** A weight segment of 3 x 700 = 2100 values (four full blocks of 512 and a tail) and 3 biases. */
  private static final ParameterStorage STORAGE = ParameterStorage.flat(700, 3);

  static List<Optimizer> optimizers() {
    LearningRateSchedule warmCosine = LearningRateSchedule.cosine(0.01, 6, 0.001).withWarmup(2, 0.2);
    return List.of(
        Sgd.of(0.1),
        Sgd.builder().learningRate(0.05).momentum(0.9).dampening(0.2).weightDecay(1e-3).build(),
        Sgd.builder().learningRate(0.05).momentum(0.9).nesterov(true).weightDecay(1e-2).decayBiases(true).build(),
        Adam.builder().learningRate(0.01).weightDecay(1e-3).build(),
        AdamW.builder().learningRate(warmCosine).decayBiases(true).build(),
        RmsProp.of(0.005),
        RmsProp.builder().learningRate(0.002).momentum(0.5).centered(true).epsilon(1e-6).build(),
        RmsProp.builder().learningRate(0.003).alpha(0.9).centered(true).weightDecay(0.01).build());
  }

  /** Parameters in [-0.5, 0.5), rounded to float, in both precisions. */
  private static float[][] parameters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] p = STORAGE.newFloatSegments();
    for (float[] segment : p) {
      for (int k = 0; k < segment.length; k++) {
        segment[k] = (float) random.nextDouble(-0.5, 0.5);
      }
    }
    return p;
  }

  /** Gradient sums of a batch of 8: values in [-8, 8), some of them tiny. */
  private static void gradients(SplittableRandom random, float[][] g, double[][] gD) {
    for (int s = 0; s < g.length; s++) {
      for (int k = 0; k < g[s].length; k++) {
        double scale = k % 97 == 0 ? 1e-4 : 1.0;
        g[s][k] = (float) (scale * random.nextDouble(-8, 8));
        gD[s][k] = g[s][k];
      }
    }
  }

  private static double[][] widen(float[][] values) {
    double[][] wide = STORAGE.newSegments();
    for (int s = 0; s < values.length; s++) {
      for (int k = 0; k < values[s].length; k++) {
        wide[s][k] = values[s][k];
      }
    }
    return wide;
  }

  /**
   * Six steps in float and in double from the same float numbers (so only the update's own
   * arithmetic differs), over 2,100 values in blocks of 512: every parameter's change and every
   * moment agree to 2e-5 of the largest of its kind. Each float operation rounds to 6e-8 relative;
   * the parameters themselves (near 0.5) are rounded to 3e-8 absolute at every step, against total
   * changes of 0.01 to 0.06, and Adam's and RMSProp's quotient by the root of a small second moment
   * amplifies the roundings of small gradients (one in 97 is 1e-4 of the others here). The largest
   * error seen is 3.4e-6 (AdamW's parameter change; the moments stay below 2e-7); the tolerance
   * leaves a factor of about 6. A hyperparameter rounded in the wrong place is caught: computing
   * {@code 1 - beta2} in float instead of double put {@code exp_avg_sq} off by 1.3e-5.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void floatStepsAgreeWithDoubleSteps(Optimizer optimizer) {
    float[][] p = parameters(1L);
    double[][] pD = widen(p);
    double[][] start = widen(p);
    float[][] g = STORAGE.newFloatSegments();
    double[][] gD = STORAGE.newSegments();
    OptimizerState f = optimizer.newState();
    OptimizerState d = optimizer.newState();
    SplittableRandom random = new SplittableRandom(2L);
    for (int step = 0; step < 6; step++) {
      gradients(random, g, gD);
      f.step(p, g, STORAGE, 1.0f / 8);
      d.step(pD, gD, STORAGE, 1.0 / 8);
      for (float[] segment : g) {
        assertArrayEquals(new float[segment.length], segment, "gradients zeroed");
      }
    }
    assertEquals(Precision.FLOAT, f.precision());
    assertEquals(Precision.DOUBLE, d.precision());
    double[] changeF = new double[STORAGE.parameterCount()];
    double[] changeD = new double[STORAGE.parameterCount()];
    double[] first = new double[changeF.length];
    STORAGE.toFlat(p, changeF);
    STORAGE.toFlat(pD, changeD);
    STORAGE.toFlat(start, first);
    for (int k = 0; k < first.length; k++) {
      changeF[k] -= first[k];
      changeD[k] -= first[k];
    }
    assertScaled(changeD, changeF, optimizer + " parameter change", 2e-5);
    OptimizerSnapshot sf = f.snapshot();
    OptimizerSnapshot sd = d.snapshot();
    assertEquals(sd.bufferNames(), sf.bufferNames());
    assertEquals(6, sf.steps());
    for (String name : sd.bufferNames()) {
      assertScaled(sd.buffer(name), sf.buffer(name), optimizer + " " + name, 2e-5);
    }
  }

  private static void assertScaled(double[] expected, double[] actual, String what, double tolerance) {
    double scale = 0;
    double worst = 0;
    for (int k = 0; k < expected.length; k++) {
      scale = Math.max(scale, Math.abs(expected[k]));
      worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
    }
    assertTrue(scale > 0, what + ": nothing changed");
    System.out.printf(java.util.Locale.ROOT, "Float vs double step: %-60s %.1e of the largest%n", what, worst / scale);
    assertTrue(worst <= tolerance * scale, what + ": off by " + worst / scale + " of the largest " + scale);
  }

  /**
   * A step that would overflow one parameter (in the last block of the weight segment) throws, and
   * parameters, moments and step count are bit for bit as before; the gradients are zeroed; the
   * next good step gives exactly what it gives on a state that never saw the failed one.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void aDivergingStepIsRolledBackExactly(Optimizer optimizer) {
    float[][] p = parameters(3L);
    float[][] g = STORAGE.newFloatSegments();
    double[][] gD = STORAGE.newSegments();
    SplittableRandom random = new SplittableRandom(4L);
    OptimizerState state = optimizer.newState();
    for (int step = 0; step < 2; step++) {
      gradients(random, g, gD);
      state.step(p, g, STORAGE, 0.125f);
    }
    float[][] twin = copy(p);
    OptimizerState twinState = optimizer.newState();
    twinState.restore(state.snapshot());
    OptimizerSnapshot before = state.snapshot();
    float[][] parametersBefore = copy(p);

    gradients(random, g, gD);
    p[0][2000] = 3.3e38f; // finite; any update away from 0 of more than 1.1e37 overflows it
    twin[0][2000] = 3.3e38f;
    parametersBefore[0][2000] = 3.3e38f;
    g[0][2000] = -Float.MAX_VALUE; // the decayed, scaled gradient is huge: every rule moves it up
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> state.step(p, g, STORAGE, 1f));
    assertTrue(e.getMessage().contains("W1[2][600]"), e.getMessage());
    assertEquals(2, e.step());
    for (int s = 0; s < p.length; s++) {
      assertArrayEquals(parametersBefore[s], p[s], "parameters unchanged, segment " + s);
      assertArrayEquals(new float[g[s].length], g[s], "gradients zeroed, segment " + s);
    }
    assertEquals(before, state.snapshot(), "moments and step count unchanged");

    p[0][2000] = 0.25f;
    twin[0][2000] = 0.25f;
    float[][] g2 = STORAGE.newFloatSegments();
    gradients(random, g, gD);
    for (int s = 0; s < g.length; s++) {
      System.arraycopy(g[s], 0, g2[s], 0, g[s].length);
    }
    state.step(p, g, STORAGE, 0.125f);
    twinState.step(twin, g2, STORAGE, 0.125f);
    for (int s = 0; s < p.length; s++) {
      assertArrayEquals(twin[s], p[s], "the step after the roll-back, segment " + s);
    }
    assertEquals(twinState.snapshot(), state.snapshot());
  }

  /** Adam's second moment overflows (a gradient of 1e20 squared) while every parameter stays finite. */
  @Test
  void aMomentThatWouldOverflowIsCaughtToo() {
    OptimizerState state = Adam.of(0.01).newState();
    float[][] p = parameters(5L);
    float[][] g = STORAGE.newFloatSegments();
    float[][] before = copy(p);
    g[1][1] = 1e20f;
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> state.step(p, g, STORAGE, 1f));
    assertTrue(e.getMessage().contains("exp_avg_sq of parameter b1[1] Infinity"), e.getMessage());
    for (int s = 0; s < p.length; s++) {
      assertArrayEquals(before[s], p[s]);
    }
    assertEquals(0, state.steps());
  }

  @Test
  void bindingDecidesThePrecision() {
    OptimizerState state = Sgd.builder().learningRate(0.1).momentum(0.9).build().newState();
    assertNull(state.precision());
    state.step(parameters(1L), STORAGE.newFloatSegments(), STORAGE, 1f);
    assertEquals(Precision.FLOAT, state.precision());
    assertTrue(state.toString().endsWith(", float]"), state.toString());
    double[][] gD = STORAGE.newSegments();
    gD[1][0] = 1;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> state.step(STORAGE.newSegments(), gD, STORAGE, 1.0));
    assertTrue(e.getMessage().contains("bound to a FLOAT network"), e.getMessage());
    assertEquals(0.0, gD[1][0], "gradients zeroed when refused");

    OptimizerState doubleState = Adam.of(0.1).newState();
    doubleState.step(STORAGE.newSegments(), STORAGE.newSegments(), STORAGE, 1.0);
    float[][] g = STORAGE.newFloatSegments();
    g[0][0] = 1;
    e = assertThrows(IllegalStateException.class, () -> doubleState.step(parameters(1L), g, STORAGE, 1f));
    assertTrue(e.getMessage().contains("bound to a DOUBLE network") && e.getMessage().contains("FLOAT parameters"),
        e.getMessage());
    assertEquals(0.0f, g[0][0]);

    ParameterStorage other = ParameterStorage.flat(700, 4);
    e = assertThrows(IllegalStateException.class,
        () -> state.step(other.newFloatSegments(), other.newFloatSegments(), other, 1f));
    assertTrue(e.getMessage().contains("use one OptimizerState per network instance"), e.getMessage());
  }

  /**
   * Snapshots widen a float state's moments exactly; restoring one into a fresh state (before it
   * binds) resumes bit for bit; a double state's snapshot restores rounded; a value beyond float's
   * range is refused and changes nothing.
   */
  @Test
  void snapshotsWidenAndRestoresRound() {
    Optimizer adam = Adam.builder().learningRate(0.01).weightDecay(0.01).build();
    OptimizerState state = adam.newState();
    float[][] p = parameters(7L);
    float[][] g = STORAGE.newFloatSegments();
    double[][] gD = STORAGE.newSegments();
    SplittableRandom random = new SplittableRandom(8L);
    for (int step = 0; step < 3; step++) {
      gradients(random, g, gD);
      state.step(p, g, STORAGE, 0.125f);
    }
    OptimizerSnapshot saved = state.snapshot();
    for (String name : saved.bufferNames()) {
      for (double v : saved.buffer(name)) {
        assertEquals(v, (double) (float) v, 0.0, name + " holds widened floats");
      }
    }
    OptimizerState resumed = adam.newState();
    resumed.restore(saved); // before binding: applied when the first float step binds it
    float[][] q = copy(p);
    float[][] h = STORAGE.newFloatSegments();
    for (int step = 0; step < 2; step++) {
      gradients(random, g, gD);
      for (int s = 0; s < g.length; s++) {
        System.arraycopy(g[s], 0, h[s], 0, g[s].length);
      }
      state.step(p, g, STORAGE, 0.125f);
      resumed.step(q, h, STORAGE, 0.125f);
    }
    for (int s = 0; s < p.length; s++) {
      assertArrayEquals(p[s], q[s], "resumed bit for bit, segment " + s);
    }
    assertEquals(state.snapshot(), resumed.snapshot());

    // a double state's moments, restored into a bound float state: rounded to the nearest float
    double[] m = new SplittableRandom(9L).doubles(STORAGE.parameterCount(), -1, 1).toArray();
    double[] v = new SplittableRandom(10L).doubles(STORAGE.parameterCount(), 0, 1).toArray();
    resumed.restore(OptimizerSnapshot.of("adam", 4, Map.of("exp_avg", m, "exp_avg_sq", v)));
    OptimizerSnapshot rounded = resumed.snapshot();
    assertEquals(4, rounded.steps());
    for (int k = 0; k < m.length; k++) {
      assertEquals((float) m[k], rounded.buffer("exp_avg")[k], 0.0);
      assertEquals((float) v[k], rounded.buffer("exp_avg_sq")[k], 0.0);
    }

    double[] tooLarge = m.clone();
    tooLarge[17] = 1e39;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resumed.restore(OptimizerSnapshot.of("adam", 9, Map.of("exp_avg", tooLarge, "exp_avg_sq", v))));
    assertTrue(e.getMessage().contains("exp_avg[17] = 1.0E39 is beyond float's range"), e.getMessage());
    assertEquals(rounded, resumed.snapshot(), "a refused restore changes nothing");

    // and before binding: refused when the first float step binds, with the gradients zeroed
    OptimizerState pending = adam.newState();
    pending.restore(OptimizerSnapshot.of("adam", 9, Map.of("exp_avg", tooLarge, "exp_avg_sq", v)));
    float[][] g3 = STORAGE.newFloatSegments();
    g3[0][0] = 1;
    assertThrows(IllegalArgumentException.class, () -> pending.step(parameters(1L), g3, STORAGE, 1f));
    assertNull(pending.precision(), "still unbound");
    assertEquals(0.0f, g3[0][0]);
  }

  @Test
  void sentinelsAreOneBlock() {
    assertEquals(FloatUpdateRules.BLOCK, FloatUpdateRules.sentinelLength(STORAGE));
    assertEquals(6, FloatUpdateRules.sentinelLength(ParameterStorage.flat(2, 3)));
  }

  private static float[][] copy(float[][] values) {
    float[][] copy = new float[values.length][];
    for (int s = 0; s < values.length; s++) {
      copy[s] = values[s].clone();
    }
    return copy;
  }
}
