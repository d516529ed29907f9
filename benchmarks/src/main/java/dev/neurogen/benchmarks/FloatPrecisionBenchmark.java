package dev.neurogen.benchmarks;

import dev.neurogen.Classifier;
import dev.neurogen.FloatClassifier;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerState;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Float against double on workload W3 (784-128-64-10, sigmoid, cross-entropy, batch 32): one
 * plain-SGD training step per operation, in both code styles, with the same initial weights and the
 * same data (the float networks get the double pool rounded to float once, in setup). Scores are
 * training steps per second; the ratio of a {@code float*} score to its {@code double*} score is
 * the speed-up of {@code precision = FLOAT}. The {@code *Adam} benchmarks take the same steps
 * through {@code trainStep(..., OptimizerState)} with Adam (float moments for the float networks).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar FloatPrecision \
 *     -t 1 -f 1 -wi 3 -w 2s -i 5 -r 2s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector") // for the VECTOR_API networks
public class FloatPrecisionBenchmark {
  static final int BATCH = 32;
  static final float RATE = (float) SamplePool.LEARNING_RATE;
  static final double ADAM_RATE = 1e-4;

  private Classifier doublePortable;
  private Classifier doubleVector;
  private FloatClassifier floatPortable;
  private FloatClassifier floatVector;
  private SamplePool pool;
  private float[][] floatInputs;
  private OptimizerState doublePortableAdam;
  private OptimizerState doubleVectorAdam;
  private OptimizerState floatPortableAdam;
  private OptimizerState floatVectorAdam;

  @Setup(Level.Trial)
  public void setUp() {
    doublePortable = new MnistNetImpl(SamplePool.WEIGHT_SEED);
    doubleVector = new MnistVectorNetImpl(SamplePool.WEIGHT_SEED);
    floatPortable = new MnistFloatNetImpl(SamplePool.WEIGHT_SEED);
    floatVector = new MnistFloatVectorNetImpl(SamplePool.WEIGHT_SEED);
    pool = new SamplePool(doublePortable.inputSize(), doublePortable.outputSize(), BATCH, SamplePool.DATA_SEED);
    doublePortableAdam = Adam.of(ADAM_RATE).newState();
    doubleVectorAdam = Adam.of(ADAM_RATE).newState();
    floatPortableAdam = Adam.of(ADAM_RATE).newState();
    floatVectorAdam = Adam.of(ADAM_RATE).newState();
    floatInputs = new float[pool.batchCount()][];
    for (int b = 0; b < floatInputs.length; b++) {
      double[] inputs = pool.batchInputs(b);
      floatInputs[b] = new float[inputs.length];
      for (int k = 0; k < inputs.length; k++) {
        floatInputs[b][k] = (float) inputs[k];
      }
    }
  }

  @Benchmark
  public double doublePortableTrain() {
    int b = pool.nextBatch();
    return doublePortable.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public float floatPortableTrain() {
    int b = pool.nextBatch();
    return floatPortable.trainStep(floatInputs[b], pool.batchLabels(b), BATCH, RATE);
  }

  @Benchmark
  public double doubleVectorTrain() {
    int b = pool.nextBatch();
    return doubleVector.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, SamplePool.LEARNING_RATE);
  }

  @Benchmark
  public float floatVectorTrain() {
    int b = pool.nextBatch();
    return floatVector.trainStep(floatInputs[b], pool.batchLabels(b), BATCH, RATE);
  }

  @Benchmark
  public double doublePortableAdam() {
    int b = pool.nextBatch();
    return doublePortable.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, doublePortableAdam);
  }

  @Benchmark
  public float floatPortableAdam() {
    int b = pool.nextBatch();
    return floatPortable.trainStep(floatInputs[b], pool.batchLabels(b), BATCH, floatPortableAdam);
  }

  @Benchmark
  public double doubleVectorAdam() {
    int b = pool.nextBatch();
    return doubleVector.trainStep(pool.batchInputs(b), pool.batchLabels(b), BATCH, doubleVectorAdam);
  }

  @Benchmark
  public float floatVectorAdam() {
    int b = pool.nextBatch();
    return floatVector.trainStep(floatInputs[b], pool.batchLabels(b), BATCH, floatVectorAdam);
  }
}
