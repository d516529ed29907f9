package dev.neurogen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.TrainingDivergedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The runtime side of the optimizers on their own: builders and their checks, schedules, the
 * storage mapping, snapshots and restores, and the divergence guard on plain arrays. (The update
 * rules are checked against PyTorch in functional-tests' OptimizerReferenceTest.)
 */
class OptimizerApiTest {

  @Test
  void buildersStartAtPyTorchDefaultsAndCheckEverySetting() {
    Adam adam = Adam.of(0.003);
    assertEquals(0.9, adam.beta1());
    assertEquals(0.999, adam.beta2());
    assertEquals(1e-8, adam.epsilon());
    assertEquals(0.0, adam.weightDecay());
    assertEquals(0.01, AdamW.of(0.001).weightDecay());
    assertEquals(0.99, RmsProp.of(0.01).alpha());
    assertEquals(false, Sgd.of(0.1).decayBiases());
    assertEquals("adamw", AdamW.of(0.1).name());
    assertEquals("Adam[learningRate=constant(0.003), beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=0.0,"
        + " decayBiases=false]", adam.toString());
    assertMessage("beta1 must be in [0, 1), got 1.0", () -> Adam.builder().beta1(1).build());
    assertMessage("rate must be finite and not negative, got NaN", () -> Sgd.of(Double.NaN));
    assertMessage("weightDecay must be finite and not negative, got -1.0", () -> AdamW.builder().weightDecay(-1).build());
    assertMessage("nesterov needs momentum > 0 and dampening 0", () -> Sgd.builder().nesterov(true).build());
    assertMessage("alpha must be in [0, 1), got 1.5", () -> RmsProp.builder().alpha(1.5).build());
    assertMessage("startFactor must be in (0, 1], got 0.0", () -> LearningRateSchedule.constant(1).withWarmup(3, 0));
    assertMessage("minimumRate must not exceed rate", () -> LearningRateSchedule.cosine(0.1, 10, 0.2));
  }

  @Test
  void schedulesFollowTheirFormulasAndPrintLosslessly() {
    LearningRateSchedule step = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
    assertEquals(0.1, step.rate(2));
    assertEquals(0.05, step.rate(3));
    assertEquals(0.025, step.rate(8));
    assertEquals(0.1 * Math.pow(0.9, 7), LearningRateSchedule.exponential(0.1, 0.9).rate(7));
    LearningRateSchedule cosine = LearningRateSchedule.cosine(1.0, 4, 0.2);
    assertEquals(1.0, cosine.rate(0));
    assertEquals(0.6, cosine.rate(2), 1e-15);
    assertEquals(0.2, cosine.rate(4), 1e-15);
    assertEquals(0.2, cosine.rate(100), 1e-15); // stays at the minimum after totalSteps
    LearningRateSchedule warm = cosine.withWarmup(4, 0.2);
    assertEquals(0.2, warm.rate(0), 1e-15);
    assertEquals(0.6, warm.rate(2), 1e-15);
    assertEquals(1.0, warm.rate(4)); // the wrapped schedule restarted at its step 0
    assertEquals(cosine.rate(1), warm.rate(5));
    assertEquals("cosine(1.0, 4, 0.2).withWarmup(4, 0.2)", warm.toString());
    assertEquals("stepDecay(0.1, 3, 0.5)", step.toString());
    assertEquals(LearningRateSchedule.constant(0.1), LearningRateSchedule.constant(0.1));
    assertMessage("step must not be negative, got -1", () -> step.rate(-1));
  }

  @Test
  void storageMapsColumnSegmentsToTheFlatLayout() {
    ParameterStorage storage = ParameterStorage.of(new int[] {3, 2, 1}, new boolean[] {true, false});
    // layer 1: columns of W1 (3 segments of 2, stride 3), b1; layer 2: W2 row-major, b2
    assertEquals(6, storage.segmentCount());
    assertEquals(11, storage.parameterCount());
    assertEquals(1, storage.offset(1));
    assertEquals(3, storage.stride(1));
    assertEquals("W1[1][2]", storage.describe(2, 1));
    assertTrue(storage.isBias(3));
    assertEquals("b2[0]", storage.describe(5, 0));
    double[] flat = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[][] segments = storage.newSegments();
    storage.fromFlat(flat, segments);
    assertArrayEquals(new double[] {0, 3}, segments[0]); // column 0 of W1: W1[0][0], W1[1][0]
    assertArrayEquals(new double[] {6, 7}, segments[3]);
    double[] back = new double[11];
    storage.toFlat(segments, back);
    assertArrayEquals(flat, back);
    assertEquals(ParameterStorage.flat(3, 2, 1), ParameterStorage.of(new int[] {3, 2, 1}, new boolean[2]));
    assertMessage("columnMajor needs one flag per weight layer (2), got 1",
        () -> ParameterStorage.of(new int[] {3, 2, 1}, new boolean[1]));
  }

  @Test
  void snapshotsRestoreExactlyAndRejectWhatDoesNotFit() {
    ParameterStorage storage = ParameterStorage.flat(2, 2);
    double[][] parameters = {{0.1, -0.2, 0.3, 0.4}, {0.0, 0.5}};
    double[][] gradients = new double[2][];
    OptimizerState adam = Adam.of(0.01).newState();
    assertEquals(OptimizerSnapshot.of("adam", 0, Map.of()), adam.snapshot());
    for (int i = 0; i < 3; i++) {
      gradients[0] = new double[] {1, -2, 3, 0.5};
      gradients[1] = new double[] {0.25, -1};
      adam.step(parameters, gradients, storage, 0.5);
      assertArrayEquals(new double[4], gradients[0]); // consumed
    }
    OptimizerSnapshot saved = adam.snapshot();
    assertEquals(3, saved.steps());
    assertEquals(List.of("exp_avg", "exp_avg_sq"), saved.bufferNames());
    assertEquals(6, saved.buffer("exp_avg").length);
    OptimizerState other = Adam.of(0.01).newState();
    other.restore(saved);
    assertEquals(saved, other.snapshot());
    assertMessage("the snapshot is of adam but this state is of sgd", () -> Sgd.of(0.1).newState().restore(saved));
    assertMessage("the snapshot has buffers [exp_avg, exp_avg_sq] but RmsProp",
        () -> OptimizerState.class.cast(new RmsProp(LearningRateSchedule.constant(0.1), 0.9, 1e-8, 0, 0, false, false)
            .newState()).restore(OptimizerSnapshot.of("rmsprop", 2, saved.buffers())));
    assertMessage("the snapshot's buffers have 3 values but the network has 6 parameters",
        () -> adam.restore(OptimizerSnapshot.of("adam", 1, Map.of("exp_avg", new double[3], "exp_avg_sq", new double[3]))));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> adam.step(new double[][] {new double[6], new double[3]}, new double[][] {new double[6], new double[3]},
            ParameterStorage.flat(2, 3), 1));
    assertTrue(e.getMessage().contains(
        "is bound to ParameterStorage[2, 2] columnMajor[false] but was given ParameterStorage[2, 3]"), e.getMessage());
  }

  @Test
  void aDivergingStepChangesNothingAndSaysWhy() {
    ParameterStorage storage = ParameterStorage.flat(2, 1);
    double[][] parameters = {{0.5, -0.5}, {0.1}};
    OptimizerState sgd = Sgd.builder().learningRate(1e300).momentum(0.9).build().newState();
    sgd.step(parameters, new double[][] {{1, 1}, {1}}, storage, 1);
    OptimizerSnapshot before = sgd.snapshot();
    double[][] copy = {parameters[0].clone(), parameters[1].clone()};
    double[][] gradients = {{1e10, 1}, {1}};
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> sgd.step(parameters, gradients, storage, 1));
    assertArrayEquals(copy[0], parameters[0]);
    assertArrayEquals(copy[1], parameters[1]);
    assertArrayEquals(new double[2], gradients[0]);
    assertEquals(before, sgd.snapshot());
    assertEquals(1, e.step());
    assertTrue(e.getMessage().startsWith("training diverged: the update would make parameter W1[0][0] -Infinity"),
        e.getMessage());
    assertTrue(e.getMessage().contains("learning rate is too high"), e.getMessage());
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "message \"" + e.getMessage() + "\" lacks \"" + expected + "\"");
  }
}
