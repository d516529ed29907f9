package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Activation;
import dev.neurogen.Classifier;
import dev.neurogen.Loss;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.TargetTrainable;
import dev.neurogen.TrainingDivergedException;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.nets.GradientNets_TanhHingeIdentityImpl;
import dev.neurogen.functional.nets.MediumNets_DigitsImpl;
import dev.neurogen.functional.nets.OptimizerNets_LoopedLeakyCeImpl;
import dev.neurogen.functional.nets.OptimizerNets_LoopedLeakyMseImpl;
import dev.neurogen.functional.nets.OptimizerNets_UnrolledLeakyCeImpl;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.optim.Sgd;
import dev.neurogen.parallel.BatchPartition;
import dev.neurogen.parallel.DataParallel;
import dev.neurogen.parallel.ParallelTrainer;
import dev.neurogen.parallel.ParallelTrainingException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training ({@link ParallelTrainer}) of generated networks: the parameters after
 * several steps are bit for bit the same for 1, 2, 3 and 4 threads, agree with the network's own
 * single-threaded {@code trainStep} to rounding (and exactly when a batch has one part), the
 * reduced gradient agrees with central finite differences, a failing part and a diverging step
 * leave the parameters as they were, no step allocates, and close() stops the threads.
 */
class ParallelTrainingTest {
  /** Parts of at least one sample: small test networks get 4 parts, so replicas and the reduction run. */
  private static final BatchPartition FOUR_PARTS = new BatchPartition(4, 1, 1);
  private static final int STEPS = 5;
  /** 150 samples: four parts of 37 or 38, each more than one block of the looped networks. */
  private static final int BATCH = 150;

  private record Subject(String name, LongFunction<NeuralNetwork> make, TargetForm form) {}

  private static final Subject[] SUBJECTS = {
    new Subject("looped, labels", OptimizerNets_LoopedLeakyCeImpl::new, TargetForm.LABELS),
    new Subject("looped, soft labels", OptimizerNets_LoopedLeakyCeImpl::new, TargetForm.ROWS),
    new Subject("looped, row mirror, MSE", OptimizerNets_LoopedLeakyMseImpl::new, TargetForm.ROWS),
    new Subject("looped 64-32-10", MediumNets_DigitsImpl::new, TargetForm.LABELS),
    new Subject("unrolled, labels", OptimizerNets_UnrolledLeakyCeImpl::new, TargetForm.LABELS),
    new Subject("unrolled, hinge", GradientNets_TanhHingeIdentityImpl::new, TargetForm.LABELS),
  };

  /** Plain SGD or an optimizer, for one run. */
  private interface Update {
    double step(ParallelTrainer trainer, Batches batch, TargetForm form);

    double step(NeuralNetwork net, Batches batch, TargetForm form);
  }

  private static Update plain(double rate) {
    return new Update() {
      @Override
      public double step(ParallelTrainer trainer, Batches b, TargetForm form) {
        return form == TargetForm.LABELS ? trainer.trainStep(b.inputs, b.labels, b.size, rate)
            : trainer.trainStep(b.inputs, b.rows, b.size, rate);
      }

      @Override
      public double step(NeuralNetwork net, Batches b, TargetForm form) {
        return b.trainStep(net, form, rate);
      }
    };
  }

  private static Update optimizer(OptimizerState state) {
    return new Update() {
      @Override
      public double step(ParallelTrainer trainer, Batches b, TargetForm form) {
        return form == TargetForm.LABELS ? trainer.trainStep(b.inputs, b.labels, b.size, state)
            : trainer.trainStep(b.inputs, b.rows, b.size, state);
      }

      @Override
      public double step(NeuralNetwork net, Batches b, TargetForm form) {
        return form == TargetForm.LABELS ? ((Classifier) net).trainStep(b.inputs, b.labels, b.size, state)
            : ((TargetTrainable) net).trainStep(b.inputs, b.rows, b.size, state);
      }
    };
  }

  /** Parameters, then the losses, after STEPS steps on seeded batches. */
  private static double[] trainParallel(Subject subject, int threads, BatchPartition partition, boolean adam,
      int batchSize) {
    NeuralNetwork net = subject.make().apply(7L);
    Update update = adam ? optimizer(Adam.of(0.01).newState()) : plain(0.1);
    double[] result = new double[net.parameterCount() + STEPS];
    try (ParallelTrainer trainer = ParallelTrainer.builder(net).threads(threads).partition(partition).build()) {
      for (int step = 0; step < STEPS; step++) {
        result[net.parameterCount() + step] = update.step(trainer, new Batches(net, batchSize, 100 + step), subject.form());
      }
    }
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    System.arraycopy(parameters, 0, result, 0, parameters.length);
    return result;
  }

