package dev.neurogen.optim;

import java.util.Arrays;

/**
 * The optimizer update loops of {@link OptimizerState} for float networks ({@code precision =
 * FLOAT}): the same algorithms as the double rules ({@code UpdateRules}), with float parameters,
 * gradients and moments and float arithmetic throughout. The hyperparameters and the per-step
 * factors (learning rate, bias corrections) are computed in double by the caller, once per step,
 * and rounded to float, as PyTorch does for a float32 tensor (its scalars are applied in the
 * tensor's dtype).
 *
 * <p>Same contract as the double rules: each reads parameter {@code p[k]} and gradient sum {@code
 * g[k]}, writes the new parameter into {@code p[k]} and the OLD parameter into {@code g[k]} (the
 * consumed gradient array is the undo log), and writes the new moments into the {@code next}
 * arrays, so that a roll-back only has to copy {@code g} back into {@code p} and not swap the
 * moments.
 *
 * <p><b>Blocks.</b> Each segment is processed in blocks of {@link #BLOCK} elements (2 KiB of
 * floats per array, so a block of every array a rule touches stays in L1): within a block the
 * moment loop, the parameter loop and the finiteness check run one after the other over the same,
 * cache-resident elements. The finiteness check adds {@code v * 0.0f} of each new parameter and
 * moment into {@code acc[k - from]}, a block-sized sentinel array: an element-wise update that
 * vectorises, where a running reduction would be a dependency chain. {@code acc} stays all {@code
 * +0.0f} unless some new value was NaN or infinite; the caller {@link #drain drains} it once per
 * step. Loop bodies are small because C2 only unrolls, and so vectorises, small loop bodies.
 * {@code (float) Math.sqrt(x)} of a float {@code x} is the correctly rounded float square root (and
 * C2 compiles it to the float instruction).
 */
final class FloatUpdateRules {
  private FloatUpdateRules() {}

  /** Elements per block, and the length of the sentinel array. */
  static final int BLOCK = 512;

  /** The sentinel array a storage needs: one block, or its longest segment if shorter. */
  static int sentinelLength(ParameterStorage storage) {
    return Math.max(1, Math.min(BLOCK, storage.maxSegmentLength()));
  }

  /** torch.optim.SGD without momentum: {@code p - lr * (scale * g + decay * p)}. */
  static void sgd(float[] p, float[] g, float scale, float decay, float lr, float[] acc) {
    for (int from = 0; from < p.length; from += BLOCK) {
      int to = Math.min(p.length, from + BLOCK);
      for (int k = from; k < to; k++) {
        float x = p[k];
        float y = x - lr * (scale * g[k] + decay * x);
        g[k] = x;
        p[k] = y;
      }
      check(p, from, to, acc);
    }
  }

