package dev.neurogen;

/** How the generated arithmetic of large (looped) layers is written. */
public enum CodeStyle {
  /**
   * Plain Java loops shaped so that HotSpot's C2 vectorises them. Runs on any JDK 17+ with no
   * flags. The default.
   */
  PORTABLE,
  /**
   * Register-blocked kernels on the incubating Java Vector API ({@code jdk.incubator.vector}):
   * each loaded weight vector feeds several samples of the batch with fused multiply-adds, and the
   * accumulators stay in registers. Faster for large layers, but both {@code javac} and {@code
   * java} need {@code --add-modules jdk.incubator.vector}, and both print a warning that an
   * incubating module is in use. Small (unrolled) layers are written the same in both styles.
   */
  VECTOR_API
}