  private static double[] trainAlone(Subject subject, boolean adam, int batchSize) {
    NeuralNetwork net = subject.make().apply(7L);
    Update update = adam ? optimizer(Adam.of(0.01).newState()) : plain(0.1);
    double[] result = new double[net.parameterCount() + STEPS];
    for (int step = 0; step < STEPS; step++) {
      result[net.parameterCount() + step] = update.step(net, new Batches(net, batchSize, 100 + step), subject.form());
    }
    double[] parameters = new double[net.parameterCount()];
    net.getParameters(parameters);
    System.arraycopy(parameters, 0, result, 0, parameters.length);
    return result;
  }

  @Test
  void bitIdenticalForAnyThreadCountAndCloseToTrainStep() {
    for (Subject subject : SUBJECTS) {
      for (boolean adam : new boolean[] {false, true}) {
        String what = subject.name() + (adam ? ", Adam" : ", SGD");
        double[] one = trainParallel(subject, 1, FOUR_PARTS, adam, BATCH);
        for (int threads = 2; threads <= 4; threads++) {
          assertArrayEquals(one, trainParallel(subject, threads, FOUR_PARTS, adam, BATCH),
              what + ": " + threads + " threads vs 1");
        }
        double[] alone = trainAlone(subject, adam, BATCH);
        double worst = 0;
        for (int k = 0; k < one.length; k++) {
          worst = Math.max(worst, Math.abs(one[k] - alone[k]) / Math.max(1.0, Math.abs(alone[k])));
        }
        assertTrue(worst <= 1e-12, what + ": parallel vs trainStep differ by " + worst);
      }
    }
  }

  @Test
  void onePartIsExactlyTrainStep() {
    Subject digits = SUBJECTS[3];
    // 64-32-10 has 2,410 parameters: under the default partition a batch of 32 is one part
    assertEquals(1, BatchPartition.DEFAULT.parts(32, 2_410));
    for (boolean adam : new boolean[] {false, true}) {
      double[] alone = trainAlone(digits, adam, 32);
      assertArrayEquals(alone, trainParallel(digits, 2, BatchPartition.DEFAULT, adam, 32));
    }
  }

  @Test
  void reducedGradientAgreesWithFiniteDifferences() {
    for (Subject subject : new Subject[] {SUBJECTS[0], SUBJECTS[2], SUBJECTS[4]}) {
      NeuralNetwork net = subject.make().apply(3L);
      Batches batch = new Batches(net, 61, 5L);
      double[] before = new double[net.parameterCount()];
      net.getParameters(before);
      double rate = 1e-3;
      try (ParallelTrainer trainer = ParallelTrainer.builder(net).threads(2).partition(FOUR_PARTS).build()) {
        assertEquals(4, trainer.parts(61));
        plain(rate).step(trainer, batch, subject.form());
      }
      double[] after = new double[net.parameterCount()];
      net.getParameters(after);
      net.setParameters(before);
      double h = 1e-5;
      double worst = 0;
      double[] probe = before.clone();
      for (int k = 0; k < before.length; k++) {
        double reduced = (before[k] - after[k]) / rate;
        probe[k] = before[k] + h;
        net.setParameters(probe);
        double up = batch.loss(net, subject.form(), batch.inputs);
        probe[k] = before[k] - h;
        net.setParameters(probe);
        double down = batch.loss(net, subject.form(), batch.inputs);
        probe[k] = before[k];
        double numeric = (up - down) / (2 * h);
        worst = Math.max(worst, Math.abs(reduced - numeric) / Math.max(1e-3, Math.abs(numeric)));
      }
      assertTrue(worst < 1e-5, subject.name() + ": reduced gradient vs finite differences, worst relative error " + worst);
    }
  }

