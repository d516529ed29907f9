package dev.neurogen.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic three-class data set: isotropic Gaussian blobs in 3-D with standard deviation
 * {@value #SPREAD} around the centres (2, 0, 0), (0, 2, 0) and (0, 0, 2). The centres are 2.83
 * apart, so the classes overlap only slightly. Samples cycle through the classes (0, 1, 2, 0, ...)
 * and are drawn from {@code SplittableRandom(seed)}, so a seed always gives the same points.
 */
final class Blobs {
  static final double SPREAD = 0.6;
  private static final double[][] CENTRES = {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}};
  private static final List<String> NAMES = List.of("blob A", "blob B", "blob C");

  private Blobs() {}

  static DataSet generate(int perClass, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int size = perClass * CENTRES.length;
    double[] inputs = new double[size * 3];
    int[] labels = new int[size];
    for (int s = 0; s < size; s++) {
      int label = s % CENTRES.length;
      labels[s] = label;
      for (int j = 0; j < 3; j++) {
        inputs[s * 3 + j] = CENTRES[label][j] + SPREAD * gaussian(random);
      }
    }
    return new DataSet(3, NAMES, inputs, labels);
  }

  /**
   * A standard normal value by the Box-Muller transform; written out rather than using
   * java.util.Random.nextGaussian so that the numbers depend only on SplittableRandom's
   * specified algorithm.
   */
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
