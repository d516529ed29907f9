package dev.neurogen.benchmarks;

import dev.neurogen.NeuralNetwork;
import java.util.SplittableRandom;

/**
 * Seeded random data for a workload, cut into ready-made batch arrays so that a benchmark
 * invocation only picks the next one. The pool holds {@value #SAMPLES} samples: for the MNIST
 * workload that is 6.4 MB of inputs, more than the L2 cache, so a training step does not find its
 * batch in cache just because the previous invocation read it.
 *
 * <p>Inputs are uniform in [0, 1) like scaled pixel intensities, labels uniform over the classes.
 * The data has no structure to learn; the benchmarks only need realistic magnitudes.
 */
public final class SamplePool {
  /** Samples in the pool. */
  public static final int SAMPLES = 1024;

  /** Small enough that weights stay finite over millions of steps on random labels. */
  public static final double LEARNING_RATE = 1e-3;

  /** Seed of the initial weights, shared by the generated and the hand-written network. */
  public static final long WEIGHT_SEED = 42L;

  /** Seed of the data. */
  public static final long DATA_SEED = 7L;

  private final double[][] batchInputs;
  private final int[][] batchLabels;
  private final double[][] singleInputs;
  private int nextBatch;
  private int nextSingle;

  /**
   * {@code SAMPLES} samples of {@code inputs} values and a label below {@code classes}, cut into
   * {@code SAMPLES / batchSize} batches (a remainder is left out of the batches).
   */
  public SamplePool(int inputs, int classes, int batchSize, long seed) {
    if (batchSize < 1 || batchSize > SAMPLES) {
      throw new IllegalArgumentException("batch size must be in [1, " + SAMPLES + "], got " + batchSize);
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] x = new double[SAMPLES * inputs];
    int[] y = new int[SAMPLES];
    for (int k = 0; k < x.length; k++) {
      x[k] = random.nextDouble();
    }
    for (int s = 0; s < SAMPLES; s++) {
      y[s] = random.nextInt(classes);
    }
    int batches = SAMPLES / batchSize;
    batchInputs = new double[batches][batchSize * inputs];
    batchLabels = new int[batches][batchSize];
    singleInputs = new double[SAMPLES][inputs];
    for (int b = 0; b < batches; b++) {
      System.arraycopy(x, b * batchSize * inputs, batchInputs[b], 0, batchSize * inputs);
      System.arraycopy(y, b * batchSize, batchLabels[b], 0, batchSize);
    }
    for (int s = 0; s < SAMPLES; s++) {
      System.arraycopy(x, s * inputs, singleInputs[s], 0, inputs);
    }
  }

  /** Number of batches in the pool. */
  public int batchCount() {
    return batchInputs.length;
  }

  public double[] batchInputs(int batch) {
    return batchInputs[batch];
  }

  public int[] batchLabels(int batch) {
    return batchLabels[batch];
  }

  /** The index of the next batch, cycling through the pool. */
  public int nextBatch() {
    int b = nextBatch;
    nextBatch = b + 1 == batchInputs.length ? 0 : b + 1;
    return b;
  }

  /** The next single sample's input, cycling through the pool. */
  public double[] nextSingle() {
    double[] input = singleInputs[nextSingle];
    nextSingle = nextSingle + 1 == singleInputs.length ? 0 : nextSingle + 1;
    return input;
  }

  /**
   * Fails loudly if training drove a network's parameters to NaN or infinity. {@code parameters}
   * is scratch space allocated in advance: JMH's GC profiler counts what a trial tear-down
   * allocates against the last measured iteration.
   */
  public static void requireFiniteParameters(
      String name, NeuralNetwork network, double[] parameters) {
    network.getParameters(parameters);
    for (int k = 0; k < parameters.length; k++) {
      if (!Double.isFinite(parameters[k])) {
        throw new IllegalStateException(name + ": parameter " + k + " became " + parameters[k]);
      }
    }
  }
}
