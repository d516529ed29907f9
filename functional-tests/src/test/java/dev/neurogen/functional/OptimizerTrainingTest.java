package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.NeuralNetwork;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.nets.GradientNets_LoopedSigmoidCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeTanhMseImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial3Impl;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.LearningRateSchedule;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Training generated networks with optimizer states: no allocation per step, exact resume from a
 * snapshot, row mirrors kept equal to the columns, and one state per network shape.
 */
class OptimizerTrainingTest {
  /** One of each update loop (momentum, Nesterov, decay of biases, centered, ...). */
  static List<Optimizer> everyOptimizer(double rate) {
    return List.of(
        Sgd.of(rate),
        Sgd.builder().learningRate(rate).momentum(0.9).weightDecay(1e-4).build(),
        Sgd.builder().learningRate(rate).momentum(0.9).nesterov(true).decayBiases(true).weightDecay(1e-4).build(),
        Adam.builder().learningRate(LearningRateSchedule.cosine(rate, 100_000, 0).withWarmup(10, 0.1)).build(),
        AdamW.of(rate),
        RmsProp.of(rate),
        RmsProp.builder().learningRate(rate).centered(true).build(),
        RmsProp.builder().learningRate(rate).momentum(0.5).build(),
        RmsProp.builder().learningRate(rate).centered(true).momentum(0.5).weightDecay(1e-4).build());
  }

  @Test
  void aStepAllocatesNothingForEveryOptimizerUnrolledAndLooped() {
    record Net(LongFunction<NeuralNetwork> make, int batch, TargetForm form) {}
    List<Net> nets = List.of(
        new Net(TutorialNets_Tutorial3Impl::new, 3, TargetForm.ROWS), // unrolled
        new Net(TutorialNets_Tutorial1Impl::new, 1, TargetForm.LABELS), // unrolled, one sample
        new Net(MediumNets_DigitsImpl::new, 16, TargetForm.LABELS), // looped
        new Net(ReferenceNets_LargeTanhMseImpl::new, 7, TargetForm.ROWS)); // looped with a row mirror, a tail block
    for (Net net : nets) {
      for (Optimizer optimizer : everyOptimizer(1e-7)) {
        NeuralNetwork network = net.make.apply(1L);
        Batches data = new Batches(network, net.batch, 5L);
        OptimizerState state = optimizer.newState();
        Runnable step = () -> Training.step(network, net.form, data, state);
        long bytes = AllocationMeter.bytesAllocated(step);
        if (bytes != 0) {
          // a deoptimisation in the measured window (this JVM runs many networks through one call
          // site) can re-allocate an object once; a steady state allocates nothing
          bytes = AllocationMeter.bytesAllocated(step);
        }
        assertEquals(0, bytes, network.getClass().getSimpleName() + " with " + optimizer + " allocated bytes");
      }
    }
  }

  @Test
  void resumingFromASnapshotIsExact() {
    for (Optimizer optimizer : everyOptimizer(0.01)) {
      // 20-40-30-5: two looped layers (column storage), one with a row mirror, one unrolled
      ReferenceNets_LargeTanhMseImpl net = new ReferenceNets_LargeTanhMseImpl(3L);
      Batches data = new Batches(net, 9, 7L);
      OptimizerState state = optimizer.newState();
      for (int i = 0; i < 3; i++) {
        Training.step(net, TargetForm.ROWS, data, state);
      }
      OptimizerSnapshot saved = state.snapshot();
      double[] parameters = Training.parameters(net);

      ReferenceNets_LargeTanhMseImpl resumed = new ReferenceNets_LargeTanhMseImpl(99L);
      resumed.setParameters(parameters);
      OptimizerState restored = optimizer.newState();
      restored.restore(saved); // before the state is bound to the network
      assertEquals(saved, restored.snapshot());
      for (int i = 0; i < 4; i++) {
        double a = Training.step(net, TargetForm.ROWS, data, state);
        double b = Training.step(resumed, TargetForm.ROWS, data, restored);
        assertEquals(a, b, optimizer + " loss after resuming, step " + i);
      }
      assertArrayEquals(Training.parameters(net), Training.parameters(resumed), optimizer.toString());
      assertEquals(state.snapshot(), restored.snapshot(), optimizer.toString());
      assertEquals(7, restored.steps());

      // restoring into a bound state rewinds it exactly too
      state.restore(saved);
      net.setParameters(parameters);
      ReferenceNets_LargeTanhMseImpl again = new ReferenceNets_LargeTanhMseImpl(5L);
      again.setParameters(parameters);
      OptimizerState third = optimizer.newState();
      third.restore(saved);
      Training.step(net, TargetForm.ROWS, data, state);
      Training.step(again, TargetForm.ROWS, data, third);
      assertArrayEquals(Training.parameters(net), Training.parameters(again), optimizer + " after a bound restore");
    }
  }