  @Test
  void divergingStepLeavesParametersBitIdentical() {
    Subject subject = SUBJECTS[2];
    for (int threads = 1; threads <= 4; threads++) {
      for (boolean adam : new boolean[] {false, true}) {
        NeuralNetwork net = subject.make().apply(11L);
        Update update = adam ? optimizer(Adam.of(1e300).newState()) : plain(1e300);
        try (ParallelTrainer trainer = ParallelTrainer.builder(net).threads(threads).partition(FOUR_PARTS).build()) {
          double[] before = new double[net.parameterCount()];
          TrainingDivergedException diverged = null;
          for (int step = 0; step < 20 && diverged == null; step++) {
            net.getParameters(before);
            try {
              update.step(trainer, new Batches(net, BATCH, step), subject.form());
            } catch (TrainingDivergedException e) {
              diverged = e;
            }
          }
          assertTrue(diverged != null, threads + " threads: never diverged");
          double[] now = new double[net.parameterCount()];
          net.getParameters(now);
          assertArrayEquals(before, now, threads + " threads: the refused step changed parameters");
          // no gradient left behind in the network or its replicas: from sane parameters, a step
          // through the same trainer equals one on a fresh network
          NeuralNetwork fresh = subject.make().apply(11L);
          double[] sane = new double[now.length];
          fresh.getParameters(sane);
          net.setParameters(sane);
          Batches batch = new Batches(net, BATCH, 99L);
          plain(1e-3).step(trainer, batch, subject.form());
          try (ParallelTrainer other = ParallelTrainer.builder(fresh).threads(1).partition(FOUR_PARTS).build()) {
            plain(1e-3).step(other, batch, subject.form());
          }
          double[] a = new double[now.length];
          double[] b = new double[now.length];
          net.getParameters(a);
          fresh.getParameters(b);
          assertArrayEquals(b, a, threads + " threads: gradient left in the accumulators");
        }
      }
    }
  }

  /** A generated network whose replicas fail on the samples from {@code failFrom} on. */
  private static final class Faulty implements NeuralNetwork, DataParallel {
    private final NeuralNetwork net;
    private final DataParallel parallel;
    private final int failFrom;
    volatile boolean armed = true;
    private final Faulty root;

    Faulty(NeuralNetwork net, DataParallel parallel, int failFrom, Faulty root) {
      this.net = net;
      this.parallel = parallel;
      this.failFrom = failFrom;
      this.root = root == null ? this : root;
    }

    @Override
    public DataParallel newReplica() {
      return new Faulty(net, parallel.newReplica(), failFrom, root);
    }

    @Override
    public void checkTrainingBatch(double[] inputs, double[] targets, int[] labels, int batchSize) {
      parallel.checkTrainingBatch(inputs, targets, labels, batchSize);
    }

    @Override
    public double accumulateSamples(double[] inputs, double[] targets, int[] labels, int from, int to) {
      double loss = parallel.accumulateSamples(inputs, targets, labels, from, to);
      if (root.armed && from >= failFrom) {
        throw new IllegalStateException("injected failure at sample " + from);
      }
      return loss;
    }

    @Override
    public double[][] gradientSegments() {
      return parallel.gradientSegments();
    }

    @Override
    public double[][] parameterSegments() {
      return parallel.parameterSegments();
    }

    @Override
    public dev.neurogen.optim.ParameterStorage parameterStorage() {
      return parallel.parameterStorage();
    }

    @Override
    public void parametersUpdated() {
      parallel.parametersUpdated();
    }

    @Override
    public void applyAccumulatedGradient(double loss, int batchSize, double learningRate) {
      parallel.applyAccumulatedGradient(loss, batchSize, learningRate);
    }

    @Override
    public void applyAccumulatedGradient(double loss, int batchSize, OptimizerState optimizer) {
      parallel.applyAccumulatedGradient(loss, batchSize, optimizer);
    }

    @Override
    public int[] layerSizes() {
      return net.layerSizes();
    }

    @Override
    public int inputSize() {
      return net.inputSize();
    }

    @Override
    public int outputSize() {
      return net.outputSize();
    }

    @Override
    public int parameterCount() {
      return net.parameterCount();
    }

    @Override
    public Loss loss() {
      return net.loss();
    }

    @Override
    public Activation activation(int layer) {
      return net.activation(layer);
    }

    @Override
    public void predict(double[] input, double[] output) {
      net.predict(input, output);
    }

    @Override
    public void getParameters(double[] destination) {
      net.getParameters(destination);
    }

    @Override
    public void setParameters(double[] source) {
      net.setParameters(source);
    }

    @Override
    public void initialize(long seed) {
      net.initialize(seed);
    }
  }

