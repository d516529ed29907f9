package dev.neurogen.benchmarks;

import java.util.Arrays;

/**
 * The second hand-written reference: a port of {@code HandWrittenBaseline.java} from the shared
 * benchmark directory ({@code ../shared/bench/}), the loops that the ratios of issue 9's table
 * ("hand-written Java loops") were measured against. Its loops are copied unchanged; only the
 * layout of the source, this Javadoc and {@link #getParameters} (for the tests and the end-of-trial
 * finiteness check) were added.
 *
 * <p>Sigmoid hidden layers, softmax output with mean cross-entropy, plain SGD, float64. Per sample
 * of a batch:
 *
 * <pre>
 *   forward   z_(l+1) = sigma(W_l z_l + b_l), output p = softmax(W_L z_L + b_L)
 *   output    delta_L = p - onehot(y)
 *   backward  delta_(l-1) = (W_l^T delta_l) o sigma'(a_(l-1)),  sigma' = z (1 - z)
 *   gradient  dW_l += delta_l z_l^T,  db_l += delta_l
 * </pre>
 *
 * then one update {@code W -= (lr / n) dW, b -= (lr / n) db} for the batch of n samples.
 *
 * <p>It differs from {@link HandWrittenMlp} in ways that make it a little faster, so ratios against
 * it are the harder ones: data rows are one {@code double[]} per sample, used by reference (no copy
 * into the network), parameters are one {@code double[]} per weight row, {@link #trainStep}
 * computes no loss (no logarithm) and checks no arguments. It computes the same step as a generated
 * network with the same parameters (the flat layout is {@code dev.neurogen.ParameterLayout}'s),
 * which {@code HandWrittenBaselineTest} checks. Allocation-free after construction; not
 * thread-safe.
 */
public final class HandWrittenBaseline {
  private final int layers;
  private final double[][][] w; // w[l][out][in]
  private final double[][] b; // b[l][out]
  private final double[][][] gw;
  private final double[][] gb;
  /** z[l]: output of layer l-1; z[0] is the input (by reference); z[L] = softmax. */
  private final double[][] z;
  /** d[l]: delta of layer l's pre-activation. */
  private final double[][] d;

  /** A network with the given layer sizes, input first, and all parameters zero. */
  public HandWrittenBaseline(int... sizes) {
    layers = sizes.length - 1;
    w = new double[layers][][];
    b = new double[layers][];
    gw = new double[layers][][];
    gb = new double[layers][];
    z = new double[layers + 1][];
    d = new double[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      gw[l] = new double[sizes[l + 1]][sizes[l]];
      b[l] = new double[sizes[l + 1]];
      gb[l] = new double[sizes[l + 1]];
      z[l + 1] = new double[sizes[l + 1]];
      d[l] = new double[sizes[l + 1]];
    }
  }

  /** Replaces the parameters from the flat layout W1 row-major, b1, W2, b2, ... */
  public void setParameters(double[] flat) {
    int o = 0;
    for (int l = 0; l < layers; l++) {
      for (double[] row : w[l]) {
        System.arraycopy(flat, o, row, 0, row.length);
        o += row.length;
      }
      System.arraycopy(flat, o, b[l], 0, b[l].length);
      o += b[l].length;
    }
  }

  /** Copies the parameters into {@code flat} in the layout of {@link #setParameters}. */
  public void getParameters(double[] flat) {
    int o = 0;
    for (int l = 0; l < layers; l++) {
      for (double[] row : w[l]) {
        System.arraycopy(row, 0, flat, o, row.length);
        o += row.length;
      }
      System.arraycopy(b[l], 0, flat, o, b[l].length);
      o += b[l].length;
    }
  }

  /** Softmax probabilities of one sample. */
  public void predict(double[] x, double[] out) {
    forward(x);
    System.arraycopy(z[layers], 0, out, 0, out.length);
  }

  /** One SGD step on samples [off, off + n) of rows x with labels y. */
  public void trainStep(double[][] x, int[] y, int off, int n, double lr) {
    for (int l = 0; l < layers; l++) {
      for (double[] row : gw[l]) {
        Arrays.fill(row, 0.0);
      }
      Arrays.fill(gb[l], 0.0);
    }
    for (int s = off; s < off + n; s++) {
      forward(x[s]);
      double[] dl = d[layers - 1];
      double[] p = z[layers];
      System.arraycopy(p, 0, dl, 0, p.length);
      dl[y[s]] -= 1.0;
      for (int l = layers - 1; l >= 0; l--) {
        double[] delta = d[l];
        double[] in = z[l];
        for (int j = 0; j < delta.length; j++) {
          double dj = delta[j];
          double[] grow = gw[l][j];
          for (int i = 0; i < in.length; i++) {
            grow[i] += dj * in[i];
          }
          gb[l][j] += dj;
        }
        if (l > 0) {
          double[] prev = d[l - 1];
          Arrays.fill(prev, 0.0);
          for (int j = 0; j < delta.length; j++) {
            double dj = delta[j];
            double[] row = w[l][j];
            for (int i = 0; i < prev.length; i++) {
              prev[i] += row[i] * dj;
            }
          }
          for (int i = 0; i < prev.length; i++) {
            prev[i] *= in[i] * (1.0 - in[i]);
          }
        }
      }
    }
    double scale = lr / n;
    for (int l = 0; l < layers; l++) {
      for (int j = 0; j < w[l].length; j++) {
        double[] row = w[l][j];
        double[] grow = gw[l][j];
        for (int i = 0; i < row.length; i++) {
          row[i] -= scale * grow[i];
        }
      }
      for (int j = 0; j < b[l].length; j++) {
        b[l][j] -= scale * gb[l][j];
      }
    }
  }

  private void forward(double[] x) {
    z[0] = x;
    for (int l = 0; l < layers; l++) {
      double[] in = z[l];
      double[] out = z[l + 1];
      for (int j = 0; j < out.length; j++) {
        double[] row = w[l][j];
        double s = b[l][j];
        for (int i = 0; i < in.length; i++) {
          s += row[i] * in[i];
        }
        out[j] = s;
      }
      if (l < layers - 1) {
        for (int j = 0; j < out.length; j++) {
          out[j] = 1.0 / (1.0 + Math.exp(-out[j]));
        }
      } else {
        double max = out[0];
        for (int j = 1; j < out.length; j++) {
          if (out[j] > max) {
            max = out[j];
          }
        }
        double sum = 0;
        for (int j = 0; j < out.length; j++) {
          out[j] = Math.exp(out[j] - max);
          sum += out[j];
        }
        double inv = 1.0 / sum;
        for (int j = 0; j < out.length; j++) {
          out[j] *= inv;
        }
      }
    }
  }
}