  @Test
  void rowMirrorsStayEqualToTheColumns() {
    // after optimizer steps, the trained instance computes exactly what a fresh one given its parameters does
    for (Optimizer optimizer : everyOptimizer(0.01)) {
      ReferenceNets_LargeTanhMseImpl net = new ReferenceNets_LargeTanhMseImpl(1L);
      Batches data = new Batches(net, 40, 4L);
      OptimizerState state = optimizer.newState();
      for (int i = 0; i < 3; i++) {
        Training.step(net, TargetForm.ROWS, data, state);
      }
      ReferenceNets_LargeTanhMseImpl fresh = new ReferenceNets_LargeTanhMseImpl(99L);
      fresh.setParameters(Training.parameters(net));
      double[] trained = new double[net.parameterCount()];
      double[] expected = new double[net.parameterCount()];
      double[] trainedInputs = new double[data.inputs.length];
      double[] expectedInputs = new double[data.inputs.length];
      assertEquals(fresh.lossAndGradient(data.inputs, data.rows, 40, expected, expectedInputs),
          net.lossAndGradient(data.inputs, data.rows, 40, trained, trainedInputs));
      assertArrayEquals(expected, trained, optimizer.toString());
      assertArrayEquals(expectedInputs, trainedInputs, optimizer.toString());
    }
  }

  @Test
  void optimizersLearn() {
    // a sanity check beyond the reference vectors: every optimizer lowers the loss of a fixed batch
    for (Optimizer optimizer : everyOptimizer(0.01)) {
      GradientNets_LoopedSigmoidCeImpl net = new GradientNets_LoopedSigmoidCeImpl(2L);
      Batches data = new Batches(net, 20, 8L);
      OptimizerState state = optimizer.newState();
      double first = Training.step(net, TargetForm.LABELS, data, state);
      double last = first;
      for (int i = 0; i < 200; i++) {
        last = Training.step(net, TargetForm.LABELS, data, state);
      }
      assertTrue(last < 0.97 * first, optimizer + ": loss " + first + " -> " + last);
    }
  }

  @Test
  void theSingleSampleShortcutTakesTheSameStepWithAndWithoutItsCheck() {
    // the shortcut skips its finiteness check while a bound proves the updates finite; setParameters
    // forgets the bound, so the twin checks every step: both must train bit for bit alike
    TutorialNets_Tutorial1Impl fast = new TutorialNets_Tutorial1Impl(4L);
    TutorialNets_Tutorial1Impl checked = new TutorialNets_Tutorial1Impl(4L);
    Batches data = new Batches(fast, 1, 9L);
    for (int i = 0; i < 50; i++) {
      checked.setParameters(Training.parameters(checked));
      assertEquals(checked.trainStep(data.inputs, data.labels, 1, 0.5), fast.trainStep(data.inputs, data.labels, 1, 0.5));
    }
    assertArrayEquals(Training.parameters(checked), Training.parameters(fast));
  }

  @Test
  void aStateServesOneNetworkShape() {
    OptimizerState state = Adam.of(0.01).newState();
    TutorialNets_Tutorial1Impl small = new TutorialNets_Tutorial1Impl(1L);
    Batches smallData = new Batches(small, 4, 1L);
    Training.step(small, TargetForm.LABELS, smallData, state);
    MediumNets_DigitsImpl other = new MediumNets_DigitsImpl(1L);
    Batches otherData = new Batches(other, 4, 1L);
    double[] before = Training.parameters(other);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Training.step(other, TargetForm.LABELS, otherData, state));
    assertTrue(e.getMessage().contains("[3, 4, 4, 3]") && e.getMessage().contains("[64, 32, 10]"), e.getMessage());
    assertArrayEquals(before, Training.parameters(other));
    // the failed call left no gradient behind: the network computes what a fresh copy does
    MediumNets_DigitsImpl fresh = new MediumNets_DigitsImpl(1L);
    double[] g1 = new double[other.parameterCount()];
    double[] g2 = new double[other.parameterCount()];
    other.lossAndGradient(otherData.inputs, otherData.labels, 4, g1);
    fresh.lossAndGradient(otherData.inputs, otherData.labels, 4, g2);
    assertArrayEquals(g2, g1);
    assertThrows(NullPointerException.class, () -> other.trainStep(otherData.inputs, otherData.labels, 4,
        (OptimizerState) null));
  }
}
