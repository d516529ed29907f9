package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.ArgumentChecks;
import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.nets.GradientNets_LoopedLeakyHingeImpl;
import dev.neurogen.functional.nets.GradientNets_LoopedReluMseImpl;
import dev.neurogen.functional.nets.GradientNets_LoopedSigmoidCeImpl;
import dev.neurogen.functional.nets.GradientNets_LoopedTanhBceImpl;
import dev.neurogen.functional.nets.GradientNets_SigmoidBceSigmoidImpl;
import dev.neurogen.functional.nets.GradientNets_SigmoidHingeIdentityImpl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial1Impl;
import dev.neurogen.functional.nets.TutorialNets_Tutorial3Impl;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No bad number gets into a model: every entry point that reads inputs or targets rejects a NaN or
 * an infinity before any arithmetic, naming the argument, the sample and the feature, and leaves
 * the parameters bit for bit as they were. One case per (network, entry point, bad value).
 */
class BadNumbersTest {
  private static final int BATCH = 4;
  private static final int BAD_SAMPLE = 2;
  private static final double[] BAD_VALUES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  /** Unrolled and looped networks of every loss. */
  private static final List<Supplier<NeuralNetwork>> NETWORKS = List.of(
      () -> new TutorialNets_Tutorial1Impl(1L), () -> new TutorialNets_Tutorial3Impl(1L),
      () -> new GradientNets_SigmoidBceSigmoidImpl(1L), () -> new GradientNets_SigmoidHingeIdentityImpl(1L),
      () -> new GradientNets_LoopedSigmoidCeImpl(1L), () -> new GradientNets_LoopedTanhBceImpl(1L),
      () -> new GradientNets_LoopedReluMseImpl(1L), () -> new GradientNets_LoopedLeakyHingeImpl(1L));

  /** The calls that read inputs (and targets), given the inputs, targets rows and labels to pass. */
  enum Call {
    PREDICT, CLASSIFY, LOSS_LABELS, LOSS_ROWS, GRADIENT_LABELS, GRADIENT_ROWS, GRADIENT4_LABELS, GRADIENT4_ROWS,
    TRAIN_LABELS, TRAIN_ROWS;

    boolean appliesTo(NeuralNetwork net) {
      boolean rows = name().endsWith("ROWS");
      boolean labels = name().endsWith("LABELS") || this == CLASSIFY;
      return (!rows || net instanceof TargetTrainable) && (!labels || net instanceof Classifier);
    }

    boolean singleRow() {
      return this == PREDICT || this == CLASSIFY;
    }

    void run(NeuralNetwork net, double[] inputs, double[] rows, int[] labels) {
      double[] gradient = new double[net.parameterCount()];
      double[] inputGradient = new double[inputs.length];
      switch (this) {
        case PREDICT -> net.predict(inputs, new double[net.outputSize()]);
        case CLASSIFY -> ((Classifier) net).classify(inputs);
        case LOSS_LABELS -> ((Classifier) net).loss(inputs, labels, BATCH);
        case LOSS_ROWS -> ((TargetTrainable) net).loss(inputs, rows, BATCH);
        case GRADIENT_LABELS -> ((Classifier) net).lossAndGradient(inputs, labels, BATCH, gradient, inputGradient);
        case GRADIENT_ROWS -> ((TargetTrainable) net).lossAndGradient(inputs, rows, BATCH, gradient, inputGradient);
        case GRADIENT4_LABELS -> ((Classifier) net).lossAndGradient(inputs, labels, BATCH, gradient);
        case GRADIENT4_ROWS -> ((TargetTrainable) net).lossAndGradient(inputs, rows, BATCH, gradient);
        case TRAIN_LABELS -> ((Classifier) net).trainStep(inputs, labels, BATCH, 0.1);
        case TRAIN_ROWS -> ((TargetTrainable) net).trainStep(inputs, rows, BATCH, 0.1);
        default -> throw new AssertionError(this);
      }
    }
  }

