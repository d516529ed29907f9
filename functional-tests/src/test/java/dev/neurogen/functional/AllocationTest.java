package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.nets.GradientNets_LoopedSigmoidCeImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial3Impl;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * predict, the batch gradient and the training step allocate nothing once warmed up: the bytes
 * the current thread allocates over many calls (HotSpot's per-thread allocation counter), minus
 * what the measurement itself costs, are exactly zero.
 */
class AllocationTest {
  private static final int WARM_UP_CALLS = 20_000;
  private static final int MEASURED_CALLS = 10_000;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void unrolledNetworkAllocatesNothing() {
    assertNoAllocation(new TutorialNets_Tutorial3Impl(1L), 3);
    assertNoAllocation(new TutorialNets_Tutorial1Impl(1L), 3);
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
    assertEquals(48.0 * MEASURED_CALLS, allocatedPerRun(() -> sink = new double[4]), 4.8 * MEASURED_CALLS);
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
    assertEquals(0, allocatedPerRun(predict), name + ".predict allocated bytes");
    assertEquals(0, allocatedPerRun(classify), name + ".classify allocated bytes");
    assertEquals(0, allocatedPerRun(gradientCall), name + ".lossAndGradient allocated bytes");
    assertEquals(0, allocatedPerRun(train), name + ".trainStep allocated bytes");
    assertEquals(0, allocatedPerRun(labelled), name + ".trainStep(labels) allocated bytes");
  }

  /** Bytes allocated by MEASURED_CALLS calls after warm-up, less an empty measurement's bytes. */
  private static long allocatedPerRun(Runnable call) {
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      call.run();
    }
    long emptyBefore = THREADS.getCurrentThreadAllocatedBytes();
    long emptyAfter = THREADS.getCurrentThreadAllocatedBytes();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED_CALLS; i++) {
      call.run();
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return (after - before) - (emptyAfter - emptyBefore);
  }
}
