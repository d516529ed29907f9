package dev.neurogen.benchmarks;

import dev.neurogen.NeuralMath;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link Math#exp} against the runtime's {@link NeuralMath#exp} in the pattern of workload W1's
 * hidden layer: eight independent sigmoids {@code 1 / (1 + e^-a)} of one sample, then a weighted
 * sum of them (as the next layer does). The arguments cycle through 1,024 pre-drawn rows of
 * pre-activations in [-4, 4]. Average time per row of eight in nanoseconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ExpBenchmark {
  private static final int ROWS = 1024;
  private static final int UNITS = 8;

  private double[] a;
  private double[] w;
  private int row;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(SamplePool.DATA_SEED);
    a = new double[ROWS * UNITS];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextDouble(-4.0, 4.0);
    }
    w = new double[UNITS];
    for (int i = 0; i < UNITS; i++) {
      w[i] = random.nextDouble(-1.0, 1.0);
    }
  }

  /** Eight sigmoids with {@link Math#exp}, then their weighted sum. */
  @Benchmark
  public double mathExp() {
    int o = next();
    double[] a = this.a;
    double z0 = 1.0 / (1.0 + Math.exp(-a[o]));
    double z1 = 1.0 / (1.0 + Math.exp(-a[o + 1]));
    double z2 = 1.0 / (1.0 + Math.exp(-a[o + 2]));
    double z3 = 1.0 / (1.0 + Math.exp(-a[o + 3]));
    double z4 = 1.0 / (1.0 + Math.exp(-a[o + 4]));
    double z5 = 1.0 / (1.0 + Math.exp(-a[o + 5]));
    double z6 = 1.0 / (1.0 + Math.exp(-a[o + 6]));
    double z7 = 1.0 / (1.0 + Math.exp(-a[o + 7]));
    return w[0] * z0 + w[1] * z1 + w[2] * z2 + w[3] * z3 + w[4] * z4 + w[5] * z5 + w[6] * z6 + w[7] * z7;
  }

  /** The same with {@link NeuralMath#exp}. */
  @Benchmark
  public double neuralMathExp() {
    int o = next();
    double[] a = this.a;
    double z0 = 1.0 / (1.0 + NeuralMath.exp(-a[o]));
    double z1 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 1]));
    double z2 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 2]));
    double z3 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 3]));
    double z4 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 4]));
    double z5 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 5]));
    double z6 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 6]));
    double z7 = 1.0 / (1.0 + NeuralMath.exp(-a[o + 7]));
    return w[0] * z0 + w[1] * z1 + w[2] * z2 + w[3] * z3 + w[4] * z4 + w[5] * z5 + w[6] * z6 + w[7] * z7;
  }

  private int next() {
    int o = row;
    row = (o + UNITS) & (ROWS * UNITS - 1);
    return o;
  }
}
