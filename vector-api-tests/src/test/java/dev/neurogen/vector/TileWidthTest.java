package dev.neurogen.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.neurogen.Classifier;
import dev.neurogen.vector.nets.VectorNets_DigitsImpl;
import dev.neurogen.vector.nets.VectorNets_SigmoidCeImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels choose their register tile from the vector species ({@code WIDE_TILES}:
 * 8-sample groups where vectors are 512 bits wide, 4 otherwise). On an AVX-512 machine the narrow
 * tile never runs in the other tests, so this one trains two networks here and in a second JVM
 * started with {@code -XX:UseAVX=2} (256-bit vectors, the narrow tile) and compares every
 * parameter. They agree to 1e-11 of the largest parameter, not bit for bit: the vector width also
 * changes where the masked tails fall and the order of the lane sums (the 64-32-10 network, whose
 * widths are multiples of both, does come out bit-identical). It runs where this JVM has 512-bit
 * vectors; elsewhere both JVMs would take the narrow tile and the test is skipped.
 */
class TileWidthTest {

  @Test
  void trainingGivesTheSameBitsWithWideAndNarrowTiles() throws IOException, InterruptedException {
    assumeTrue(DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512,
        "this JVM has " + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + "-bit vectors: no wide tiles to compare");
    String here = digest();
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:UseAVX=2",
        "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
        TileWidthTest.class.getName()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(true, child.waitFor(120, TimeUnit.SECONDS), "the -XX:UseAVX=2 JVM did not finish");
    assertEquals(0, child.exitValue(), output);
    // the JVM's own notice ("WARNING: Using incubator modules") comes first, on standard error
    String[] lines = output.lines().filter(line -> !line.startsWith("WARNING:")).toArray(String[]::new);
    assertEquals("256", lines[0].trim(), "the -XX:UseAVX=2 JVM's vector width (bits): " + output);
    String[] wide = here.split(" ");
    String[] narrow = lines[lines.length - 1].trim().split(" ");
    assertEquals(wide.length, narrow.length, output);
    double largest = 0;
    for (String v : wide) {
      largest = Math.max(largest, Math.abs(Double.longBitsToDouble(Long.parseUnsignedLong(v, 16))));
    }
    for (int k = 0; k < wide.length; k++) {
      double a = Double.longBitsToDouble(Long.parseUnsignedLong(wide[k], 16));
      double b = Double.longBitsToDouble(Long.parseUnsignedLong(narrow[k], 16));
      assertEquals(a, b, 1e-11 * largest, "parameter " + k + " after training, 512-bit against 256-bit vectors");
    }
  }

  /** Prints this JVM's vector width and the digest: the second JVM's entry point. */
  public static void main(String[] args) {
    System.out.println(DoubleVector.SPECIES_PREFERRED.vectorBitSize());
    System.out.println(digest());
  }

  /**
   * Trains each network 30 steps on batches of 37 rows (full tiles of both widths and a tail) and
   * returns every parameter of both networks as the hex of its bits, separated by spaces.
   */
  static String digest() {
    StringBuilder out = new StringBuilder();
    for (Classifier net : new Classifier[] {new VectorNets_SigmoidCeImpl(3L), new VectorNets_DigitsImpl(4L)}) {
      SplittableRandom random = new SplittableRandom(5L);
      int batch = 37;
      double[] inputs = random.doubles((long) batch * net.inputSize(), -1, 1).toArray();
      int[] labels = random.ints(batch, 0, net.outputSize()).toArray();
      for (int step = 0; step < 30; step++) {
        net.trainStep(inputs, labels, batch, 0.05);
      }
      double[] p = new double[net.parameterCount()];
      net.getParameters(p);
      for (double v : p) {
        out.append(Long.toHexString(Double.doubleToRawLongBits(v))).append(' ');
      }
    }
    return out.toString().trim();
  }
}
