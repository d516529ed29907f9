package dev.neurogen.optim;

import java.util.Arrays;

/**
 * The update loops, one segment at a time. Each reads parameter {@code p[k]} and gradient sum
 * {@code g[k]}, writes the new parameter into {@code p[k]} and the OLD parameter into {@code g[k]}
 * (the gradient is consumed, so its array is the undo log), and writes new moments into the
 * {@code next} arrays (the current ones are kept for a roll-back).
 *
 * <p>Finiteness is tracked without a reduction in the hot loops: a sum carried from one element to
 * the next is a dependency chain that C2 does not vectorise (it made the Adam loop 3x slower).
 * Instead, a last loop per segment adds {@code v * 0.0} of each new value into {@code acc[k]}, an
 * element-wise update of a small array that stays in L1 and vectorises; {@code acc} holds 0 in
 * every element unless some new value was NaN or infinite. The caller reduces {@code acc} once per
 * step. Loop bodies are kept small (moments and parameters in separate loops over the same,
 * L1-resident segment) because C2 only unrolls, and so vectorises, small loop bodies.
 */
final class UpdateRules {
  private UpdateRules() {}

  /** Plain SGD on the generated storage: {@code p - step * g} (step = rate / batch size). */
  static void descend(double[] p, double[] g, double step, double[] acc) {
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double y = x - step * g[k];
      g[k] = x;
      p[k] = y;
    }
    check(p, acc);
  }

  /** torch.optim.SGD without momentum. */
  static void sgd(double[] p, double[] g, double scale, double decay, double lr, double[] acc) {
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double y = x - lr * (scale * g[k] + decay * x);
      g[k] = x;
      p[k] = y;
    }
    check(p, acc);
  }

  /**
   * torch.optim.SGD with momentum (Nesterov if {@code nesterov}); on the first step pass {@code
   * muBuffer = 0} and {@code damp = 1} so that the buffer starts as the gradient.
   */
  static void sgdMomentum(double[] p, double[] g, double[] buf, double[] next, double scale, double decay,
      double lr, double muBuffer, double damp, double mu, boolean nesterov, double[] acc) {
    for (int k = 0; k < p.length; k++) {
      double d = scale * g[k] + decay * p[k];
      double b = muBuffer * buf[k] + damp * d;
      next[k] = b;
      g[k] = d; // the decayed gradient, for the parameter loop
    }
    if (nesterov) {
      for (int k = 0; k < p.length; k++) {
        double x = p[k];
        double y = x - lr * (g[k] + mu * next[k]);
        g[k] = x;
        p[k] = y;
      }
    } else {
      for (int k = 0; k < p.length; k++) {
        double x = p[k];
        double y = x - lr * next[k];
        g[k] = x;
        p[k] = y;
      }
    }
    check(p, next, acc);
  }

  /**
   * torch.optim.Adam ({@code shrink = 1}, {@code l2 = weight decay}) and AdamW ({@code shrink = 1 -
   * lr * weight decay}, {@code l2 = 0}); {@code stepSize = lr / (1 - beta1^t)}, {@code root = 1 /
   * sqrt(1 - beta2^t)}.
   */
  static void adam(double[] p, double[] g, double[] m, double[] v, double[] mNext, double[] vNext,
      double scale, double l2, double shrink, double beta1, double beta2, double stepSize, double root,
      double epsilon, double[] acc) {
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    for (int k = 0; k < p.length; k++) {
      double d = scale * g[k] + l2 * p[k];
      mNext[k] = beta1 * m[k] + c1 * d;
      vNext[k] = beta2 * v[k] + c2 * (d * d);
    }
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double y = x * shrink - stepSize * (mNext[k] / (Math.sqrt(vNext[k]) * root + epsilon));
      g[k] = x;
      p[k] = y;
    }
    check(p, vNext, acc);
  }

  /**
   * torch.optim.RMSprop: the squared-gradient average (and, if {@code a != null}, the centered
   * gradient average) into the next arrays, then the parameters; with momentum if {@code buf !=
   * null}.
   */
  static void rmsProp(double[] p, double[] g, double[] s, double[] sNext, double[] a, double[] aNext,
      double[] buf, double[] bufNext, double scale, double decay, double lr, double alpha, double epsilon,
      double mu, double[] acc) {
    double c = 1 - alpha;
    for (int k = 0; k < p.length; k++) {
      double d = scale * g[k] + decay * p[k];
      sNext[k] = alpha * s[k] + c * (d * d);
      g[k] = d; // the decayed gradient, for the loops below
    }
    if (a != null) {
      for (int k = 0; k < p.length; k++) {
        double ak = alpha * a[k] + c * g[k];
        aNext[k] = ak;
      }
    }
    if (buf != null) {
      if (a != null) {
        for (int k = 0; k < p.length; k++) {
          bufNext[k] = mu * buf[k] + g[k] / (Math.sqrt(sNext[k] - aNext[k] * aNext[k]) + epsilon);
        }
      } else {
        for (int k = 0; k < p.length; k++) {
          bufNext[k] = mu * buf[k] + g[k] / (Math.sqrt(sNext[k]) + epsilon);
        }
      }
      for (int k = 0; k < p.length; k++) {
        double x = p[k];
        double y = x - lr * bufNext[k];
        g[k] = x;
        p[k] = y;
      }
    } else if (a != null) {
      for (int k = 0; k < p.length; k++) {
        double x = p[k];
        double y = x - lr * (g[k] / (Math.sqrt(sNext[k] - aNext[k] * aNext[k]) + epsilon));
        g[k] = x;
        p[k] = y;
      }
    } else {
      for (int k = 0; k < p.length; k++) {
        double x = p[k];
        double y = x - lr * (g[k] / (Math.sqrt(sNext[k]) + epsilon));
        g[k] = x;
        p[k] = y;
      }
    }
    check(p, sNext, acc);
  }

  /** Adds {@code v * 0.0} of every {@code values[k]} into {@code acc[k]}. */
  static void check(double[] values, double[] acc) {
    for (int k = 0; k < values.length; k++) {
      acc[k] += values[k] * 0.0;
    }
  }

  /** Adds {@code v * 0.0} of every {@code a[k]} and {@code b[k]} into {@code acc[k]}. */
  static void check(double[] a, double[] b, double[] acc) {
    for (int k = 0; k < a.length; k++) {
      acc[k] += a[k] * 0.0 + b[k] * 0.0;
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
