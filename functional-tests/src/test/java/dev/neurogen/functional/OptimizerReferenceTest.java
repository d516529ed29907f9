package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.LearningRateSchedule;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerSnapshot;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The optimizers and schedules against PyTorch's own {@code torch.optim} optimizers and {@code
 * lr_scheduler} schedulers in float64 ({@code src/test/resources/optim/make_optim_reference.py}
 * documents the cases, the file format and how to regenerate them). Each case trains a generated
 * network (unrolled 4-6-5-3 with batch 5, or 20-40-30-5 with two looped layers and batch 32) for
 * six steps through {@code trainStep(..., OptimizerState)}; every step's loss and learning rate,
 * every final parameter and every optimizer state buffer (through {@code snapshot()}, in the flat
 * layout) must agree with torch to 1e-9 relative. PyTorch decays every parameter, so the
 * optimizers here are built with {@code decayBiases(true)}.
 */
class OptimizerReferenceTest {
  private static final String DIRECTORY = "/optim/";
  private static final double TOLERANCE = 1e-9;

  @TestFactory
  Stream<DynamicTest> everyCaseAgreesWithPyTorch() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : readLines("index.txt")) {
      tests.add(DynamicTest.dynamicTest(name, () -> check(Case.load(name))));
    }
    assertTrue(tests.size() >= 30, "expected the full set of cases, found " + tests.size());
    return tests.stream();
  }

  private static void check(Case ref) throws ClassNotFoundException {
    NeuralNetwork network = GeneratedNetworks.instantiate(
        Class.forName("dev.neurogen.functional.nets.ReferenceNets$" + ref.network), 1L);
    network.setParameters(ref.parameters);
    OptimizerState state = ref.optimizer().newState();
    Worst worst = new Worst();
    for (int step = 0; step < ref.steps; step++) {
      worst.check("rate of step " + step, ref.rates[step], state.currentLearningRate());
      int b = step % ref.inputs.size();
      double loss = network instanceof Classifier c
          ? c.trainStep(ref.inputs.get(b).clone(), ref.labels.get(b).clone(), ref.batch, state)
          : ((TargetTrainable) network).trainStep(ref.inputs.get(b).clone(), ref.rows.get(b).clone(), ref.batch, state);
      worst.check("loss of step " + step, ref.losses[step], loss);
    }
    double[] parameters = new double[network.parameterCount()];
    network.getParameters(parameters);
    for (int k = 0; k < parameters.length; k++) {
      worst.check("parameter " + k, ref.finalParameters[k], parameters[k]);
    }
    OptimizerSnapshot snapshot = state.snapshot();
    assertEquals(ref.steps, snapshot.steps(), ref.name + " steps");
    assertEquals(List.copyOf(ref.state.keySet()), snapshot.bufferNames(), ref.name + " state buffers");
    for (Map.Entry<String, double[]> buffer : ref.state.entrySet()) {
      double[] mine = snapshot.buffer(buffer.getKey());
      for (int k = 0; k < mine.length; k++) {
        worst.check(buffer.getKey() + " " + k, buffer.getValue()[k], mine[k]);
      }
    }
    System.out.printf(Locale.ROOT, "Optimizer reference %-45s %5d values, max relative error %.2e (%s)%n",
        ref.name, worst.count, worst.error, worst.what);
    assertTrue(worst.error <= TOLERANCE, ref.name + ": " + worst.what + " off by " + worst.error + " relative");
  }

  /** The largest relative error seen. */
  private static final class Worst {
    double error;
    String what = "-";
    int count;

    void check(String name, double expected, double actual) {
      count++;
      double e = expected == actual ? 0 : Math.abs(expected - actual) / Math.max(Math.abs(expected), 1e-300);
      if (!(e <= error)) {
        error = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        what = name + ": torch " + expected + ", neurogen " + actual;
      }
    }
  }

  static List<String> readLines(String file) throws IOException {
    InputStream stream = OptimizerReferenceTest.class.getResourceAsStream(DIRECTORY + file);
    assertNotNull(stream, DIRECTORY + file + " is missing (run make_optim_reference.py)");
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.trim());
        }
      }
    }
    return lines;
  }

  /** One case file. */
  static final class Case {
    String name;
    String network;
    int batch;
    int steps;
    String optimizerKind;
    final Map<String, Double> optimizerArgs = new LinkedHashMap<>();
    String scheduleKind;
    final Map<String, Double> scheduleArgs = new LinkedHashMap<>();
    double[] parameters;
    final List<double[]> inputs = new ArrayList<>();
    final List<int[]> labels = new ArrayList<>();
    final List<double[]> rows = new ArrayList<>();
    double[] losses;
    double[] rates;
    double[] finalParameters;
    final Map<String, double[]> state = new LinkedHashMap<>();

    static Case load(String name) throws IOException {
      Iterator<String> it = String.join(" ", readLines(name + ".txt")).split("\\s+").length > 0
          ? List.of(String.join(" ", readLines(name + ".txt")).split("\\s+")).iterator() : null;
      Case c = new Case();
      while (it.hasNext()) {
        String key = it.next();
        switch (key) {
          case "case" -> c.name = it.next();
          case "network" -> c.network = it.next();
          case "layers" -> skip(it, Integer.parseInt(it.next()));
          case "targets" -> it.next();
          case "batch" -> c.batch = Integer.parseInt(it.next());
          case "steps" -> c.steps = Integer.parseInt(it.next());
          case "optimizer" -> {
            c.optimizerKind = it.next();
            pairs(it, c.optimizerArgs);
          }
          case "schedule" -> {
            c.scheduleKind = it.next();
            pairs(it, c.scheduleArgs);
          }
          case "parameters" -> c.parameters = doubles(it);
          case "batches" -> it.next();
          case "inputs" -> c.inputs.add(doubles(it));
          case "labels" -> {
            double[] values = doubles(it);
            int[] labels = new int[values.length];
            for (int k = 0; k < values.length; k++) {
              labels[k] = (int) values[k];
            }
            c.labels.add(labels);
          }
          case "target_rows" -> c.rows.add(doubles(it));
          case "losses" -> c.losses = doubles(it);
          case "rates" -> c.rates = doubles(it);
          case "final_parameters" -> c.finalParameters = doubles(it);
          case "state" -> {
            String buffer = it.next();
            c.state.put(buffer, doubles(it));
          }
          case "end" -> {
            return c;
          }
          default -> throw new IllegalStateException(name + ": unknown key " + key);
        }
      }
      throw new IllegalStateException(name + ": no end");
    }

    /** The optimizer of the case, torch's defaults for what the file does not set, biases decayed. */
    Optimizer optimizer() {
      double lr = optimizerArgs.get("lr");
      LearningRateSchedule schedule = switch (scheduleKind) {
        case "none" -> LearningRateSchedule.constant(lr);
        case "step" -> LearningRateSchedule.stepDecay(lr, scheduleArgs.get("step_size").longValue(),
            scheduleArgs.get("gamma"));
        case "exponential" -> LearningRateSchedule.exponential(lr, scheduleArgs.get("gamma"));
        case "cosine" -> LearningRateSchedule.cosine(lr, scheduleArgs.get("T_max").longValue(),
            scheduleArgs.get("eta_min"));
        default -> throw new IllegalStateException("schedule " + scheduleKind);
      };
      if (scheduleArgs.containsKey("warmup_steps")) {
        schedule = schedule.withWarmup(scheduleArgs.get("warmup_steps").longValue(), scheduleArgs.get("start_factor"));
      }
      Map<String, Double> a = optimizerArgs;
      return switch (optimizerKind) {
        case "sgd" -> Sgd.builder().learningRate(schedule)
            .momentum(a.getOrDefault("momentum", Sgd.DEFAULT_MOMENTUM))
            .dampening(a.getOrDefault("dampening", Sgd.DEFAULT_DAMPENING))
            .nesterov(a.getOrDefault("nesterov", 0.0) != 0)
            .weightDecay(a.getOrDefault("weight_decay", Sgd.DEFAULT_WEIGHT_DECAY))
            .decayBiases(true).build();
        case "adam" -> Adam.builder().learningRate(schedule)
            .beta1(a.getOrDefault("beta1", Adam.DEFAULT_BETA1)).beta2(a.getOrDefault("beta2", Adam.DEFAULT_BETA2))
            .epsilon(a.getOrDefault("eps", Adam.DEFAULT_EPSILON))
            .weightDecay(a.getOrDefault("weight_decay", Adam.DEFAULT_WEIGHT_DECAY))
            .decayBiases(true).build();
        case "adamw" -> AdamW.builder().learningRate(schedule)
            .beta1(a.getOrDefault("beta1", AdamW.DEFAULT_BETA1)).beta2(a.getOrDefault("beta2", AdamW.DEFAULT_BETA2))
            .epsilon(a.getOrDefault("eps", AdamW.DEFAULT_EPSILON))
            .weightDecay(a.getOrDefault("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY))
            .decayBiases(true).build();
        case "rmsprop" -> RmsProp.builder().learningRate(schedule)
            .alpha(a.getOrDefault("alpha", RmsProp.DEFAULT_ALPHA))
            .epsilon(a.getOrDefault("eps", RmsProp.DEFAULT_EPSILON))
            .weightDecay(a.getOrDefault("weight_decay", RmsProp.DEFAULT_WEIGHT_DECAY))
            .momentum(a.getOrDefault("momentum", RmsProp.DEFAULT_MOMENTUM))
            .centered(a.getOrDefault("centered", 0.0) != 0)
            .decayBiases(true).build();
        default -> throw new IllegalStateException("optimizer " + optimizerKind);
      };
    }

    private static void pairs(Iterator<String> it, Map<String, Double> into) {
      int n = Integer.parseInt(it.next());
      for (int k = 0; k < n; k++) {
        into.put(it.next(), Double.parseDouble(it.next()));
      }
    }

    private static void skip(Iterator<String> it, int n) {
      for (int k = 0; k < n; k++) {
        it.next();
      }
    }

    private static double[] doubles(Iterator<String> it) {
      double[] values = new double[Integer.parseInt(it.next())];
      for (int k = 0; k < values.length; k++) {
        values[k] = Double.parseDouble(it.next());
      }
      return values;
    }
  }
}
