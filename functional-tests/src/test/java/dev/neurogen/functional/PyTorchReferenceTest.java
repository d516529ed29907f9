package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.ParameterLayout;
import dev.neurogen.TargetTrainable;
import dev.neurogen.functional.nets.ReferenceNets_DeepReluMseImpl;
import dev.neurogen.functional.nets.ReferenceNets_DeepTanhCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_IdentityMseSigmoidImpl;
import dev.neurogen.functional.nets.ReferenceNets_IdentityMseTanhImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeLeakyReluHingeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeLogitsCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeReluBceImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeSigmoidCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LargeTanhMseImpl;
import dev.neurogen.functional.nets.ReferenceNets_LeakyReluCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_MixedCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_MixedLargeMseImpl;
import dev.neurogen.functional.nets.ReferenceNets_LeakyReluHingeImpl;
import dev.neurogen.functional.nets.ReferenceNets_LeakyReluMseIdentityImpl;
import dev.neurogen.functional.nets.ReferenceNets_NoHiddenCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_NoHiddenMseTanhImpl;
import dev.neurogen.functional.nets.ReferenceNets_ReluBceImpl;
import dev.neurogen.functional.nets.ReferenceNets_ReluHingeImpl;
import dev.neurogen.functional.nets.ReferenceNets_SigmoidBceImpl;
import dev.neurogen.functional.nets.ReferenceNets_SigmoidMseLeakyReluImpl;
import dev.neurogen.functional.nets.ReferenceNets_TanhCeImpl;
import dev.neurogen.functional.nets.ReferenceNets_TanhMseReluImpl;
import dev.neurogen.functional.nets.ReferenceNets_Tutorial1Impl;
import dev.neurogen.functional.nets.ReferenceNets_Tutorial3Impl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated networks against reference vectors computed independently by PyTorch in float64
 * ({@code src/test/resources/reference/make_reference.py}, which documents the file format and how
 * to regenerate them). For every case: the forward outputs of every sample (one at a time and as
 * one batch), {@code classify},
 * {@code loss}, and {@code lossAndGradient} (mean loss, every parameter gradient, every input
 * gradient) must agree with torch to 1e-9 relative.
 */
class PyTorchReferenceTest {
  /**
   * Relative tolerance. Both sides are IEEE doubles evaluating the same formulas, so they differ
   * only by summation order and last-bit differences of exp/log/tanh: errors are ~1e-15, and 1e-9
   * still catches any wrong term.
   */
  private static final double RELATIVE = 1e-9;

  /**
   * Absolute floor added to the relative bound, for entries that are exactly zero on one side
   * (dead ReLU units, zero hinge margins) or vanishingly small (softmax probabilities near 1e-44 in
   * the large-logit cases), where a relative error is meaningless.
   */
  private static final double ABSOLUTE_FLOOR = 1e-12;

  private static final String DIRECTORY = "/reference/";

  /** Network name in the reference files to the generated class; seeds are irrelevant (overwritten). */
  private static final Map<String, LongFunction<NeuralNetwork>> NETWORKS = Map.ofEntries(
      Map.entry("Tutorial3", ReferenceNets_Tutorial3Impl::new),
      Map.entry("Tutorial1", ReferenceNets_Tutorial1Impl::new),
      Map.entry("TanhCe", ReferenceNets_TanhCeImpl::new),
      Map.entry("LeakyReluCe", ReferenceNets_LeakyReluCeImpl::new),
      Map.entry("ReluBce", ReferenceNets_ReluBceImpl::new),
      Map.entry("SigmoidBce", ReferenceNets_SigmoidBceImpl::new),
      Map.entry("LeakyReluMseIdentity", ReferenceNets_LeakyReluMseIdentityImpl::new),
      Map.entry("IdentityMseSigmoid", ReferenceNets_IdentityMseSigmoidImpl::new),
      Map.entry("IdentityMseTanh", ReferenceNets_IdentityMseTanhImpl::new),
      Map.entry("TanhMseRelu", ReferenceNets_TanhMseReluImpl::new),
      Map.entry("SigmoidMseLeakyRelu", ReferenceNets_SigmoidMseLeakyReluImpl::new),
      Map.entry("ReluHinge", ReferenceNets_ReluHingeImpl::new),
      Map.entry("LeakyReluHinge", ReferenceNets_LeakyReluHingeImpl::new),
      Map.entry("NoHiddenCe", ReferenceNets_NoHiddenCeImpl::new),
      Map.entry("NoHiddenMseTanh", ReferenceNets_NoHiddenMseTanhImpl::new),
      Map.entry("DeepTanhCe", ReferenceNets_DeepTanhCeImpl::new),
      Map.entry("DeepReluMse", ReferenceNets_DeepReluMseImpl::new),
      Map.entry("LargeTanhMse", ReferenceNets_LargeTanhMseImpl::new),
      Map.entry("LargeSigmoidCe", ReferenceNets_LargeSigmoidCeImpl::new),
      Map.entry("LargeLeakyReluHinge", ReferenceNets_LargeLeakyReluHingeImpl::new),
      Map.entry("LargeReluBce", ReferenceNets_LargeReluBceImpl::new),
      Map.entry("LargeLogitsCe", ReferenceNets_LargeLogitsCeImpl::new),
      Map.entry("MixedCe", ReferenceNets_MixedCeImpl::new),
      Map.entry("MixedLargeMse", ReferenceNets_MixedLargeMseImpl::new));

