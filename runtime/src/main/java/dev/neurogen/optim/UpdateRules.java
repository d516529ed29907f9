package dev.neurogen.optim;

import java.util.Arrays;

/**
 * The update loops, over elements {@code [from, to)} of one segment. Each reads parameter {@code
 * p[k]} and gradient sum {@code g[k]}, writes the new parameter into {@code p[k]} and the OLD
 * parameter into {@code g[k]} (the gradient is consumed, so its array is the undo log), and writes
 * new moments into the {@code next} arrays (the current ones are kept for a roll-back).
 *
 * <p><b>Blocks.</b> The callers ({@link Updates}, {@link OptimizerState}) cut every segment into
 * blocks of at most {@value #BLOCK} elements and run all the loops of a rule on one block before
 * the next, so the second loop of a rule finds the block's values in L1 however long the segment
 * is (a row-major layer of a flat storage is one segment of up to hundreds of thousands of values).
 * Generated networks mostly keep short segments (a looped layer is one segment per input column),
 * where a block is the whole segment.
 *
 * <p><b>Finiteness without a reduction.</b> A sum carried from one element to the next is a
 * dependency chain that C2 does not vectorise (it made the Adam loop 3x slower). Instead, the
 * parameter loop adds {@code v * 0.0} of each new parameter (and of the new moment that could
 * overflow) into {@code acc[k]}, an element-wise update that vectorises; {@code acc} holds 0 in
 * every element unless some new value was NaN or infinite. The caller reduces {@code acc} once per
 * step ({@link #drain}). {@code acc} is indexed like the segment, {@code acc[k]}, not {@code acc[k
 * - from]}: C2 (JDK 17) does not vectorise a loop that stores to two arrays of one element type at
 * different offsets (they might overlap), which made the update 3x slower; so {@code acc} is as
 * long as the longest segment, and a block touches only its own part of it. The check sits in the
 * parameter loop rather than in a loop of its own: one loop fewer per block (that was 8% of a
 * plain SGD update on the 979 short segments of 784-128-64-10). Moments and parameters stay in
 * separate loops because C2 only unrolls, and so vectorises, small loop bodies.
 *
 * <p><b>Gradients of several parts.</b> {@link #gather} adds other gradient arrays of the same
 * shape into {@code g} over a block, in the order given, and zeroes them: the data-parallel
 * trainer's reduction, fused into the update so that it costs no pass of its own.
 */
final class UpdateRules {
  /** Elements per block: {@value}; the arrays of a block of the widest rule fit in L1 together. */
  static final int BLOCK = 256;

  private UpdateRules() {}

  /**
   * Adds {@code parts[1][k] .. parts[count - 1][k]} into {@code g[k] = parts[0][k]} over {@code
   * [from, to)}, one part after the other ({@code ((g0 + g1) + g2) + ...}), and zeroes them.
   */
  static void gather(double[] g, double[][][] parts, int count, int s, int from, int to) {
    for (int q = 1; q < count; q++) {
      double[] a = parts[q][s];
      for (int k = from; k < to; k++) {
        g[k] += a[k];
        a[k] = 0.0;
      }
    }
  }

