package dev.neurogen.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.NeuralNetwork;
import dev.neurogen.functional.Batches;
import dev.neurogen.functional.Batches.TargetForm;
import dev.neurogen.functional.GeneratedNetworks;
import dev.neurogen.functional.GeneratedNetworks.Subject;
import dev.neurogen.optim.Adam;
import dev.neurogen.optim.OptimizerState;
import dev.neurogen.parallel.BatchPartition;
import dev.neurogen.parallel.ParallelTrainer;
import dev.neurogen.vector.nets.VectorNets;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training of {@code VECTOR_API} networks: bit-identical parameters for 1, 2 and 3
 * threads, and within rounding of the network's own {@code trainStep}.
 */
class VectorParallelTest {
  private static final int BATCH = 70;
  private static final int STEPS = 3;

  @Test
  void anyThreadCountGivesTheSameParameters() {
    for (Subject subject : GeneratedNetworks.nestedIn(VectorNets.class, 8L)) {
      TargetForm form = subject.network() instanceof Classifier ? TargetForm.LABELS : TargetForm.ROWS;
      double[] one = train(subject.name(), form, 1);
      for (int threads = 2; threads <= 3; threads++) {
        assertArrayEquals(one, train(subject.name(), form, threads), subject + ": " + threads + " threads vs 1");
      }
      NeuralNetwork alone = GeneratedNetworks.instantiate(interfaceOf(subject.name()), 8L);
      OptimizerState adam = Adam.of(0.01).newState();
      for (int step = 0; step < STEPS; step++) {
        Batches b = new Batches(alone, BATCH, step);
        if (form == TargetForm.LABELS) {
          ((Classifier) alone).trainStep(b.inputs, b.labels, BATCH, adam);
        } else {
          ((dev.neurogen.TargetTrainable) alone).trainStep(b.inputs, b.rows, BATCH, adam);
        }
      }
      double[] p = new double[alone.parameterCount()];
      alone.getParameters(p);
      for (int k = 0; k < p.length; k++) {
        assertTrue(Math.abs(p[k] - one[k]) <= 1e-12 * Math.max(1, Math.abs(p[k])), subject + " parameter " + k);
      }
    }
  }

  private static Class<?> interfaceOf(String name) {
    for (Class<?> type : VectorNets.class.getDeclaredClasses()) {
      if (type.getSimpleName().equals(name)) {
        return type;
      }
    }
    throw new AssertionError(name);
  }

  private static double[] train(String name, TargetForm form, int threads) {
    NeuralNetwork net = GeneratedNetworks.instantiate(interfaceOf(name), 8L);
    OptimizerState adam = Adam.of(0.01).newState();
    try (ParallelTrainer trainer =
        ParallelTrainer.builder(net).threads(threads).partition(new BatchPartition(4, 1, 1)).build()) {
      for (int step = 0; step < STEPS; step++) {
        Batches b = new Batches(net, BATCH, step);
        if (form == TargetForm.LABELS) {
          trainer.trainStep(b.inputs, b.labels, BATCH, adam);
        } else {
          trainer.trainStep(b.inputs, b.rows, BATCH, adam);
        }
      }
    }
    double[] p = new double[net.parameterCount()];
    net.getParameters(p);
    return p;
  }
}