  @Test
  void failureOnAWorkerIsReportedAndChangesNothing() {
    for (int threads = 1; threads <= 4; threads++) {
      NeuralNetwork net = new OptimizerNets_LoopedLeakyCeImpl(5L);
      Faulty faulty = new Faulty(net, (DataParallel) net, 100, null);
      Batches batch = new Batches(net, BATCH, 1L);
      double[] before = new double[net.parameterCount()];
      net.getParameters(before);
      OptimizerState adam = Adam.of(0.01).newState();
      try (ParallelTrainer trainer = ParallelTrainer.builder(faulty).threads(threads).partition(FOUR_PARTS).build()) {
        ParallelTrainingException e = assertThrows(ParallelTrainingException.class,
            () -> trainer.trainStep(batch.inputs, batch.labels, BATCH, adam));
        // parts of 150: 0-36, 37-74, 75-111, 112-149; the last one starts at or after 100
        String thread = threads == 1 || 3 % threads == 0 ? "the calling thread" : "worker thread";
        assertTrue(e.getMessage().startsWith("part 4 of 4 (samples 112 to 149 of the batch of 150) failed on " + thread),
            e.getMessage());
        assertTrue(e.getMessage().contains("injected failure at sample 112"), e.getMessage());
        assertTrue(e.getMessage().endsWith("the step changed nothing and the gradients were cleared"), e.getMessage());
        assertSame(IllegalStateException.class, e.getCause().getClass());
        double[] now = new double[net.parameterCount()];
        net.getParameters(now);
        assertArrayEquals(before, now);
        assertEquals(0, adam.steps());
        // the trainer goes on, with every accumulator clear: the same as a fresh network
        faulty.armed = false;
        trainer.trainStep(batch.inputs, batch.labels, BATCH, adam);
        NeuralNetwork fresh = new OptimizerNets_LoopedLeakyCeImpl(5L);
        try (ParallelTrainer other = ParallelTrainer.builder(fresh).threads(1).partition(FOUR_PARTS).build()) {
          other.trainStep(batch.inputs, batch.labels, BATCH, Adam.of(0.01).newState());
        }
        double[] expected = new double[net.parameterCount()];
        fresh.getParameters(expected);
        net.getParameters(now);
        assertArrayEquals(expected, now, threads + " threads");
      }
    }
  }

