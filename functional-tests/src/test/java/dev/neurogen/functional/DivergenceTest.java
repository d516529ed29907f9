package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurogen.NeuralNetwork;
import dev.neurogen.TrainingDivergedException;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.nets.OptimizerNets_LoopedLeakyCeImpl;
import dev.neurogen.functional.nets.OptimizerNets_LoopedLeakyMseImpl;
import dev.neurogen.functional.nets.OptimizerNets_UnrolledLeakyCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeTanhMseImpl;
import dev.neurogen.functional.nets.ReferenceNets_LeakyReluMseIdentityImpl;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import java.util.Arrays;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's divergence cases (learning rate 1e300, inputs of 1e300, MSE targets of 1e300) for the
 * plain SGD step (batched, and the single-sample shortcut of unrolled networks) and for every
 * optimizer: training until the step that diverges, which must throw {@link
 * TrainingDivergedException} and leave {@code getParameters} and the optimizer's {@code snapshot()}
 * bit for bit as they were before that step, and the network usable (no gradient left behind).
 */
class DivergenceTest {
  private static final int MAX_STEPS = 20;

  private enum Cause {
    LEARNING_RATE("learning rate is too high"),
    INPUTS("not scaled"),
    TARGETS("not scaled");

    final String advice;

    Cause(String advice) {
      this.advice = advice;
    }
  }

  /** A network kind, and the batch size that exercises the path under test. */
  private record Subject(String name, LongFunction<NeuralNetwork> make, int batch, TargetForm form) {}

  private static final Subject[] PLAIN = {
    new Subject("unrolled", ReferenceNets_LeakyReluMseIdentityImpl::new, 3, TargetForm.ROWS),
    new Subject("unrolled, single-sample shortcut", ReferenceNets_LeakyReluMseIdentityImpl::new, 1, TargetForm.ROWS),
    new Subject("unrolled, labels", OptimizerNets_UnrolledLeakyCeImpl::new, 3, TargetForm.LABELS),
    new Subject("unrolled, labels, single-sample shortcut", OptimizerNets_UnrolledLeakyCeImpl::new, 1, TargetForm.LABELS),
    new Subject("looped, labels", OptimizerNets_LoopedLeakyCeImpl::new, 7, TargetForm.LABELS),
    new Subject("looped, row mirror", OptimizerNets_LoopedLeakyMseImpl::new, 33, TargetForm.ROWS),
  };

  private static final Subject[] MSE = {
    new Subject("unrolled MSE", ReferenceNets_LeakyReluMseIdentityImpl::new, 3, TargetForm.ROWS),
    new Subject("unrolled MSE, single-sample shortcut", ReferenceNets_LeakyReluMseIdentityImpl::new, 1, TargetForm.ROWS),
    new Subject("looped MSE", ReferenceNets_LargeTanhMseImpl::new, 9, TargetForm.ROWS),
  };

  @Test
  void learningRate1e300() {
    for (Subject subject : PLAIN) {
      divergesCleanly(subject, Cause.LEARNING_RATE, null, 1e300);
    }
  }

  @Test
  void inputs1e300() {
    for (Subject subject : PLAIN) {
      if (subject != PLAIN[3]) { // one sample: its softmax saturates on the label, the gradient is 0, nothing diverges
        divergesCleanly(subject, Cause.INPUTS, null, 0.1);
      }
    }
  }

  @Test
  void mseTargets1e300() {
    for (Subject subject : MSE) {
      divergesCleanly(subject, Cause.TARGETS, null, 0.1);
    }
  }

  @Test
  void everyOptimizerWithLearningRate1e300() {
    for (Subject subject : new Subject[] {PLAIN[0], PLAIN[3], PLAIN[4], PLAIN[5]}) {
      for (Optimizer optimizer : OptimizerTrainingTest.everyOptimizer(1e300)) {
        divergesCleanly(subject, Cause.LEARNING_RATE, optimizer, 0);
      }
    }
  }

  @Test
  void everyOptimizerWithInputs1e300() {
    for (Optimizer optimizer : OptimizerTrainingTest.everyOptimizer(0.01)) {
      divergesCleanly(PLAIN[1], Cause.INPUTS, optimizer, 0);
      divergesCleanly(PLAIN[5], Cause.INPUTS, optimizer, 0);
    }
  }

  @Test
  void everyOptimizerWithMseTargets1e300() {
    for (Optimizer optimizer : OptimizerTrainingTest.everyOptimizer(0.01)) {
      divergesCleanly(MSE[2], Cause.TARGETS, optimizer, 0);
    }
  }

  /**
   * Trains with the cause applied until a step throws; asserts it does within MAX_STEPS and that
   * parameters and optimizer state are exactly those before the failed step.
   */
  private static void divergesCleanly(Subject subject, Cause cause, Optimizer optimizer, double learningRate) {
    NeuralNetwork network = subject.make.apply(11L);
    Batches data = new Batches(network, subject.batch, 12L);
    if (cause == Cause.INPUTS) {
      Arrays.fill(data.inputs, 1e300);
    }
    if (cause == Cause.TARGETS) {
      Arrays.fill(data.rows, 1e300);
    }
    OptimizerState state = optimizer == null ? null : optimizer.newState();
    ToDoubleFunction<Batches> step = optimizer == null
        ? d -> d.trainStep(network, subject.form, learningRate)
        : d -> Training.step(network, subject.form, d, state);
    String what = subject.name + " with " + cause + (optimizer == null ? ", plain SGD" : ", " + optimizer);
    for (int i = 0; i < MAX_STEPS; i++) {
      double[] before = Training.parameters(network);
      OptimizerSnapshot stateBefore = state == null ? null : state.snapshot();
      try {
        step.applyAsDouble(data);
      } catch (TrainingDivergedException e) {
        assertArrayEquals(before, Training.parameters(network), what + ": parameters changed by the refused step " + i);
        if (state != null) {
          assertEquals(stateBefore, state.snapshot(), what + ": optimizer state changed by the refused step " + i);
        }
        assertTrue(e.getMessage().contains("training diverged") && e.getMessage().contains(cause.advice)
            && e.getMessage().contains("unchanged"), e.getMessage());
        for (double p : before) {
          assertTrue(Double.isFinite(p), what + ": a non-finite parameter got in before the exception");
        }
        assertNoGradientLeftBehind(subject, network);
        return;
      }
    }
    fail(what + ": no TrainingDivergedException within " + MAX_STEPS + " steps");
  }

  /** After the refused step, the network computes what a fresh one with its parameters does. */
  private static void assertNoGradientLeftBehind(Subject subject, NeuralNetwork network) {
    NeuralNetwork fresh = subject.make.apply(99L);
    fresh.setParameters(Training.parameters(network));
    Batches clean = new Batches(network, 4, 13L);
    double[] expected = new double[network.parameterCount()];
    double[] actual = new double[network.parameterCount()];
    assertEquals(clean.lossAndGradient(fresh, subject.form, expected, null),
        clean.lossAndGradient(network, subject.form, actual, null));
    assertArrayEquals(expected, actual);
  }
}
