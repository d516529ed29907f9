package dev.neurogen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.TrainingDivergedException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adam's in-place step ({@link OptimizerState#step} when a bound shows that no new value can be
 * non-finite) against the double-buffered step that checks every value and can roll back, which
 * {@link ParallelUpdate} always runs: the same bits whenever the in-place step runs, and the
 * double-buffered step on each side of every bound of the proof (gradients and parameters below
 * 2^390, moments below 2^400 and 2^800, a positive epsilon, a step size that keeps the update
 * below 2^1000), with a diverging step still changing nothing.
 */
class AdamInPlaceTest {
  private static final ParameterStorage STORAGE = ParameterStorage.flat(3, 2);

  @Test
  void inPlaceStepsGiveTheBitsOfTheDoubleBufferedStep() {
    Optimizer[] optimizers = {
      Adam.of(0.01),
      Adam.builder().learningRate(0.01).weightDecay(0.1).decayBiases(false).build(),
      AdamW.builder().learningRate(0.05).weightDecay(0.5).build(),
      Adam.builder().learningRate(LearningRateSchedule.cosine(0.1, 10, 0.0)).beta1(0).beta2(0.5).epsilon(1e-3).build(),
    };
    for (Optimizer optimizer : optimizers) {
      Pair pair = new Pair(optimizer);
      Random random = new Random(3);
      for (int i = 0; i < 10; i++) {
        double[][] gradients = {new double[6], new double[2]};
        for (double[] g : gradients) {
          for (int k = 0; k < g.length; k++) {
            g[k] = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3);
          }
        }
        pair.step(gradients, 0.25, true);
      }
    }
  }

  @Test
  void gradientsAndParametersFrom2To390TakeTheDoubleBufferedStep() {
    Pair pair = new Pair(Adam.of(0.01));
    pair.step(new double[][] {{Math.nextDown(0x1p390), 1, 2, 3, 4, 5}, {6, 7}}, 1, true);
    pair.step(new double[][] {{0x1p390, 1, 2, 3, 4, 5}, {6, 7}}, 1, false);
    // the moments stay below their bounds (0.1 * 2^390, 0.001 * 2^780): checked once, then in place again
    pair.step(new double[][] {{1, 1, 2, 3, 4, 5}, {6, 7}}, 1, true);
    pair.step(new double[][] {{1, 1, 2, 3, 4, -0x1p390}, {6, 7}}, 1, false);
    pair.step(new double[][] {{1, 1, 2, 3, 4, 5}, {6, 7}}, 1, true);
    // a gradient scale above 2^9 could make |d| exceed 2^399
    pair.step(new double[][] {{1, 1, 2, 3, 4, 5}, {6, 7}}, 512, true);
    pair.step(new double[][] {{1, 1, 2, 3, 4, 5}, {6, 7}}, 1024, false);
    // a parameter of 2^390
    pair.parameters[1][1] = 0x1p390;
    pair.reference[1][1] = 0x1p390;
    pair.step(new double[][] {{1, 1, 2, 3, 4, 5}, {6, 7}}, 1, false);
  }

  @Test
  void zeroEpsilonAndHugeStepSizesTakeTheDoubleBufferedStep() {
    Pair zeroEpsilon = new Pair(Adam.builder().learningRate(0.01).epsilon(0).build());
    zeroEpsilon.step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, false);
    // lr * 10 * 2^400 / 1e-8 (the bound on the first update) just below and above 2^1000
    double rate = 0x1p600 * 1e-8 / 10;
    new Pair(Adam.of(rate / 2)).step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, true);
    new Pair(Adam.of(rate * 2)).step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, false);
    // AdamW's shrink factor 1 - lr * decay (here -2): |shrink| * 2^390 up to 2^1000 is in place
    new Pair(AdamW.builder().learningRate(1e-3).weightDecay(3e3).build())
        .step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, true);
  }

  @Test
  void restoredMomentsAreCheckedBeforeAnInPlaceStep() {
    Map<String, double[]> fine = Map.of("exp_avg", new double[] {Math.nextDown(0x1p400), 0, 0, 0, 0, 0, 0, 0},
        "exp_avg_sq", new double[] {0, Math.nextDown(0x1p800), 0, 0, 0, 0, 0, 0});
    Pair pair = new Pair(Adam.of(0.01));
    pair.restore(OptimizerSnapshot.of("adam", 4, fine));
    pair.step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, true);
    Map<String, double[]> large = Map.of("exp_avg", new double[] {0x1p400, 0, 0, 0, 0, 0, 0, 0},
        "exp_avg_sq", new double[8]);
    pair = new Pair(Adam.of(0.01));
    pair.restore(OptimizerSnapshot.of("adam", 4, large));
    pair.step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, false);
    Map<String, double[]> wide = Map.of("exp_avg", new double[8],
        "exp_avg_sq", new double[] {0, 0, 0x1p800, 0, 0, 0, 0, 0});
    pair = new Pair(Adam.of(0.01));
    pair.restore(OptimizerSnapshot.of("adam", 4, wide));
    pair.step(new double[][] {{1, -1, 2, 3, 4, 5}, {6, 7}}, 1, false);
  }

  @Test
  void whatCouldNotBeShownFiniteStillDivergesWithoutAChange() {
    double[][][] cases = {
      {{1e300, 1, 1, 1, 1, 1}, {1, 1}}, // v = 0.001 * 1e600 overflows
      {{1, 1, Double.NaN, 1, 1, 1}, {1, 1}},
      {{1, 1, 1, 1, 1, 1}, {Double.NEGATIVE_INFINITY, 1}},
    };
    for (double[][] gradients : cases) {
      Pair pair = new Pair(Adam.of(0.01));
      pair.step(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1}}, 1, true);
      pair.diverges(gradients);
      // the moments did not change, so they still meet their bounds
      pair.step(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1}}, 1, true);
    }
    Pair pair = new Pair(Adam.of(0.01));
    pair.step(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1}}, 1, true);
    pair.parameters[0][4] = Double.NaN;
    pair.reference[0][4] = Double.NaN;
    TrainingDivergedException e = pair.diverges(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1}});
    assertTrue(e.getMessage().contains("parameter W1[") && e.getMessage().contains("NaN"), e.getMessage());
    // a restored negative second moment would make sqrt NaN
    pair = new Pair(Adam.of(0.01));
    pair.restore(OptimizerSnapshot.of("adam", 1, Map.of("exp_avg", new double[8],
        "exp_avg_sq", new double[] {0, 0, 0, -1, 0, 0, 0, 0})));
    pair.diverges(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1}});
  }

  @Test
  void aOneSliceUpdateOfSeveralPartsStepsInPlaceWithTheBitsOfTheDoubleBufferedUpdate() {
    // the trainer on one thread: ParallelUpdate.stepInPlace gathers the parts in part order, then
    // takes the in-place step; the reference runs the same parts through update() and commit()
    for (Optimizer optimizer : new Optimizer[] {Adam.of(0.01), AdamW.builder().learningRate(0.02).build(),
        Adam.builder().learningRate(0.01).epsilon(0).build()}) {
      boolean admitted = optimizer instanceof AdamW || ((Adam) optimizer).epsilon() > 0;
      double[][] p = {{0.1, -0.2, 0.3, -0.4, 0.5, -0.6}, {0.7, -0.8}};
      double[][] q = {p[0].clone(), p[1].clone()};
      double[][][] parts = {STORAGE.newSegments(), STORAGE.newSegments(), STORAGE.newSegments()};
      double[][][] referenceParts = {STORAGE.newSegments(), STORAGE.newSegments(), STORAGE.newSegments()};
      OptimizerState state = optimizer.newState();
      OptimizerState referenceState = optimizer.newState();
      ParallelUpdate oneSlice = new ParallelUpdate(p, parts, STORAGE, 1);
      ParallelUpdate twoSlices = new ParallelUpdate(q, referenceParts, STORAGE, 2);
      Random random = new Random(5);
      for (int i = 0; i < 8; i++) {
        for (int k = 0; k < 3; k++) {
          for (int s = 0; s < 2; s++) {
            for (int e = 0; e < parts[k][s].length; e++) {
              parts[k][s][e] = referenceParts[k][s][e] = random.nextGaussian();
            }
          }
        }
        oneSlice.beginOptimizer(3, state, 0.5);
        assertEquals(admitted, oneSlice.stepInPlace(), optimizer + ", in place");
        if (!admitted) {
          oneSlice.update(0);
          assertTrue(oneSlice.finite());
          oneSlice.clearGradients(0);
          oneSlice.commit();
        }
        twoSlices.beginOptimizer(3, referenceState, 0.5);
        twoSlices.update(0);
        twoSlices.update(1);
        assertTrue(twoSlices.finite());
        twoSlices.clearGradients(0);
        twoSlices.clearGradients(1);
        twoSlices.commit();
        for (int s = 0; s < 2; s++) {
          assertArrayEquals(q[s], p[s], optimizer + ", step " + i);
          for (double[][] part : parts) {
            assertArrayEquals(new double[part[s].length], part[s], "every part's gradient zeroed");
          }
        }
        assertEquals(referenceState.snapshot(), state.snapshot(), optimizer + ", step " + i);
      }
    }
    ParallelUpdate twoSlices = new ParallelUpdate(STORAGE.newSegments(), new double[][][] {STORAGE.newSegments()},
        STORAGE, 2);
    twoSlices.beginOptimizer(1, Adam.of(0.01).newState(), 1);
    assertThrows(IllegalStateException.class, twoSlices::stepInPlace);
  }

  /** One state stepped by {@link OptimizerState#step}, one by {@link ParallelUpdate} (always double-buffered). */
  private static final class Pair {
    final double[][] parameters = {{0.1, -0.2, 0.3, -0.4, 0.5, -0.6}, {0.7, -0.8}};
    final double[][] reference = {parameters[0].clone(), parameters[1].clone()};
    final double[][] referenceGradients = STORAGE.newSegments();
    final OptimizerState state;
    final OptimizerState referenceState;
    final ParallelUpdate update = new ParallelUpdate(reference, new double[][][] {referenceGradients}, STORAGE, 1);

    Pair(Optimizer optimizer) {
      state = optimizer.newState();
      referenceState = optimizer.newState();
    }

    void restore(OptimizerSnapshot snapshot) {
      state.restore(snapshot);
      referenceState.restore(snapshot);
    }

    /** One step of both with these gradients: the same bits, in place or not as expected. */
    void step(double[][] gradients, double scale, boolean inPlace) {
      double[][] g = {gradients[0].clone(), gradients[1].clone()};
      state.step(parameters, g, STORAGE, scale);
      stepReference(gradients, scale);
      assertEquals(inPlace, state.lastStepInPlace, "in place");
      assertArrayEquals(new double[6], g[0]);
      assertArrayEquals(new double[2], g[1]);
      assertArrayEquals(reference[0], parameters[0]);
      assertArrayEquals(reference[1], parameters[1]);
      assertEquals(referenceState.snapshot(), state.snapshot());
      for (double[] p : parameters) {
        for (double x : p) {
          assertTrue(Double.isFinite(x), "finite");
        }
      }
    }

    /** A step that must throw and change nothing (both states). */
    TrainingDivergedException diverges(double[][] gradients) {
      double[][] before = {parameters[0].clone(), parameters[1].clone()};
      OptimizerSnapshot snapshot = state.snapshot();
      double[][] g = {gradients[0].clone(), gradients[1].clone()};
      TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
          () -> state.step(parameters, g, STORAGE, 1));
      assertThrows(TrainingDivergedException.class, () -> stepReference(gradients, 1));
      assertArrayEquals(new double[6], g[0]);
      assertArrayEquals(before[0], parameters[0]);
      assertArrayEquals(before[1], parameters[1]);
      assertArrayEquals(reference[0], parameters[0]);
      assertEquals(snapshot, state.snapshot());
      assertEquals(snapshot, referenceState.snapshot());
      assertFalse(e.getMessage().isEmpty());
      return e;
    }

    private void stepReference(double[][] gradients, double scale) {
      System.arraycopy(gradients[0], 0, referenceGradients[0], 0, 6);
      System.arraycopy(gradients[1], 0, referenceGradients[1], 0, 2);
      update.beginOptimizer(1, referenceState, scale);
      update.update(0);
      if (!update.finite()) {
        throw update.rollBack();
      }
      update.clearGradients(0);
      update.commit();
    }
  }
}