  /**
   * torch.optim.SGD with momentum (Nesterov if {@code nesterov}); on the first step pass {@code
   * muBuffer = 0} and {@code damp = 1} so that the buffer starts as the gradient.
   */
  static void sgdMomentum(float[] p, float[] g, float[] buf, float[] next, float scale, float decay, float lr,
      float muBuffer, float damp, float mu, boolean nesterov, float[] acc) {
    for (int from = 0; from < p.length; from += BLOCK) {
      int to = Math.min(p.length, from + BLOCK);
      for (int k = from; k < to; k++) {
        float d = scale * g[k] + decay * p[k];
        next[k] = muBuffer * buf[k] + damp * d;
        g[k] = d; // the decayed gradient, for the parameter loop
      }
      if (nesterov) {
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - lr * (g[k] + mu * next[k]);
          g[k] = x;
          p[k] = y;
        }
      } else {
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - lr * next[k];
          g[k] = x;
          p[k] = y;
        }
      }
      check(p, next, from, to, acc);
    }
  }

  /**
   * torch.optim.Adam ({@code shrink = 1}, {@code l2 = weight decay}) and AdamW ({@code shrink = 1 -
   * lr * weight decay}, {@code l2 = 0}); {@code stepSize = lr / (1 - beta1^t)}, {@code root = 1 /
   * sqrt(1 - beta2^t)}, {@code c1 = 1 - beta1} and {@code c2 = 1 - beta2}, each computed in double
   * and rounded to float (in float, {@code 1 - 0.999f} would be off by 1.3e-5 relative).
   */
  static void adam(float[] p, float[] g, float[] m, float[] v, float[] mNext, float[] vNext, float scale, float l2,
      float shrink, float beta1, float beta2, float c1, float c2, float stepSize, float root, float epsilon,
      float[] acc) {
    for (int from = 0; from < p.length; from += BLOCK) {
      int to = Math.min(p.length, from + BLOCK);
      for (int k = from; k < to; k++) {
        float d = scale * g[k] + l2 * p[k];
        mNext[k] = beta1 * m[k] + c1 * d;
        vNext[k] = beta2 * v[k] + c2 * (d * d);
      }
      for (int k = from; k < to; k++) {
        float x = p[k];
        float y = x * shrink - stepSize * (mNext[k] / ((float) Math.sqrt(vNext[k]) * root + epsilon));
        g[k] = x;
        p[k] = y;
      }
      check(p, vNext, from, to, acc);
    }
  }

  /**
   * torch.optim.RMSprop: the squared-gradient average (and, if {@code a != null}, the centered
   * gradient average) into the next arrays, then the parameters; with momentum if {@code buf !=
   * null}; {@code c = 1 - alpha}, computed in double and rounded to float.
   */
  static void rmsProp(float[] p, float[] g, float[] s, float[] sNext, float[] a, float[] aNext, float[] buf,
      float[] bufNext, float scale, float decay, float lr, float alpha, float c, float epsilon, float mu,
      float[] acc) {
    for (int from = 0; from < p.length; from += BLOCK) {
      int to = Math.min(p.length, from + BLOCK);
      for (int k = from; k < to; k++) {
        float d = scale * g[k] + decay * p[k];
        sNext[k] = alpha * s[k] + c * (d * d);
        g[k] = d; // the decayed gradient, for the loops below
      }
      if (a != null) {
        for (int k = from; k < to; k++) {
          aNext[k] = alpha * a[k] + c * g[k];
        }
      }
      if (buf != null) {
        if (a != null) {
          for (int k = from; k < to; k++) {
            bufNext[k] = mu * buf[k] + g[k] / ((float) Math.sqrt(sNext[k] - aNext[k] * aNext[k]) + epsilon);
          }
        } else {
          for (int k = from; k < to; k++) {
            bufNext[k] = mu * buf[k] + g[k] / ((float) Math.sqrt(sNext[k]) + epsilon);
          }
        }
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - lr * bufNext[k];
          g[k] = x;
          p[k] = y;
        }
      } else if (a != null) {
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - lr * (g[k] / ((float) Math.sqrt(sNext[k] - aNext[k] * aNext[k]) + epsilon));
          g[k] = x;
          p[k] = y;
        }
      } else {
        for (int k = from; k < to; k++) {
          float x = p[k];
          float y = x - lr * (g[k] / ((float) Math.sqrt(sNext[k]) + epsilon));
          g[k] = x;
          p[k] = y;
        }
      }
      // a non-finite momentum buffer or centered average makes the parameter non-finite too
      check(p, sNext, from, to, acc);
    }
  }

  /** Adds {@code v * 0.0f} of {@code values[from .. to)} into {@code acc[0 .. to - from)}. */
  static void check(float[] values, int from, int to, float[] acc) {
    int n = to - from;
    for (int i = 0; i < n; i++) {
      acc[i] += values[from + i] * 0.0f;
    }
  }

  /** The same for two arrays at once. */
  static void check(float[] a, float[] b, int from, int to, float[] acc) {
    int n = to - from;
    for (int i = 0; i < n; i++) {
      acc[i] += a[from + i] * 0.0f + b[from + i] * 0.0f;
    }
  }

  /** Zeros to compare the sentinels with; never written. */
  private static final float[] ZEROS = new float[BLOCK];

  /**
   * Whether every element of {@code acc} is {@code +0.0f} (every value checked was finite); leaves
   * {@code acc} zeroed. The comparison is on the bits ({@link Arrays#equals(float[], int, int,
   * float[], int, int)}, which the JDK vectorises): an element is {@code +0.0f} or NaN.
   */
  static boolean drain(float[] acc) {
    for (int from = 0; from < acc.length; from += ZEROS.length) {
      int to = Math.min(acc.length, from + ZEROS.length);
      if (!Arrays.equals(acc, from, to, ZEROS, 0, to - from)) {
        Arrays.fill(acc, 0.0f);
        return false;
      }
    }
    return true;
  }
}