  /** Plain SGD on the generated storage: {@code p - step * g} (step = rate / batch size). */
  static void descend(double[] p, double[] g, double step, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      double x = p[k];
      double y = x - step * g[k];
      g[k] = x;
      p[k] = y;
      acc[k] += y * 0.0;
    }
  }

  /** torch.optim.SGD without momentum. */
  static void sgd(double[] p, double[] g, double scale, double decay, double lr, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      double x = p[k];
      double y = x - lr * (scale * g[k] + decay * x);
      g[k] = x;
      p[k] = y;
      acc[k] += y * 0.0;
    }
  }

  /**
   * torch.optim.SGD with momentum (Nesterov if {@code nesterov}); on the first step pass {@code
   * muBuffer = 0} and {@code damp = 1} so that the buffer starts as the gradient.
   */
  static void sgdMomentum(double[] p, double[] g, double[] buf, double[] next, double scale, double decay,
      double lr, double muBuffer, double damp, double mu, boolean nesterov, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      double d = scale * g[k] + decay * p[k];
      double b = muBuffer * buf[k] + damp * d;
      next[k] = b;
      g[k] = d; // the decayed gradient, for the parameter loop
    }
    if (nesterov) {
      for (int k = from; k < to; k++) {
        double x = p[k];
        double b = next[k];
        double y = x - lr * (g[k] + mu * b);
        g[k] = x;
        p[k] = y;
        acc[k] += y * 0.0 + b * 0.0;
      }
    } else {
      for (int k = from; k < to; k++) {
        double x = p[k];
        double b = next[k];
        double y = x - lr * b;
        g[k] = x;
        p[k] = y;
        acc[k] += y * 0.0 + b * 0.0;
      }
    }
  }

  /**
   * torch.optim.Adam ({@code shrink = 1}, {@code l2 = weight decay}) and AdamW ({@code shrink = 1 -
   * lr * weight decay}, {@code l2 = 0}); {@code stepSize = lr / (1 - beta1^t)}, {@code root = 1 /
   * sqrt(1 - beta2^t)}.
   */
  static void adam(double[] p, double[] g, double[] m, double[] v, double[] mNext, double[] vNext,
      double scale, double l2, double shrink, double beta1, double beta2, double stepSize, double root,
      double epsilon, int from, int to, double[] acc) {
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    for (int k = from; k < to; k++) {
      double d = scale * g[k] + l2 * p[k];
      mNext[k] = beta1 * m[k] + c1 * d;
      vNext[k] = beta2 * v[k] + c2 * (d * d);
    }
    for (int k = from; k < to; k++) {
      double x = p[k];
      double vn = vNext[k];
      double y = x * shrink - stepSize * (mNext[k] / (Math.sqrt(vn) * root + epsilon));
      g[k] = x;
      p[k] = y;
      acc[k] += y * 0.0 + vn * 0.0;
    }
  }

  /**
   * {@link #adam} with the moments updated in place and the gradient zeroed instead of kept as
   * an undo log: for {@link OptimizerState}'s in-place step, which runs only when {@link #admit}
   * and {@link #admitMoments} have shown that no new value can be NaN or infinite, so it needs no
   * roll-back and no sentinels. The arithmetic is {@link #adam}'s, operation for operation, so
   * both give the same bits. Streams p, g, m and v only (the double-buffered rule also writes the
   * next moments, the undo log and the sentinels). One loop: with four arrays it is small enough
   * for C2 to unroll and vectorise, and it measured a quarter faster than a moment loop and a
   * parameter loop (the fused double-buffered loop, with seven arrays, was twice as slow).
   */
  static void adamInPlace(double[] p, double[] g, double[] m, double[] v, double scale, double l2, double shrink,
      double beta1, double beta2, double stepSize, double root, double epsilon, int from, int to) {
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    for (int k = from; k < to; k++) {
      double x = p[k];
      double d = scale * g[k] + l2 * x;
      double mk = beta1 * m[k] + c1 * d;
      double vk = beta2 * v[k] + c2 * (d * d);
      m[k] = mk;
      v[k] = vk;
      g[k] = 0.0;
      p[k] = x * shrink - stepSize * (mk / (Math.sqrt(vk) * root + epsilon));
    }
  }

  /**
   * Adds a NaN into {@code acc[k]} unless {@code |g[k]| < 2^}{@value #ADMIT_EXPONENT} and {@code
   * |p[k]| < 2^}{@value #ADMIT_EXPONENT} (so also if either is NaN or infinite): {@code x *
   * 2^(1024 - 390)} is exact below the bound and overflows to infinity at it.
   */
  static void admit(double[] p, double[] g, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      acc[k] += (g[k] * ADMIT_SCALE) * 0.0 + (p[k] * ADMIT_SCALE) * 0.0;
    }
  }

  /** Exponent of {@link #admit}'s bound on gradients and parameters. */
  static final int ADMIT_EXPONENT = 390;

  private static final double ADMIT_SCALE = 0x1p634; // 2^(1024 - ADMIT_EXPONENT)

  /**
   * Adds a NaN into {@code acc[k]} unless {@code |m[k]| < 2^400} and {@code 0 <= v[k] < 2^800}
   * ({@code sqrt(v) < 2^400}; the square root of a negative number is NaN).
   */
  static void admitMoments(double[] m, double[] v, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      acc[k] += (m[k] * 0x1p624) * 0.0 + (Math.sqrt(v[k]) * 0x1p624) * 0.0;
    }
  }

  /**
   * torch.optim.RMSprop: the squared-gradient average (and, if {@code a != null}, the centered
   * gradient average) into the next arrays, then the parameters; with momentum if {@code buf !=
   * null}.
   */
  static void rmsProp(double[] p, double[] g, double[] s, double[] sNext, double[] a, double[] aNext,
      double[] buf, double[] bufNext, double scale, double decay, double lr, double alpha, double epsilon,
      double mu, int from, int to, double[] acc) {
    double c = 1 - alpha;
    for (int k = from; k < to; k++) {
      double d = scale * g[k] + decay * p[k];
      sNext[k] = alpha * s[k] + c * (d * d);
      g[k] = d; // the decayed gradient, for the loops below
    }
    if (a != null) {
      for (int k = from; k < to; k++) {
        double ak = alpha * a[k] + c * g[k];
        aNext[k] = ak;
      }
    }
    if (buf != null) {
      if (a != null) {
        for (int k = from; k < to; k++) {
          bufNext[k] = mu * buf[k] + g[k] / (Math.sqrt(sNext[k] - aNext[k] * aNext[k]) + epsilon);
        }
      } else {
        for (int k = from; k < to; k++) {
          bufNext[k] = mu * buf[k] + g[k] / (Math.sqrt(sNext[k]) + epsilon);
        }
      }
      for (int k = from; k < to; k++) {
        double x = p[k];
        double y = x - lr * bufNext[k];
        g[k] = x;
        p[k] = y;
        acc[k] += y * 0.0 + sNext[k] * 0.0;
      }
    } else if (a != null) {
      for (int k = from; k < to; k++) {
        double x = p[k];
        double sk = sNext[k];
        double y = x - lr * (g[k] / (Math.sqrt(sk - aNext[k] * aNext[k]) + epsilon));
        g[k] = x;
        p[k] = y;
        acc[k] += y * 0.0 + sk * 0.0;
      }
    } else {
      for (int k = from; k < to; k++) {
        double x = p[k];
        double sk = sNext[k];
        double y = x - lr * (g[k] / (Math.sqrt(sk) + epsilon));
        g[k] = x;
        p[k] = y;
        acc[k] += y * 0.0 + sk * 0.0;
      }
    }
  }

  /** Adds {@code v * 0.0} of every {@code values[k]}, k in [from, to), into {@code acc[k]}. */
  static void check(double[] values, int from, int to, double[] acc) {
    for (int k = from; k < to; k++) {
      acc[k] += values[k] * 0.0;
    }
  }

  /** Zeros to compare the sentinels with; never written. */
  private static final double[] ZEROS = new double[1024];

  /**
   * 0 if every element of {@code acc} is 0, NaN otherwise; leaves {@code acc} zeroed. The test is
   * {@link Arrays#equals(double[], int, int, double[], int, int)} against zeros (an element is
   * +0.0 or NaN, and the comparison is on the bits), which the JDK vectorises; a running sum would
   * be a chain of dependent additions.
   */
  static double drain(double[] acc) {
    for (int from = 0; from < acc.length; from += ZEROS.length) {
      int to = Math.min(acc.length, from + ZEROS.length);
      if (!Arrays.equals(acc, from, to, ZEROS, 0, to - from)) {
        Arrays.fill(acc, 0.0);
        return Double.NaN;
      }
    }
    return 0.0;
  }
}
