package dev.neurogen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.TrainingDivergedException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelUpdate} against the single-threaded updates it cuts up: for any number of
 * slices (run here one after the other, in reverse order, which a slice must not notice) the
 * parameters, moments and step count are bit for bit those of {@link Updates#descend} and {@link
 * OptimizerState#step} on the gradients added in part order; every part's gradients end zeroed;
 * a diverging step changes nothing.
 */
class ParallelUpdateTest {
  /** A segment of 2,400 values (several blocks), short ones, and one of 3 (shorter than the alignment). */
  private static final ParameterStorage STORAGE = ParameterStorage.of(new int[] {3, 800, 3, 5},
      new boolean[] {false, true, false});

  private static double[][] random(Random random, double scale) {
    double[][] segments = STORAGE.newSegments();
    for (double[] segment : segments) {
      for (int k = 0; k < segment.length; k++) {
        segment[k] = scale * (random.nextDouble() - 0.5);
      }
    }
    return segments;
  }

  private static double[][] copy(double[][] segments) {
    double[][] copy = new double[segments.length][];
    for (int s = 0; s < segments.length; s++) {
      copy[s] = segments[s].clone();
    }
    return copy;
  }

  /** The parts' gradients added in part order, as the trainer defines the batch's gradient. */
  private static double[][] sum(double[][][] parts) {
    double[][] total = copy(parts[0]);
    for (int q = 1; q < parts.length; q++) {
      for (int s = 0; s < total.length; s++) {
        for (int k = 0; k < total[s].length; k++) {
          total[s][k] += parts[q][s][k];
        }
      }
    }
    return total;
  }

  private static double[] flat(double[][] segments) {
    double[] flat = new double[STORAGE.parameterCount()];
    STORAGE.toFlat(segments, flat);
    return flat;
  }

  private static void assertZero(double[][][] parts) {
    for (double[][] part : parts) {
      for (double[] g : part) {
        assertArrayEquals(new double[g.length], g);
      }
    }
  }

  private static void runSlices(ParallelUpdate update) {
    for (int t = update.slices() - 1; t >= 0; t--) {
      update.update(t);
    }
  }

  @Test
  void plainStepIsDescendOfTheSumForAnySliceCount() {
    for (int slices = 1; slices <= 9; slices++) {
      Random random = new Random(slices);
      double[][] start = random(random, 1.0);
      double[][][] parts = {random(random, 1.0), random(random, 1.0), random(random, 1.0)};
      double[][] expected = copy(start);
      Updates.descend(expected, sum(parts), STORAGE, 0.01, 0.3, new double[STORAGE.maxSegmentLength()]);

      double[][] parameters = copy(start);
      ParallelUpdate update = new ParallelUpdate(parameters, parts, STORAGE, slices);
      update.beginPlain(3, 0.01, 0.3);
      runSlices(update);
      assertTrue(update.finite());
      for (int t = 0; t < slices; t++) {
        update.clearGradients(t);
      }
      update.commit();
      assertArrayEquals(flat(expected), flat(parameters), slices + " slices");
      assertZero(parts);
    }
  }

  @Test
  void adamStepIsOptimizerStepOfTheSumForAnySliceCount() {
    for (int slices = 1; slices <= 9; slices++) {
      Random random = new Random(100 + slices);
      double[][] start = random(random, 1.0);
      double[][] expected = copy(start);
      double[][] parameters = copy(start);
      OptimizerState alone = AdamW.of(0.01).newState();
      OptimizerState sliced = AdamW.of(0.01).newState();
      for (int step = 0; step < 3; step++) {
        double[][][] parts = {random(random, 1.0), random(random, 1.0)};
        alone.step(expected, sum(parts), STORAGE, 0.25);
        ParallelUpdate update = new ParallelUpdate(parameters, parts, STORAGE, slices);
        update.beginOptimizer(2, sliced, 0.25);
        runSlices(update);
        assertTrue(update.finite());
        for (int t = 0; t < slices; t++) {
          update.clearGradients(t);
        }
        update.commit();
        assertZero(parts);
      }
      assertArrayEquals(flat(expected), flat(parameters), slices + " slices");
      assertEquals(alone.steps(), sliced.steps());
      OptimizerSnapshot a = alone.snapshot();
      OptimizerSnapshot b = sliced.snapshot();
      for (String name : a.bufferNames()) {
        assertArrayEquals(a.buffers().get(name), b.buffers().get(name), name + ", " + slices + " slices");
      }
    }
  }

  @Test
  void divergingStepChangesNothing() {
    for (int slices = 1; slices <= 4; slices++) {
      Random random = new Random(7);
      double[][] start = random(random, 1.0);
      double[][] parameters = copy(start);
      OptimizerState state = Adam.of(0.01).newState();
      double[][][] parts = {random(random, 1.0), random(random, 1.0)};
      ParallelUpdate update = new ParallelUpdate(parameters, parts, STORAGE, slices);
      update.beginOptimizer(2, state, 1.0);
      runSlices(update);
      update.commit();
      double[][] before = copy(parameters);
      OptimizerSnapshot moments = state.snapshot();

      parts = new double[][][] {random(random, 1.0), random(random, 1.0)};
      parts[1][0][1234] = Double.POSITIVE_INFINITY; // lands in one slice only
      update = new ParallelUpdate(parameters, parts, STORAGE, slices);
      update.beginOptimizer(2, state, 1.0);
      runSlices(update);
      assertTrue(!update.finite(), slices + " slices");
      TrainingDivergedException e = update.rollBack();
      assertTrue(e.getMessage().contains("W1"), e.getMessage());
      assertArrayEquals(flat(before), flat(parameters), slices + " slices: parameters changed");
      assertEquals(1, state.steps());
      for (String name : moments.bufferNames()) {
        assertArrayEquals(moments.buffers().get(name), state.snapshot().buffers().get(name), name);
      }
      assertZero(parts);
    }
  }

  @Test
  void argumentsAreChecked() {
    double[][] parameters = STORAGE.newSegments();
    double[][][] parts = {STORAGE.newSegments()};
    assertThrows(IllegalArgumentException.class, () -> new ParallelUpdate(parameters, parts, STORAGE, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ParallelUpdate(new double[][] {new double[1]}, parts, STORAGE, 1));
    ParallelUpdate update = new ParallelUpdate(parameters, parts, STORAGE, 2);
    assertThrows(IllegalArgumentException.class, () -> update.beginPlain(2, 0.1, 0.1));
  }
}