  @TestFactory
  Stream<DynamicTest> generatedNetworksMatchPyTorch() throws IOException {
    List<String> names = readLines("index.txt");
    // An empty or lost index would otherwise make this test pass vacuously.
    assertTrue(names.size() >= 20, "reference index lists only " + names);
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(ReferenceCase.load(name))));
  }

  @TestFactory
  Stream<DynamicTest> everyReferenceNetworkIsUsed() throws IOException {
    List<String> networks = new ArrayList<>();
    for (String name : readLines("index.txt")) {
      networks.add(ReferenceCase.load(name).network);
    }
    return NETWORKS.keySet().stream().sorted().map(network -> DynamicTest.dynamicTest(network,
        () -> assertTrue(networks.contains(network), network + " has no reference case")));
  }

  private static void check(ReferenceCase ref) {
    LongFunction<NeuralNetwork> factory = NETWORKS.get(ref.network);
    assertNotNull(factory, ref.name + ": no generated network registered for " + ref.network);
    NeuralNetwork network = factory.apply(7L);
    assertArrayEquals(ref.layers, network.layerSizes(), ref.name + ": layer sizes");
    ParameterLayout layout = ParameterLayout.of(ref.layers);
    int n0 = ref.layers[0];
    int outputs = ref.layers[ref.layers.length - 1];
    int batch = ref.batch;
    assertEquals(layout.parameterCount(), network.parameterCount(), ref.name + ": parameter count");
    assertEquals(layout.parameterCount(), ref.parameters.length, ref.name + ": reference parameters");

    network.setParameters(ref.parameters.clone());
    double[] roundTrip = new double[network.parameterCount()];
    network.getParameters(roundTrip);
    assertArrayEquals(ref.parameters, roundTrip, ref.name + ": getParameters after setParameters");

    Comparison cmp = new Comparison(ref.name);

    // Forward outputs z_L and classify, one sample at a time.
    double[] input = new double[n0];
    double[] output = new double[outputs];
    for (int s = 0; s < batch; s++) {
      System.arraycopy(ref.inputs, s * n0, input, 0, n0);
      Arrays.fill(output, Double.NaN);
      network.predict(input, output);
      for (int k = 0; k < outputs; k++) {
        int index = s * outputs + k;
        cmp.compare(() -> "output z_L of sample " + index / outputs + " unit " + index % outputs,
            ref.outputs[index], output[k]);
      }
      if (network instanceof Classifier classifier) {
        int expected = argmax(ref.outputs, s * outputs, outputs);
        cmp.require(classifier.classify(input) == expected, "classify(sample " + s + ") != " + expected);
      }
    }

    // The whole batch in one call (the block kernels), also against torch.
    double[] batchOutputs = filledWithNaN(batch * outputs);
    network.predict(ref.inputs.clone(), batchOutputs, batch);
    for (int index = 0; index < batch * outputs; index++) {
      int i = index;
      cmp.compare(() -> "batch predict z_L of sample " + i / outputs + " unit " + i % outputs,
          ref.outputs[index], batchOutputs[index]);
    }
    if (network instanceof Classifier classifier) {
      int[] labels = new int[batch];
      classifier.classify(ref.inputs.clone(), labels, batch);
      for (int s = 0; s < batch; s++) {
        int expected = argmax(ref.outputs, s * outputs, outputs);
        cmp.require(labels[s] == expected, "batch classify: sample " + s + " != " + expected);
      }
    }

    // Loss alone, then loss with the gradients. The arrays start as NaN so that entries the
    // network forgets to write (or accumulates into) cannot pass.
    double[] gradient = filledWithNaN(network.parameterCount());
    double[] inputGradient = filledWithNaN(batch * n0);
    double[] gradientOnly = filledWithNaN(network.parameterCount());
    double loss;
    double lossWithGradient;
    double lossWithoutInputGradient;
    if (ref.labels != null) {
      Classifier classifier = assertInstanceOf(Classifier.class, network, ref.name);
      loss = classifier.loss(ref.inputs.clone(), ref.labels.clone(), batch);
      lossWithGradient =
          classifier.lossAndGradient(ref.inputs.clone(), ref.labels.clone(), batch, gradient, inputGradient);
      lossWithoutInputGradient =
          classifier.lossAndGradient(ref.inputs.clone(), ref.labels.clone(), batch, gradientOnly);
    } else {
      TargetTrainable trainable = assertInstanceOf(TargetTrainable.class, network, ref.name);
      loss = trainable.loss(ref.inputs.clone(), ref.targetRows.clone(), batch);
      lossWithGradient =
          trainable.lossAndGradient(ref.inputs.clone(), ref.targetRows.clone(), batch, gradient, inputGradient);
      lossWithoutInputGradient =
          trainable.lossAndGradient(ref.inputs.clone(), ref.targetRows.clone(), batch, gradientOnly);
    }
    cmp.compare(() -> "loss()", ref.meanLoss, loss);
    cmp.compare(() -> "lossAndGradient(.., inputGradient) loss", ref.meanLoss, lossWithGradient);
    cmp.compare(() -> "lossAndGradient(..) loss", ref.meanLoss, lossWithoutInputGradient);
    for (int i = 0; i < gradient.length; i++) {
      int index = i;
      cmp.compare(() -> "gradient " + layout.describe(index), ref.gradient[i], gradient[i]);
      cmp.compare(() -> "gradient (no input gradient) " + layout.describe(index), ref.gradient[i], gradientOnly[i]);
    }
    for (int i = 0; i < inputGradient.length; i++) {
      int index = i;
      cmp.compare(() -> "input gradient of sample " + index / n0 + " input " + index % n0,
          ref.inputGradient[i], inputGradient[i]);
    }

    System.out.printf("PyTorch reference %-32s %5d values, max relative error %.3g (worst: %s)%n",
        ref.name, cmp.compared, cmp.maxRelative, cmp.worst);
    cmp.assertNoMismatch();
  }

  /** Compares values with the tolerance and keeps the first mismatches for the failure message. */
  private static final class Comparison {
    private static final int REPORTED = 12;
    private final String caseName;
    private final List<String> mismatches = new ArrayList<>();
    private int mismatchCount;
    private int compared;
    private double maxRelative;
    private String worst = "none";

    Comparison(String caseName) {
      this.caseName = caseName;
    }

    void compare(Supplier<String> what, double expected, double actual) {
      compared++;
      double scale = Math.max(Math.abs(expected), Math.abs(actual));
      double difference = Math.abs(expected - actual);
      // |a - b| <= 1e-9 * max(|a|, |b|) + 1e-12; NaN (an unwritten entry) fails the comparison.
      boolean ok = difference <= RELATIVE * scale + ABSOLUTE_FLOOR;
      double relative = scale == 0 ? 0 : difference / scale;
      if (!ok || Double.isNaN(relative)) {
        mismatch(what.get() + ": torch " + expected + ", generated " + actual + ", relative error " + relative);
        return;
      }
      if (relative > maxRelative) {
        maxRelative = relative;
        worst = what.get() + " (torch " + expected + ", generated " + actual + ")";
      }
    }

    void require(boolean condition, String message) {
      compared++;
      if (!condition) {
        mismatch(message);
      }
    }

    private void mismatch(String message) {
      mismatchCount++;
      if (mismatches.size() < REPORTED) {
        mismatches.add(message);
      }
    }

    void assertNoMismatch() {
      if (mismatchCount > 0) {
        fail(caseName + ": " + mismatchCount + " of " + compared + " values differ from PyTorch beyond "
            + RELATIVE + " relative (+" + ABSOLUTE_FLOOR + " absolute); first ones:\n  "
            + String.join("\n  ", mismatches));
      }
    }
  }

  private static int argmax(double[] values, int from, int length) {
    int best = 0;
    for (int k = 1; k < length; k++) {
      if (values[from + k] > values[from + best]) {
        best = k;
      }
    }
    return best;
  }

  private static double[] filledWithNaN(int length) {
    double[] array = new double[length];
    Arrays.fill(array, Double.NaN);
    return array;
  }

  /** Non-comment lines of a resource in the reference directory. */
  private static List<String> readLines(String file) throws IOException {
    InputStream stream = PyTorchReferenceTest.class.getResourceAsStream(DIRECTORY + file);
    assertNotNull(stream, "missing test resource " + DIRECTORY + file);
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          lines.add(trimmed);
        }
      }
    }
    return lines;
  }

  /** One reference file; see make_reference.py for the format. */
  private static final class ReferenceCase {
    String name;
    String network;
    int[] layers;
    int batch;
    double[] parameters;
    double[] inputs;
    int[] labels;
    double[] targetRows;
    double meanLoss;
    double[] gradient;
    double[] inputGradient;
    double[] outputs;

    static ReferenceCase load(String caseName) throws IOException {
      List<String> tokens = new ArrayList<>();
      for (String line : readLines(caseName + ".txt")) {
        tokens.addAll(Arrays.asList(line.split("\\s+")));
      }
      ReferenceCase ref = new ReferenceCase();
      Iterator<String> it = tokens.iterator();
      boolean ended = false;
      while (it.hasNext() && !ended) {
        String key = it.next();
        switch (key) {
          case "case" -> ref.name = it.next();
          case "network" -> ref.network = it.next();
          case "layers" -> ref.layers = ints(it, Integer.parseInt(it.next()));
          case "hidden", "output", "loss", "targets" -> it.next(); // descriptive; the network fixes them
          case "batch" -> ref.batch = Integer.parseInt(it.next());
          case "parameters" -> ref.parameters = doubles(it);
          case "inputs" -> ref.inputs = doubles(it);
          case "labels" -> ref.labels = ints(it, Integer.parseInt(it.next()));
          case "target_rows" -> ref.targetRows = doubles(it);
          case "mean_loss" -> ref.meanLoss = doubles(it)[0];
          case "gradient" -> ref.gradient = doubles(it);
          case "input_gradient" -> ref.inputGradient = doubles(it);
          case "outputs" -> ref.outputs = doubles(it);
          case "end" -> ended = true;
          default -> throw new IllegalStateException(caseName + ": unknown key " + key);
        }
      }
      assertTrue(ended, caseName + ": truncated file");
      assertEquals(caseName, ref.name, "case name inside " + caseName + ".txt");
      assertNotNull(ref.layers, caseName + ": layers");
      int n0 = ref.layers[0];
      int outputs = ref.layers[ref.layers.length - 1];
      assertEquals(ref.batch * n0, ref.inputs.length, caseName + ": inputs");
      assertEquals(ref.batch * n0, ref.inputGradient.length, caseName + ": input gradient");
      assertEquals(ref.batch * outputs, ref.outputs.length, caseName + ": outputs");
      assertEquals(ref.parameters.length, ref.gradient.length, caseName + ": gradient");
      assertFalse((ref.labels == null) == (ref.targetRows == null), caseName + ": needs labels or target rows");
      if (ref.labels != null) {
        assertEquals(ref.batch, ref.labels.length, caseName + ": labels");
      } else {
        assertEquals(ref.batch * outputs, ref.targetRows.length, caseName + ": target rows");
      }
      return ref;
    }

    private static double[] doubles(Iterator<String> it) {
      double[] values = new double[Integer.parseInt(it.next())];
      for (int i = 0; i < values.length; i++) {
        values[i] = Double.parseDouble(it.next());
      }
      return values;
    }

    private static int[] ints(Iterator<String> it, int count) {
      int[] values = new int[count];
      for (int i = 0; i < count; i++) {
        values[i] = Integer.parseInt(it.next());
      }
      return values;
    }
  }
}