  @Test
  void argumentsAreCheckedBeforeAnythingRuns() {
    NeuralNetwork net = new OptimizerNets_LoopedLeakyCeImpl(5L);
    Batches batch = new Batches(net, 20, 1L);
    double[] before = new double[net.parameterCount()];
    net.getParameters(before);
    try (ParallelTrainer trainer = ParallelTrainer.builder(net).threads(2).partition(FOUR_PARTS).build()) {
      batch.inputs[3] = Double.NaN;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> trainer.trainStep(batch.inputs, batch.labels, 20, 0.1));
      assertTrue(e.getMessage().contains("inputs"), e.getMessage());
      batch.inputs[3] = 0;
      batch.labels[2] = 99;
      e = assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(batch.inputs, batch.labels, 20, 0.1));
      assertTrue(e.getMessage().contains("label"), e.getMessage());
      batch.labels[2] = 0;
      assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(batch.inputs, batch.labels, 20, -1.0));
      assertThrows(IllegalArgumentException.class, () -> trainer.trainStep(batch.inputs, batch.labels, 21, 0.1));
    }
    double[] now = new double[net.parameterCount()];
    net.getParameters(now);
    assertArrayEquals(before, now);
    NeuralNetwork mse = new OptimizerNets_LoopedLeakyMseImpl(1L);
    try (ParallelTrainer trainer = ParallelTrainer.create(mse, 2)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> trainer.trainStep(new double[20], new int[1], 1, 0.1));
      assertTrue(e.getMessage().startsWith("labels: OptimizerNets_LoopedLeakyMseImpl is not a Classifier"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParallelTrainer.create(new OptimizerNets_LoopedLeakyCeImpl(1L), 0));
    assertTrue(e.getMessage().startsWith("threads must be in [1, 64], got 0"), e.getMessage());
  }

  @Test
  void replicasShareTheParameterArrays() {
    NeuralNetwork net = new MediumNets_DigitsImpl(1L);
    DataParallel replica = ((DataParallel) net).newReplica();
    assertNotEquals(net, replica);
    assertFalse(replica.gradientSegments() == ((DataParallel) net).gradientSegments());
    // the replica computes with the parent's current parameters: a changed parameter changes its loss
    Batches batch = new Batches(net, 8, 2L);
    replica.checkTrainingBatch(batch.inputs, null, batch.labels, 8);
    double first = replica.accumulateSamples(batch.inputs, null, batch.labels, 0, 8);
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    for (int k = 0; k < p.length; k++) {
      p[k] *= 0.5;
    }
    net.setParameters(p);
    for (double[] g : replica.gradientSegments()) {
      java.util.Arrays.fill(g, 0.0);
    }
    double second = replica.accumulateSamples(batch.inputs, null, batch.labels, 0, 8);
    assertEquals(((Classifier) net).loss(batch.inputs, batch.labels, 8) * 8, second, 1e-12 * second);
    assertNotEquals(first, second);
  }

  @Test
  void closeStopsTheWorkers() throws InterruptedException {
    NeuralNetwork net = new OptimizerNets_LoopedLeakyCeImpl(5L);
    Batches batch = new Batches(net, 40, 1L);
    ParallelTrainer trainer = ParallelTrainer.builder(net).threads(3).partition(FOUR_PARTS).build();
    trainer.trainStep(batch.inputs, batch.labels, 40, 0.1);
    List<Thread> workers = workersOf(trainer);
    assertEquals(2, workers.size());
    for (Thread worker : workers) {
      assertTrue(worker.isDaemon());
      assertTrue(worker.isAlive());
    }
    trainer.close();
    for (Thread worker : workers) {
      assertFalse(worker.isAlive(), worker.getName());
    }
    trainer.close(); // idempotent
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> trainer.trainStep(batch.inputs, batch.labels, 40, 0.1));
    assertEquals("this ParallelTrainer is closed; create a new one", e.getMessage());
    // closing a trainer whose workers were never started by a step
    ParallelTrainer idle = ParallelTrainer.builder(net).threads(4).partition(FOUR_PARTS).build();
    List<Thread> idleWorkers = workersOf(idle);
    idle.close();
    for (Thread worker : idleWorkers) {
      assertFalse(worker.isAlive(), worker.getName());
    }
  }

  @Test
  void stepsAllocateNothingOnAnyThread() {
    NeuralNetwork net = new OptimizerNets_LoopedLeakyCeImpl(5L);
    Batches batch = new Batches(net, 16, 1L);
    OptimizerState adam = Adam.of(1e-4).newState();
    OptimizerState sgd = Sgd.builder().learningRate(1e-4).momentum(0.9).build().newState();
    for (int threads = 1; threads <= 2; threads++) {
      try (ParallelTrainer trainer = ParallelTrainer.builder(net).threads(threads).partition(FOUR_PARTS).build()) {
        assertEquals(4, trainer.parts(16));
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        trainer.trainStep(batch.inputs, batch.labels, 16, adam);
        List<Thread> workers = workersOf(trainer);
        long[] before = new long[workers.size()];
        for (int w = 0; w < before.length; w++) {
          before[w] = mx.getThreadAllocatedBytes(workers.get(w).getId());
        }
        // with workers, each step waits for other threads: far fewer calls than AllocationMeter's
        // (nothing in a step allocates even when interpreted, so no long warm-up is needed)
        int calls = threads == 1 ? AllocationMeter.MEASURED_CALLS : 300;
        assertEquals(0, bytesAllocated(calls, () -> trainer.trainStep(batch.inputs, batch.labels, 16, adam)),
            threads + " threads, Adam, calling thread");
        assertEquals(0, bytesAllocated(calls, () -> trainer.trainStep(batch.inputs, batch.labels, 16, 1e-4)),
            threads + " threads, SGD, calling thread");
        assertEquals(0, bytesAllocated(calls, () -> trainer.trainStep(batch.inputs, batch.rows, 16, sgd)),
            threads + " threads, momentum, soft labels, calling thread");
        for (int w = 0; w < before.length; w++) {
          assertEquals(0, mx.getThreadAllocatedBytes(workers.get(w).getId()) - before[w], workers.get(w).getName());
        }
      }
    }
  }

  /** Bytes the current thread allocates over {@code calls} calls after as many warm-up calls (AllocationMeter's for its count). */
  private static long bytesAllocated(int calls, Runnable call) {
    return calls == AllocationMeter.MEASURED_CALLS ? AllocationMeter.bytesAllocated(call)
        : AllocationMeter.bytesAllocated(call, calls, calls);
  }

  /** The trainer's worker threads, by the name prefix its toString shows. */
  private static List<Thread> workersOf(ParallelTrainer trainer) {
    String text = trainer.toString();
    String prefix = text.substring(text.indexOf('[') + 1, text.indexOf(',')) + "-worker-";
    List<Thread> workers = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(prefix)) {
        workers.add(thread);
      }
    }
    return workers;
  }
}
