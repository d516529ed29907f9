package dev.neurogen.benchmarks;

import dev.neurogen.optim.Adam;
import dev.neurogen.optim.AdamW;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.ParameterStorage;
import dev.neurogen.optim.RmsProp;
import dev.neurogen.optim.Sgd;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 6's optimizer figures on workload W3 ({@link MnistNet}, 784-128-64-10, batch 32): one op of
 * {@code step} is one training step (forward, backward, update) with the optimizer named by
 * {@code optimizer}; {@code plain} is the plain-SGD {@code trainStep(..., learningRate)}, the
 * others go through {@code trainStep(..., OptimizerState)}. The target is Adam at most 1.25x the
 * time of SGD, and 0 B/op ({@code -prof gc}) for every optimizer. {@code update} times the
 * update alone ({@code OptimizerState.step} over arrays of the network's 109,386 parameters, held
 * like the generated class holds them), to show what the optimizer itself costs.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar OptimizerBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class OptimizerBenchmark {
  private static final int[] SIZES = {784, 128, 64, 10};
  private static final int BATCH = 32;

  @Param({"plain", "sgd", "sgdMomentum", "sgdNesterov", "adam", "adamw", "rmsprop", "rmspropCenteredMomentum"})
  public String optimizer;

  private MnistNetImpl network;
  private SamplePool pool;
  private OptimizerState state;
  private OptimizerState updateState;
  private double[][] parameters;
  private double[][] gradients;
  private ParameterStorage storage;
  private double[] sentinels;

  @Setup(Level.Trial)
  public void setUp() {
    network = new MnistNetImpl(SamplePool.WEIGHT_SEED);
    pool = new SamplePool(SIZES[0], SIZES[SIZES.length - 1], BATCH, SamplePool.DATA_SEED);
    state = newState();
    updateState = newState();
    // the generated class's storage: layers 1 and 2 looped (columns), layer 3 unrolled
    storage = ParameterStorage.of(SIZES, new boolean[] {true, true, false});
    parameters = storage.newSegments();
    gradients = storage.newSegments();
    sentinels = new double[storage.maxSegmentLength()];
    for (double[] p : parameters) {
      java.util.Arrays.fill(p, 0.01);
    }
  }

  private OptimizerState newState() {
    double rate = SamplePool.LEARNING_RATE;
    switch (optimizer) {
      case "plain":
        return null;
      case "sgd":
        return Sgd.of(rate).newState();
      case "sgdMomentum":
        return Sgd.builder().learningRate(rate).momentum(0.9).build().newState();
      case "sgdNesterov":
        return Sgd.builder().learningRate(rate).momentum(0.9).nesterov(true).weightDecay(1e-4).build().newState();
      case "adam":
        return Adam.of(rate).newState();
      case "adamw":
        return AdamW.of(rate).newState();
      case "rmsprop":
        return RmsProp.of(rate).newState();
      case "rmspropCenteredMomentum":
        return RmsProp.builder().learningRate(rate).centered(true).momentum(0.5).build().newState();
      default:
        throw new IllegalArgumentException("optimizer " + optimizer);
    }
  }

  @TearDown(Level.Trial)
  public void checkFinite() {
    double[] values = new double[network.parameterCount()];
    network.getParameters(values);
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalStateException("a parameter became " + v);
      }
    }
  }

  @Benchmark
  public double step() {
    int b = pool.nextBatch();
    return state == null
        ? network.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, SamplePool.LEARNING_RATE)
        : network.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, state);
  }

  @Benchmark
  public double[][] update() {
    if (updateState == null) {
      dev.neurogen.optim.Updates.descend(parameters, gradients, storage, SamplePool.LEARNING_RATE / BATCH,
          SamplePool.LEARNING_RATE, sentinels);
    } else {
      updateState.step(parameters, gradients, storage, 1.0 / BATCH);
    }
    return parameters;
  }
}