  static Stream<Arguments> badInputs() {
    List<Arguments> cases = new ArrayList<>();
    for (int n = 0; n < NETWORKS.size(); n++) {
      NeuralNetwork net = NETWORKS.get(n).get();
      for (Call call : Call.values()) {
        if (call.appliesTo(net)) {
          for (double bad : BAD_VALUES) {
            cases.add(Arguments.of(net.getClass().getSimpleName(), n, call, bad));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {2} {3}")
  @MethodSource("badInputs")
  void nonFiniteInputIsRejectedBeforeAnyArithmetic(String name, int network, Call call, double bad) {
    NeuralNetwork net = NETWORKS.get(network).get();
    Batch batch = new Batch(net, 11L);
    int sample = call.singleRow() ? 0 : BAD_SAMPLE;
    int feature = net.inputSize() - 1;
    int index = sample * net.inputSize() + feature;
    double[] inputs = call.singleRow() ? new double[net.inputSize()] : batch.inputs;
    inputs[index] = bad;
    String argument = call.singleRow() ? "input" : "inputs";
    assertRejectedUnchanged(net, argument + "[" + index + "] = " + bad + " (sample " + sample + ", feature "
        + feature + ") is not finite", () -> call.run(net, inputs, batch.rows, batch.labels));
  }

  static Stream<Arguments> badTargets() {
    List<Arguments> cases = new ArrayList<>();
    for (int n = 0; n < NETWORKS.size(); n++) {
      NeuralNetwork net = NETWORKS.get(n).get();
      if (net instanceof TargetTrainable) {
        for (Call call : List.of(Call.LOSS_ROWS, Call.GRADIENT_ROWS, Call.GRADIENT4_ROWS, Call.TRAIN_ROWS)) {
          for (double bad : BAD_VALUES) {
            cases.add(Arguments.of(net.getClass().getSimpleName(), n, call, bad));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {2} {3}")
  @MethodSource("badTargets")
  void nonFiniteTargetIsRejectedBeforeAnyArithmetic(String name, int network, Call call, double bad) {
    NeuralNetwork net = NETWORKS.get(network).get();
    Batch batch = new Batch(net, 12L);
    int output = net.outputSize() - 1;
    int index = BAD_SAMPLE * net.outputSize() + output;
    batch.rows[index] = bad;
    assertRejectedUnchanged(net, "targets[" + index + "] = " + bad + " is not",
        () -> call.run(net, batch.inputs, batch.rows, batch.labels));
    assertRejectedUnchanged(net, "(sample " + BAD_SAMPLE + ", output " + output + ")",
        () -> call.run(net, batch.inputs, batch.rows, batch.labels));
  }

  @ParameterizedTest(name = "soft labels summing to {0}")
  @MethodSource("badSums")
  void softLabelRowsMustSumToOne(double sum) {
    TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(1L);
    Batch batch = new Batch(net, 13L);
    for (int k = 0; k < net.outputSize(); k++) {
      batch.rows[BAD_SAMPLE * net.outputSize() + k] = sum / net.outputSize();
    }
    for (Call call : List.of(Call.LOSS_ROWS, Call.GRADIENT_ROWS, Call.GRADIENT4_ROWS, Call.TRAIN_ROWS)) {
      assertRejectedUnchanged(net, "targets row of sample " + BAD_SAMPLE + " (targets[6] to targets[8]) sums to",
          () -> call.run(net, batch.inputs, batch.rows, batch.labels));
    }
  }

  static Stream<Double> badSums() {
    return Stream.of(0.0, 5.0, 1 + 2 * ArgumentChecks.SOFT_LABEL_TOLERANCE, 1 - 2 * ArgumentChecks.SOFT_LABEL_TOLERANCE);
  }

  @Test
  void softLabelRowsWithinTheToleranceAreAccepted() {
    TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(1L);
    Batch batch = new Batch(net, 14L);
    batch.rows[0] += ArgumentChecks.SOFT_LABEL_TOLERANCE / 2;
    assertTrue(Double.isFinite(net.loss(batch.inputs, batch.rows, BATCH)));
  }

  @Test
  void singleRowsAndParameterArraysMustHaveExactlyTheNetworksSize() {
    TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(1L);
    assertRejectedUnchanged(net, "input has length 4 but must have exactly 3",
        () -> net.predict(new double[4], new double[3]));
    assertRejectedUnchanged(net, "output has length 4 but must have exactly 3",
        () -> net.predict(new double[3], new double[4]));
    assertRejectedUnchanged(net, "input has length 30 but must have exactly 3",
        () -> net.classify(new double[30]));
    assertRejectedUnchanged(net, "source has length 52 but must have exactly 51",
        () -> net.setParameters(new double[52]));
    assertRejectedUnchanged(net, "destination has length 52 but must have exactly 51",
        () -> net.getParameters(new double[52]));
    assertRejectedUnchanged(net, "gradient has length 52 but must have exactly 51",
        () -> net.lossAndGradient(new double[3], new int[] {0}, 1, new double[52]));
  }

  /** A buffer sized for a full batch is reused for the short last batch: only batchSize rows count. */
  @Test
  void batchArraysMayBeLongerThanTheBatch() {
    TutorialNets_Tutorial1Impl net = new TutorialNets_Tutorial1Impl(1L);
    TutorialNets_Tutorial1Impl twin = new TutorialNets_Tutorial1Impl(1L);
    Batch batch = new Batch(net, 15L);
    double[] inputs = batch.inputs.clone();
    double[] rows = batch.rows.clone();
    int[] labels = batch.labels.clone();
    // rows beyond the batch hold garbage, even non-finite values, and are not read
    int shortBatch = BATCH - 1;
    inputs[shortBatch * net.inputSize()] = Double.NaN;
    rows[shortBatch * net.outputSize()] = Double.NaN;
    labels[shortBatch] = -1;
    double[] exactInputs = java.util.Arrays.copyOf(batch.inputs, shortBatch * net.inputSize());
    double[] exactRows = java.util.Arrays.copyOf(batch.rows, shortBatch * net.outputSize());
    int[] exactLabels = java.util.Arrays.copyOf(batch.labels, shortBatch);
    assertEquals(twin.trainStep(exactInputs, exactLabels, shortBatch, 0.1), net.trainStep(inputs, labels, shortBatch, 0.1));
    assertEquals(twin.trainStep(exactInputs, exactRows, shortBatch, 0.1), net.trainStep(inputs, rows, shortBatch, 0.1));
    assertArrayEquals(parameters(twin), parameters(net));
  }

  // ------------------------------------------------------------------ helpers

  /** A valid random batch for the network: inputs, target rows valid for its loss, labels. */
  private static final class Batch {
    final double[] inputs;
    final double[] rows;
    final int[] labels;

    Batch(NeuralNetwork net, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      inputs = new double[BATCH * net.inputSize()];
      for (int k = 0; k < inputs.length; k++) {
        inputs[k] = random.nextDouble(-1, 1);
      }
      int outputs = net.outputSize();
      rows = new double[BATCH * outputs];
      labels = new int[BATCH];
      for (int s = 0; s < BATCH; s++) {
        labels[s] = random.nextInt(outputs);
        for (int k = 0; k < outputs; k++) {
          rows[s * outputs + k] = k == labels[s] ? 1.0 : 0.0; // one-hot: a valid target of every loss
        }
      }
    }
  }

  private static void assertRejectedUnchanged(NeuralNetwork net, String expected, Executable call) {
    long[] before = parameterBits(net);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage() + "\nexpected: " + expected);
    assertArrayEquals(before, parameterBits(net), "parameters changed by a rejected call");
  }

  private static double[] parameters(NeuralNetwork net) {
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    return parameters;
  }

  private static long[] parameterBits(NeuralNetwork net) {
    return java.util.Arrays.stream(parameters(net)).mapToLong(Double::doubleToRawLongBits).toArray();
  }
}
