package dev.neurogen.benchmarks;

import dev.neurogen.optim.Adam;
import dev.neurogen.optim.Optimizer;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.Sgd;
import dev.neurogen.toolkit.data.DataSet;
import dev.neurogen.toolkit.train.FitConfig;
import dev.neurogen.toolkit.train.History;
import dev.neurogen.toolkit.train.Trainer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One epoch of the toolkit's {@code Trainer.fit} against the bare {@code trainStep} loop over the
 * same mini-batches, on {@link MnistNet} (784-128-64-10, batch 32, 1,024 samples = 32 batches).
 *
 * <p>{@code bareEpoch} steps through batches gathered once in setup; {@code fitEpoch} runs {@code
 * Trainer.fit} for {@link #epochs} epochs (one op; the bare loop runs as many) (shuffling, gathering each batch through the index permutation into
 * its buffers, per-epoch bookkeeping and a {@code History}), with the same optimizer state kept
 * across calls as the bare loop keeps its. The fit loop should cost within 5% of the bare loop.
 *
 * <pre>
 * BENCH='FitBenchmark' TORCH=0 benchmarks/run.sh
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FitBenchmark {
  private static final int SAMPLES = 1024;
  private static final int BATCH = 32;
  private static final int INPUTS = 784;

  @Param({"sgd", "adam"})
  public String optimizer;

  /**
   * {@code FitConfig.threads}: 1 (the default here) trains on the calling thread, as the bare loop
   * does, so the two differ only by the fit loop's own work; 0 is fit's automatic choice (2
   * threads for this network and batch size on a 2-core machine).
   */
  @Param({"1"})
  public int threads;

  /**
   * Epochs per op, on both sides: the fit call's set-up (batch buffers, the trainer and its
   * replica of the network, about 1.6 MB) is paid once per call, not per epoch.
   */
  @Param({"8"})
  public int epochs;

  private MnistNetImpl bareNet;
  private MnistNetImpl fitNet;
  private OptimizerState bareState;
  private OptimizerState fitState;
  private double[][] batchInputs;
  private int[][] batchLabels;
  private DataSet data;
  private FitConfig config;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    double[] x = new double[SAMPLES * INPUTS];
    int[] y = new int[SAMPLES];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
    }
    for (int i = 0; i < SAMPLES; i++) {
      y[i] = random.nextInt(10);
    }
    data = DataSet.ofLabels(x, INPUTS, y);
    int batches = SAMPLES / BATCH;
    batchInputs = new double[batches][BATCH * INPUTS];
    batchLabels = new int[batches][BATCH];
    for (int b = 0; b < batches; b++) {
      for (int s = 0; s < BATCH; s++) {
        int r = b * BATCH + s;
        data.copyFeatures(r, batchInputs[b], s * INPUTS);
        batchLabels[b][s] = y[r];
      }
    }
    Optimizer chosen = optimizer.equals("adam") ? Adam.of(1e-4) : Sgd.of(0.01);
    // The per-epoch training accuracy (one forward pass over the training rows) is an optional
    // extra the bare loop does not do: off, so both sides do the same work.
    config = FitConfig.builder().epochs(epochs).batchSize(BATCH).seed(3L).optimizer(chosen)
        .trainingAccuracyRows(0).threads(threads).build();
    bareNet = new MnistNetImpl(7L);
    fitNet = new MnistNetImpl(7L);
    bareState = chosen.newState();
    fitState = chosen.newState();
  }

  /** The bare loop: one trainStep per prepared batch. */
  @Benchmark
  public double bareEpoch() {
    double sum = 0;
    for (int e = 0; e < epochs; e++) {
      for (int b = 0; b < batchInputs.length; b++) {
        sum += bareNet.trainStep(batchInputs[b], batchLabels[b], BATCH, bareState);
      }
    }
    return sum;
  }

  /** One epoch of Trainer.fit over the same samples (shuffled, gathered into its buffers). */
  @Benchmark
  public History fitEpoch() {
    return Trainer.fit(fitNet, data, null, config, fitState);
  }
}
