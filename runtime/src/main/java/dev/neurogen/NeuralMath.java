package dev.neurogen;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The exponential function that generated double networks call for the sigmoid, the softmax and the
 * binary cross-entropy, written in plain Java so that the JIT inlines it into the generated loops.
 *
 * <p><b>Why not {@link Math#exp}.</b> In HotSpot's C2 compiler {@code Math.exp} is a call of a
 * hand-written assembly stub. The call itself is cheap, but every floating-point value live across
 * it must be saved to the stack and reloaded, and nothing can overlap with it: the eight independent
 * hidden units of a small network are computed one after the other. {@link #exp} is a dozen
 * multiplications and additions and two table loads that C2 schedules together with the surrounding
 * arithmetic, which makes small networks (where exp is a large part of the work) markedly faster.
 *
 * <p><b>Accuracy.</b> For |x| &lt; 512 the result is within 0.51 ulp of the exact e^x (so within
 * 1 ulp of {@link StrictMath#exp} and {@link Math#exp}, and equal to them for the large majority of
 * arguments). {@code NeuralMathTest} checks this on 2,000,000 seeded random arguments over the whole
 * range and on the special values. Every other argument (|x| &ge; 512, infinities, NaN) is passed to
 * {@link Math#exp}, so overflow to infinity, underflow to subnormals and zero, and NaN are exactly
 * what {@code Math.exp} returns; so are {@code exp(0) = exp(-0.0) = 1}.
 *
 * <p><b>Method</b> (Tang's table method, in the form of ARM's optimized-routines {@code exp}): with
 * N = 128, x = k ln2/N + r with integer k and |r| &le; ln2/(2N), so e^x = 2^(k/N) e^r. 2^(k/N) is
 * 2^(floor(k/N)) (added to the exponent bits) times 2^(j/N) with j = k mod N, read from a table that
 * keeps each 2^(j/N) as a double and the relative error of that double; e^r - 1 is a degree-5 Taylor
 * polynomial (its truncation error is below 2^-60 relative on that interval). k ln2/N is subtracted in
 * two parts, the first exact, so r carries no cancellation error. The table is computed once, when
 * the class is initialised, from 50-digit square roots of 2.
 */
public final class NeuralMath {
  /** log2 of the table size N. */
  private static final int TABLE_BITS = 7;

  /** N = 128 entries of 2^(j/N). */
  private static final int N = 1 << TABLE_BITS;

  /** N / ln 2, rounded to double. */
  private static final double INV_LN2_N = 0x1.71547652b82fep+7;

  /** -ln2/N with its last 17 bits zero, so that k * NEG_LN2_HI_N is exact for |k| &lt; 2^17. */
  private static final double NEG_LN2_HI_N = -0x1.62e42fefa0000p-8;

  /** The rest of -ln2/N: NEG_LN2_HI_N + NEG_LN2_LO_N = -ln2/N within 2^-100. */
  private static final double NEG_LN2_LO_N = -0x1.cf79abc9e3b3ap-47;

  /**
   * 1.5 * 2^52: adding it rounds a double of magnitude below 2^51 to an integer, which then sits in
   * the low bits of the sum's bit pattern.
   */
  private static final double SHIFT = 0x1.8p52;

  /** Arguments with |x| below this take the table path; the others go to {@link Math#exp}. */
  private static final double FAST_LIMIT = 512.0;

  /**
   * Pairs per j = 0..N-1: at 2j the bits of the relative error t_j of the double nearest 2^(j/N)
   * (2^(j/N) = hi_j (1 + t_j)); at 2j+1 the bits of hi_j minus j &lt;&lt; (52 - TABLE_BITS), so that
   * adding k &lt;&lt; (52 - TABLE_BITS) gives the bits of 2^floor(k/N) hi_j.
   */
  private static final long[] TABLE = table();

  private NeuralMath() {}

  /**
   * e^x, within 0.51 ulp of the exact value (within 1 ulp of {@link StrictMath#exp}); equal to
   * {@link Math#exp} for |x| &ge; 512, infinities and NaN.
   *
   * @param x the exponent
   * @return e^x
   */
  public static double exp(double x) {
    if (!(Math.abs(x) < FAST_LIMIT)) {
      return Math.exp(x); // overflow, deep underflow, infinities and NaN
    }
    // x = k ln2/N + r, |r| <= ln2/(2N)
    double kd = x * INV_LN2_N + SHIFT;
    long ki = Double.doubleToRawLongBits(kd);
    kd -= SHIFT;
    double r = x + kd * NEG_LN2_HI_N + kd * NEG_LN2_LO_N;
    // 2^(k/N) = scale (1 + tail)
    int j = (int) ki & (N - 1);
    double tail = Double.longBitsToDouble(TABLE[2 * j]);
    double scale = Double.longBitsToDouble(TABLE[2 * j + 1] + (ki << (52 - TABLE_BITS)));
    // e^x = scale (1 + tail) e^r ~ scale + scale (tail + (e^r - 1)), e^r - 1 as a polynomial
    double r2 = r * r;
    double tmp = tail + r + r2 * (0.5 + r * (1.0 / 6.0)) + r2 * r2 * (1.0 / 24.0 + r * (1.0 / 120.0));
    return scale + scale * tmp;
  }

  private static long[] table() {
    MathContext mc = new MathContext(50);
    // 2^(1/N) by TABLE_BITS square roots of 2
    BigDecimal root = BigDecimal.valueOf(2);
    for (int i = 0; i < TABLE_BITS; i++) {
      root = root.sqrt(mc);
    }
    long[] table = new long[2 * N];
    BigDecimal power = BigDecimal.ONE;
    for (int j = 0; j < N; j++) {
      double hi = power.doubleValue();
      double tail = power.subtract(new BigDecimal(hi)).divide(new BigDecimal(hi), mc).doubleValue();
      table[2 * j] = Double.doubleToRawLongBits(tail);
      table[2 * j + 1] = Double.doubleToRawLongBits(hi) - ((long) j << (52 - TABLE_BITS));
      power = power.multiply(root, mc);
    }
    return table;
  }
}
