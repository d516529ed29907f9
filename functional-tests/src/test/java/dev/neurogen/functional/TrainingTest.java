package dev.neurogen.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Classifier;
import dev.neurogen.functional.nets.TrainingNets;
import dev.neurogen.functional.nets.TrainingNets_ThreeClassesHingeImpl;
import dev.neurogen.functional.nets.TrainingNets_ThreeClassesImpl;
import dev.neurogen.functional.nets.TrainingNets_XorImpl;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The generated trainer learns small problems, with a fixed seed and the same result every run. */
class TrainingTest {

  private static final double[] XOR_INPUTS = {0, 0, 0, 1, 1, 0, 1, 1};
  private static final double[] XOR_TARGETS = {0, 1, 1, 0};

  @Test
  void learnsXor() {
    TrainingNets.Xor net = new TrainingNets_XorImpl(7L);
    double first = net.loss(XOR_INPUTS, XOR_TARGETS, 4);
    double loss = trainXor(net);
    assertTrue(first > 0.1, "the untrained network should be wrong, loss " + first);
    assertTrue(loss < 0.01, "XOR loss after training: " + loss);
    double[] output = new double[1];
    for (int s = 0; s < 4; s++) {
      net.predict(new double[] {XOR_INPUTS[2 * s], XOR_INPUTS[2 * s + 1]}, output);
      assertEquals(XOR_TARGETS[s], Math.round(output[0]), "sample " + s + " output " + output[0]);
    }
  }

  @Test
  void xorTrainingIsReproducible() {
    TrainingNets.Xor a = new TrainingNets_XorImpl(7L);
    TrainingNets.Xor b = new TrainingNets_XorImpl(7L);
    assertEquals(trainXor(a), trainXor(b));
    double[] pa = new double[a.parameterCount()];
    double[] pb = new double[b.parameterCount()];
    a.getParameters(pa);
    b.getParameters(pb);
    assertArrayEquals(pa, pb);
  }

  @Test
  void separatesThreeClassesWithCrossEntropy() {
    assertLearnsThreeClasses(TrainingNets_ThreeClassesImpl::new, 0.1);
  }

  @Test
  void separatesThreeClassesWithHinge() {
    assertLearnsThreeClasses(TrainingNets_ThreeClassesHingeImpl::new, 0.05);
  }

  /** Full-batch SGD on the four XOR points; returns the final loss. */
  private static double trainXor(TrainingNets.Xor net) {
    for (int epoch = 0; epoch < 5000; epoch++) {
      net.trainStep(XOR_INPUTS, XOR_TARGETS, 4, 2.0);
    }
    return net.loss(XOR_INPUTS, XOR_TARGETS, 4);
  }

  private static void assertLearnsThreeClasses(LongFunction<Classifier> factory, double learningRate) {
    ThreeBlobs data = new ThreeBlobs(300, 11L);
    Classifier net = factory.apply(3L);
    int batch = 20;
    double[] inputs = new double[batch * 2];
    int[] labels = new int[batch];
    for (int epoch = 0; epoch < 200; epoch++) {
      for (int start = 0; start < data.size; start += batch) {
        System.arraycopy(data.inputs, start * 2, inputs, 0, batch * 2);
        System.arraycopy(data.labels, start, labels, 0, batch);
        net.trainStep(inputs, labels, batch, learningRate);
      }
    }
    assertEquals(1.0, data.accuracy(net), "training accuracy on a linearly separable problem");
    Classifier again = factory.apply(3L);
    for (int epoch = 0; epoch < 200; epoch++) {
      for (int start = 0; start < data.size; start += batch) {
        System.arraycopy(data.inputs, start * 2, inputs, 0, batch * 2);
        System.arraycopy(data.labels, start, labels, 0, batch);
        again.trainStep(inputs, labels, batch, learningRate);
      }
    }
    assertEquals(net.loss(data.inputs, data.labels, data.size), again.loss(data.inputs, data.labels, data.size),
        "same seed, same data, same loss");
  }

  /**
   * Three classes around (-3, 0), (3, 0) and (0, 4), each point within distance 1.2 of its centre:
   * the discs are disjoint and pairwise separable by lines.
   */
  static final class ThreeBlobs {
    private static final double[][] CENTRES = {{-3, 0}, {3, 0}, {0, 4}};
    final int size;
    final double[] inputs;
    final int[] labels;

    ThreeBlobs(int size, long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      this.size = size;
      this.inputs = new double[size * 2];
      this.labels = new int[size];
      for (int s = 0; s < size; s++) {
        int label = random.nextInt(3);
        double radius = 1.2 * Math.sqrt(random.nextDouble());
        double angle = random.nextDouble(2 * Math.PI);
        labels[s] = label;
        inputs[2 * s] = CENTRES[label][0] + radius * Math.cos(angle);
        inputs[2 * s + 1] = CENTRES[label][1] + radius * Math.sin(angle);
      }
    }

    double accuracy(Classifier net) {
      int correct = 0;
      double[] input = new double[2];
      for (int s = 0; s < size; s++) {
        System.arraycopy(inputs, 2 * s, input, 0, 2);
        if (net.classify(input) == labels[s]) {
          correct++;
        }
      }
      return (double) correct / size;
    }
  }
}
