package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.functional.GeneratedNetworks.Subject;
import dev.neurogen.functional.nets.GradientNets;
import dev.neurogen.functional.nets.GradientNets_LoopedSigmoidCeImpl;
import dev.neurogen.functional.nets.GradientNets_MixedLoopedAndUnrolledHingeImpl;
import dev.neurogen.functional.nets.GradientNets_MixedLoopedCeImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.TutorialNets;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code predict(inputs, outputs, batchSize)} and {@code classify(inputs, labels, batchSize)} on
 * the batch kernels: the same numbers as the single-sample methods row by row (bit for bit: the
 * portable block kernels add the same products in the same order), for batches below, at and
 * across the block size, on every network shape; nothing allocated; wrong calls named.
 */
class BatchPredictionTest {
  /** 1, a few, one block (32) and partial blocks on both sides of it. */
  private static final int[] BATCH_SIZES = {1, 3, 31, 32, 33, 70};

  @TestFactory
  Stream<DynamicTest> batchPredictionIsRowByRowPrediction() {
    List<Subject> subjects = new ArrayList<>(GeneratedNetworks.nestedIn(GradientNets.class, 11L));
    subjects.addAll(GeneratedNetworks.nestedIn(TutorialNets.class, 11L));
    subjects.add(new Subject("Digits", new MediumNets_DigitsImpl(11L)));
    List<DynamicTest> tests = new ArrayList<>();
    for (Subject subject : subjects) {
      tests.add(DynamicTest.dynamicTest(subject.name(), () -> {
        for (int batch : BATCH_SIZES) {
          assertBatchIsRowByRow(subject.network(), batch);
        }
      }));
    }
    return tests.stream();
  }

  private static void assertBatchIsRowByRow(NeuralNetwork network, int batch) {
    String name = network.getClass().getSimpleName() + " batch " + batch;
    int in = network.inputSize();
    int out = network.outputSize();
    Batches data = new Batches(network, batch, 300L + batch);
    // one spare row on each array: the batch methods must touch only batchSize rows
    double[] inputs = Arrays.copyOf(data.inputs, (batch + 1) * in);
    double[] outputs = new double[(batch + 1) * out];
    Arrays.fill(outputs, -7.0);
    network.predict(inputs, outputs, batch);
    double[] expected = new double[outputs.length];
    Arrays.fill(expected, -7.0);
    double[] input = new double[in];
    double[] output = new double[out];
    for (int s = 0; s < batch; s++) {
      System.arraycopy(inputs, s * in, input, 0, in);
      network.predict(input, output);
      System.arraycopy(output, 0, expected, s * out, out);
    }
    assertArrayEquals(expected, outputs, name + ": predict");
    if (network instanceof Classifier classifier) {
      int[] labels = new int[batch + 1];
      labels[batch] = -3;
      classifier.classify(inputs, labels, batch);
      int[] expectedLabels = new int[batch + 1];
      expectedLabels[batch] = -3;
      for (int s = 0; s < batch; s++) {
        System.arraycopy(inputs, s * in, input, 0, in);
        expectedLabels[s] = classifier.classify(input);
      }
      assertArrayEquals(expectedLabels, labels, name + ": classify");
    }
  }

  @Test
  void batchPredictionAllocatesNothing() {
    assertNoAllocation(new TutorialNets_Tutorial1Impl(1L), 5); // unrolled: block of one
    assertNoAllocation(new MediumNets_DigitsImpl(1L), 40); // looped: a block and a tail
    assertNoAllocation(new GradientNets_LoopedSigmoidCeImpl(1L), 7);
    assertNoAllocation(new GradientNets_MixedLoopedCeImpl(1L), 33);
    assertNoAllocation(new GradientNets_MixedLoopedAndUnrolledHingeImpl(1L), 33);
  }

  private static void assertNoAllocation(NeuralNetwork network, int batch) {
    Batches data = new Batches(network, batch, 5L);
    double[] outputs = new double[batch * network.outputSize()];
    String name = network.getClass().getSimpleName();
    assertEquals(0, AllocationMeter.bytesAllocated(() -> network.predict(data.inputs, outputs, batch)),
        name + ".predict(inputs, outputs, batchSize) allocated bytes");
    if (network instanceof Classifier classifier) {
      int[] labels = new int[batch];
      assertEquals(0, AllocationMeter.bytesAllocated(() -> classifier.classify(data.inputs, labels, batch)),
          name + ".classify(inputs, labels, batchSize) allocated bytes");
    }
  }

  @Test
  void wrongCallsNameTheArgument() {
    MediumNets_DigitsImpl net = new MediumNets_DigitsImpl(1L);
    double[] inputs = new double[3 * 64];
    double[] outputs = new double[3 * 10];
    int[] labels = new int[3];
    assertMessage(() -> net.predict(inputs, outputs, 0), "batchSize must be at least 1");
    assertMessage(() -> net.predict(inputs, outputs, 4), "inputs has length 192 but needs at least 256 (batchSize x 64)");
    assertMessage(() -> net.predict(inputs, new double[29], 3), "outputs has length 29 but needs at least 30 (batchSize x 10)");
    assertMessage(() -> net.classify(inputs, labels, -1), "batchSize must be at least 1");
    assertMessage(() -> net.classify(inputs, new int[2], 3), "labels has length 2 but needs at least 3 (batchSize)");
    assertMessage(() -> net.classify(new double[191], labels, 3), "inputs has length 191");
    NullPointerException nullInputs = assertThrows(NullPointerException.class, () -> net.predict(null, outputs, 3));
    assertEquals("inputs must not be null", nullInputs.getMessage());
    NullPointerException nullLabels = assertThrows(NullPointerException.class, () -> net.classify(inputs, null, 3));
    assertEquals("labels must not be null", nullLabels.getMessage());
  }

  private static void assertMessage(Runnable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(part), () -> "expected '" + part + "' in: " + e.getMessage());
  }
}
