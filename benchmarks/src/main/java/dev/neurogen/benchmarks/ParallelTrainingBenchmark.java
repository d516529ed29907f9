package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.parallel.BatchPartition;
import dev.neurogen.parallel.ParallelTrainer;
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
 * Issue 9's data-parallel figures: one op is one training step (learning rate 1e-3; plain SGD, or
 * Adam with {@code -p optimizer=adam}) on one batch of {@code batch} samples. {@code threads = 0} is the network's own single-threaded
 * {@code trainStep} (the 1-thread reference); {@code threads = 1, 2} go through a {@link
 * ParallelTrainer} with that many threads (the calling thread included), cutting batches by
 * {@code partition}: {@code default} is {@link BatchPartition#DEFAULT} (W3: 2 parts at batch 32, 4
 * at 128; W2 64-32-10: always 1 part, i.e. no threads used), {@code two} always cuts a batch into 2
 * parts (to show what threads cost where the default does not use them).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParallelTrainingBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class ParallelTrainingBenchmark {
  @Param({"w3"})
  public String workload;

  @Param({"32", "128"})
  public int batch;

  @Param({"0", "1", "2"})
  public int threads;

  @Param({"default"})
  public String partition;

  /** {@code plain}: {@code trainStep(..., learningRate)}; {@code adam}: {@code trainStep(..., OptimizerState)} with Adam. */
  @Param({"plain"})
  public String optimizer;

  private Classifier network;
  private ParallelTrainer trainer;
  private SamplePool pool;
  private double[] parameters;
  private OptimizerState state;

  @Setup(Level.Trial)
  public void setUp() {
    int[] sizes;
    switch (workload) {
      case "w3":
        network = new MnistNetImpl(SamplePool.WEIGHT_SEED);
        sizes = new int[] {784, 128, 64, 10};
        break;
      case "w2":
        network = new DigitsNetImpl(SamplePool.WEIGHT_SEED);
        sizes = new int[] {64, 32, 10};
        break;
      default:
        throw new IllegalArgumentException("workload must be w2 or w3, got " + workload);
    }
    parameters = new double[network.parameterCount()];
    network.getParameters(parameters);
    pool = new SamplePool(sizes[0], sizes[sizes.length - 1], batch, SamplePool.DATA_SEED);
    BatchPartition cut = switch (partition) {
      case "default" -> BatchPartition.DEFAULT;
      case "two" -> new BatchPartition(2, 1, 1);
      default -> throw new IllegalArgumentException("partition must be default or two, got " + partition);
    };
    state = switch (optimizer) {
      case "plain" -> null;
      case "adam" -> Adam.of(SamplePool.LEARNING_RATE).newState();
      default -> throw new IllegalArgumentException("optimizer must be plain or adam, got " + optimizer);
    };
    if (threads > 0) {
      trainer = ParallelTrainer.builder(network).threads(threads).partition(cut).build();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (trainer != null) {
      trainer.close();
    }
    SamplePool.requireFiniteParameters("generated", network, parameters);
  }

  @Benchmark
  public double train() {
    int b = pool.nextBatch();
    if (state != null) {
      return trainer == null
          ? network.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, state)
          : trainer.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, state);
    }
    return trainer == null
        ? network.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE)
        : trainer.trainStep(pool.batchInputs(b), pool.batchLabels(b), batch, SamplePool.LEARNING_RATE);
  }
}
