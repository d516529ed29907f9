package dev.neurogen.optim;

/**
 * The update loops, one segment at a time. Each is a plain counted loop over {@code double[]} that
 * C2 vectorises (square root and division included). Each reads parameter {@code p[k]} and
 * gradient sum {@code g[k]}, writes the new parameter into {@code p[k]} and the OLD parameter into
 * {@code g[k]} (the gradient is consumed, so its array is the undo log), writes new moments into
 * the {@code next} arrays (the current ones are kept), and returns a sentinel: the sum of {@code
 * v * 0} over every new value v, which is 0 if all are finite and NaN otherwise.
 */
final class UpdateRules {
  private UpdateRules() {}

  /** Plain SGD on the generated storage: {@code p - step * g} (step = rate / batch size). */
  static double descend(double[] p, double[] g, double step) {
    double sentinel = 0.0;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double y = x - step * g[k];
      g[k] = x;
      p[k] = y;
      sentinel += y * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.SGD without momentum. */
  static double sgd(double[] p, double[] g, double scale, double decay, double lr) {
    double sentinel = 0.0;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double y = x - lr * d;
      g[k] = x;
      p[k] = y;
      sentinel += y * 0.0;
    }
    return sentinel;
  }

  /**
   * torch.optim.SGD with momentum, without Nesterov; on the first step pass {@code muBuffer = 0}
   * and {@code damp = 1} so that the buffer starts as the gradient.
   */
  static double sgdMomentum(double[] p, double[] g, double[] buf, double[] next, double scale, double decay,
      double lr, double muBuffer, double damp) {
    double sentinel = 0.0;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double b = muBuffer * buf[k] + damp * d;
      double y = x - lr * b;
      g[k] = x;
      p[k] = y;
      next[k] = b;
      sentinel += y * 0.0 + b * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.SGD with Nesterov momentum; first step as in {@link #sgdMomentum}. */
  static double sgdNesterov(double[] p, double[] g, double[] buf, double[] next, double scale, double decay,
      double lr, double muBuffer, double damp, double mu) {
    double sentinel = 0.0;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double b = muBuffer * buf[k] + damp * d;
      double y = x - lr * (d + mu * b);
      g[k] = x;
      p[k] = y;
      next[k] = b;
      sentinel += y * 0.0 + b * 0.0;
    }
    return sentinel;
  }

  /**
   * torch.optim.Adam ({@code shrink = 1}, {@code l2 = weight decay}) and AdamW ({@code shrink = 1 -
   * lr * weight decay}, {@code l2 = 0}); {@code stepSize = lr / (1 - beta1^t)}, {@code root = 1 /
   * sqrt(1 - beta2^t)}.
   */
  static double adam(double[] p, double[] g, double[] m, double[] v, double[] mNext, double[] vNext,
      double scale, double l2, double shrink, double beta1, double beta2, double stepSize, double root,
      double epsilon) {
    double sentinel = 0.0;
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + l2 * x;
      double mk = beta1 * m[k] + c1 * d;
      double vk = beta2 * v[k] + c2 * (d * d);
      double y = x * shrink - stepSize * (mk / (Math.sqrt(vk) * root + epsilon));
      g[k] = x;
      p[k] = y;
      mNext[k] = mk;
      vNext[k] = vk;
      sentinel += y * 0.0 + vk * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.RMSprop, not centered, no momentum. */
  static double rmsProp(double[] p, double[] g, double[] s, double[] sNext, double scale, double decay,
      double lr, double alpha, double epsilon) {
    double sentinel = 0.0;
    double c = 1 - alpha;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double sk = alpha * s[k] + c * (d * d);
      double y = x - lr * (d / (Math.sqrt(sk) + epsilon));
      g[k] = x;
      p[k] = y;
      sNext[k] = sk;
      sentinel += y * 0.0 + sk * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.RMSprop, centered, no momentum. */
  static double rmsPropCentered(double[] p, double[] g, double[] s, double[] sNext, double[] a, double[] aNext,
      double scale, double decay, double lr, double alpha, double epsilon) {
    double sentinel = 0.0;
    double c = 1 - alpha;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double sk = alpha * s[k] + c * (d * d);
      double ak = alpha * a[k] + c * d;
      double y = x - lr * (d / (Math.sqrt(sk - ak * ak) + epsilon));
      g[k] = x;
      p[k] = y;
      sNext[k] = sk;
      aNext[k] = ak;
      sentinel += y * 0.0 + sk * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.RMSprop, not centered, with momentum. */
  static double rmsPropMomentum(double[] p, double[] g, double[] s, double[] sNext, double[] buf, double[] bufNext,
      double scale, double decay, double lr, double alpha, double epsilon, double mu) {
    double sentinel = 0.0;
    double c = 1 - alpha;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double sk = alpha * s[k] + c * (d * d);
      double b = mu * buf[k] + d / (Math.sqrt(sk) + epsilon);
      double y = x - lr * b;
      g[k] = x;
      p[k] = y;
      sNext[k] = sk;
      bufNext[k] = b;
      sentinel += y * 0.0 + sk * 0.0;
    }
    return sentinel;
  }

  /** torch.optim.RMSprop, centered, with momentum. */
  static double rmsPropCenteredMomentum(double[] p, double[] g, double[] s, double[] sNext, double[] a,
      double[] aNext, double[] buf, double[] bufNext, double scale, double decay, double lr, double alpha,
      double epsilon, double mu) {
    double sentinel = 0.0;
    double c = 1 - alpha;
    for (int k = 0; k < p.length; k++) {
      double x = p[k];
      double d = scale * g[k] + decay * x;
      double sk = alpha * s[k] + c * (d * d);
      double ak = alpha * a[k] + c * d;
      double b = mu * buf[k] + d / (Math.sqrt(sk - ak * ak) + epsilon);
      double y = x - lr * b;
      g[k] = x;
      p[k] = y;
      sNext[k] = sk;
      aNext[k] = ak;
      bufNext[k] = b;
      sentinel += y * 0.0 + sk * 0.0;
    }
    return sentinel;
  }

  /** Sentinel over staged values (the single-sample shortcut stages new parameters in the gradient arrays). */
  static double check(double[] staged) {
    double sentinel = 0.0;
    for (int k = 0; k < staged.length; k++) {
      sentinel += staged[k] * 0.0;
    }
    return sentinel;
  }
}
