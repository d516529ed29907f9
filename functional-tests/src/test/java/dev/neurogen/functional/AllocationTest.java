package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.nets.GradientNets_LoopedSigmoidCeImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial3Impl;
import org.junit.jupiter.api.Test;

/**
 * predict, the batch gradient and the training step allocate nothing once warmed up: the bytes
 * the current thread allocates over many calls (HotSpot's per-thread allocation counter), minus
 * what the measurement itself costs, are exactly zero.
 */
class AllocationTest {
  private static final int MEASURED_CALLS = AllocationMeter.MEASURED_CALLS;

  @Test
  void unrolledNetworkAllocatesNothing() {
    assertNoAllocation(new TutorialNets_Tutorial3Impl(1L), 3);
    assertNoAllocation(new TutorialNets_Tutorial1Impl(1L), 3);
    assertNoAllocation(new TutorialNets_Tutorial1Impl(1L), 1); // the single-sample shortcut
  }

  @Test
  void loopedNetworkAllocatesNothing() {
    assertNoAllocation(new MediumNets_DigitsImpl(1L), 16);
    assertNoAllocation(new GradientNets_LoopedSigmoidCeImpl(1L), 7); // a block and a tail
  }

  /** Keeps the control's allocation from being optimised away. */
  private static double[] sink;

  @Test
  void measurementSeesAllocation() {
    // control: the same measurement does see a 48-byte array per call
    assertEquals(48.0 * MEASURED_CALLS, AllocationMeter.bytesAllocated(() -> sink = new double[4]), 4.8 * MEASURED_CALLS);
  }

  private static void assertNoAllocation(NeuralNetwork network, int batch) {
    Batches data = new Batches(network, batch, 5L);
    double[] output = new double[network.outputSize()];
    double[] input = new double[network.inputSize()];
    double[] gradient = new double[network.parameterCount()];
    double[] inputGradient = new double[data.inputs.length];
    System.arraycopy(data.inputs, 0, input, 0, input.length);

    Runnable predict = () -> network.predict(input, output);
    Runnable classify = network instanceof Classifier c ? () -> c.classify(input) : predict;
    Runnable gradientCall;
    Runnable train;
    if (network instanceof TargetTrainable t) {
      gradientCall = () -> t.lossAndGradient(data.inputs, data.rows, batch, gradient, inputGradient);
      train = () -> t.trainStep(data.inputs, data.rows, batch, 1e-6);
    } else {
      Classifier c = (Classifier) network;
      gradientCall = () -> c.lossAndGradient(data.inputs, data.labels, batch, gradient, inputGradient);
      train = () -> c.trainStep(data.inputs, data.labels, batch, 1e-6);
    }
    Runnable labelled = network instanceof Classifier c
        ? () -> c.trainStep(data.inputs, data.labels, batch, 1e-6) : train;

    String name = network.getClass().getSimpleName();
    assertEquals(0, AllocationMeter.bytesAllocated(predict), name + ".predict allocated bytes");
    assertEquals(0, AllocationMeter.bytesAllocated(classify), name + ".classify allocated bytes");
    assertEquals(0, AllocationMeter.bytesAllocated(gradientCall), name + ".lossAndGradient allocated bytes");
    assertEquals(0, AllocationMeter.bytesAllocated(train), name + ".trainStep allocated bytes");
    assertEquals(0, AllocationMeter.bytesAllocated(labelled), name + ".trainStep(labels) allocated bytes");
  }
}
