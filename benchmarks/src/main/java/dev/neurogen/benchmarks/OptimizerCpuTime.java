package dev.neurogen.benchmarks;

import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.Sgd;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A load-tolerant check of issue 6's Adam/SGD step ratio on W3 ({@link MnistNet}, 784-128-64-10,
 * batch 32) for a shared machine, next to {@link OptimizerBenchmark} (not instead of it): an SGD
 * network and an Adam network train in one JVM in interleaved rounds, each round timed by the
 * thread's CPU time, which other processes inflate far less than wall-clock time. Prints the
 * median microseconds per step of each and the median of the per-round ratios Adam / SGD.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.neurogen.benchmarks.OptimizerCpuTime 21 150
 * </pre>
 *
 * <p>Arguments: timed rounds (default 21), steps per round and network (default 150). Four
 * warm-up rounds are not timed. Caveat as for {@link InterleavedCpuTime}: one JVM compiles both,
 * and the caches are still shared with whatever else runs.
 */
public final class OptimizerCpuTime {
  private OptimizerCpuTime() {}

  /** {@code args}: rounds, steps per round. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    int steps = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    String[] names = {"sgd", "adam"};
    OptimizerState[] states = {Sgd.of(SamplePool.LEARNING_RATE).newState(), Adam.of(SamplePool.LEARNING_RATE).newState()};
    MnistNetImpl[] networks = new MnistNetImpl[2];
    SamplePool[] pools = new SamplePool[2];
    for (int c = 0; c < 2; c++) {
      networks[c] = new MnistNetImpl(SamplePool.WEIGHT_SEED);
      pools[c] = new SamplePool(784, 10, 32, SamplePool.DATA_SEED);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] nanos = new double[2][rounds];
    double sink = 0;
    for (int round = -4; round < rounds; round++) {
      for (int c = 0; c < 2; c++) {
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
          int b = pools[c].nextBatch();
          sink += networks[c].trainStep(pools[c].batchInputs(b), pools[c].batchLabels(b), 32, states[c]);
        }
        if (round >= 0) {
          nanos[c][round] = (threads.getCurrentThreadCpuTime() - start) / (double) steps;
        }
      }
    }
    for (int c = 0; c < 2; c++) {
      double[] sorted = nanos[c].clone();
      Arrays.sort(sorted);
      System.out.printf("%-5s median %8.1f us per step (quartiles %.1f, %.1f)%n", names[c], sorted[rounds / 2] / 1e3,
          sorted[rounds / 4] / 1e3, sorted[3 * rounds / 4] / 1e3);
    }
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      ratios[r] = nanos[1][r] / nanos[0][r];
    }
    Arrays.sort(ratios);
    System.out.printf("adam / sgd: median of per-round ratios %.3f (quartiles %.3f, %.3f)%n", ratios[rounds / 2],
        ratios[rounds / 4], ratios[3 * rounds / 4]);
    if (!Double.isFinite(sink)) {
      throw new IllegalStateException("a loss was not finite");
    }
  }
}
