package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NeuralMath#exp} against two truths: {@link StrictMath#exp} (fdlibm, within 1 ulp of the
 * exact value) on 2,000,000 seeded random arguments over the whole finite range, and the exact
 * e^x, computed here in 60-digit decimal arithmetic, on 20,000 arguments of the table path; plus
 * the special values, which must be exactly those of {@link Math#exp}.
 */
class NeuralMathTest {
  private static final MathContext MC = new MathContext(60);
  /** ln 2 to 60 digits. */
  private static final BigDecimal LN2 = new BigDecimal("0.693147180559945309417232121458176568075500134360255254120680");

  /**
   * The distance in ulps between two non-negative doubles, counted in representable values (so
   * it is right across binades and in the subnormals).
   */
  private static long ulps(double a, double b) {
    return Math.abs(Double.doubleToRawLongBits(a) - Double.doubleToRawLongBits(b));
  }

  @Test
  void withinOneUlpOfStrictMathOverTheWholeRange() {
    SplittableRandom random = new SplittableRandom(20261130L);
    long maxUlps = 0;
    double worst = Double.NaN;
    long equal = 0;
    int n = 2_000_000;
    for (int i = 0; i < n; i++) {
      double x;
      switch (i % 4) {
        case 0: // uniform over the finite range and somewhat beyond
          x = random.nextDouble(-750.0, 712.0);
          break;
        case 1: // the range networks use
          x = random.nextDouble(-40.0, 40.0);
          break;
        case 2: // small magnitudes, log-uniform from 1e-20 to 1, either sign
          x = Math.pow(10.0, random.nextDouble(-20.0, 0.0)) * (random.nextBoolean() ? 1 : -1);
          break;
        default: // the subnormal results and the edges of the table path
          x = random.nextBoolean() ? random.nextDouble(-746.0, -700.0) : random.nextDouble(500.0, 520.0) * (random.nextBoolean() ? 1 : -1);
          break;
      }
      double ours = NeuralMath.exp(x);
      double strict = StrictMath.exp(x);
      long d = ulps(ours, strict);
      if (d > maxUlps) {
        maxUlps = d;
        worst = x;
      }
      if (d == 0) {
        equal++;
      }
    }
    assertTrue(maxUlps <= 1, "NeuralMath.exp(" + worst + ") is " + maxUlps + " ulps from StrictMath.exp");
    // mostly the same double: NeuralMath.exp is within 0.51 ulp of e^x, fdlibm's exp within 1 ulp
    // (about 7% of these arguments differ by one ulp, where fdlibm is not correctly rounded)
    assertTrue(equal > 0.9 * n, equal + " of " + n + " equal to StrictMath.exp");
    System.out.println("NeuralMath.exp: at most " + maxUlps + " ulp from StrictMath.exp, equal for " + equal + " of " + n);
  }

  @Test
  void withinHalfAnUlpAndAHundredthOfTheExactValue() {
    SplittableRandom random = new SplittableRandom(7L);
    double maxError = 0.0;
    double worst = Double.NaN;
    for (int i = 0; i < 20_000; i++) {
      double x = i % 2 == 0 ? random.nextDouble(-512.0, 512.0) : random.nextDouble(-10.0, 10.0);
      double ours = NeuralMath.exp(x);
      BigDecimal exact = exactExp(x);
      double error = new BigDecimal(ours).subtract(exact).abs().divide(new BigDecimal(Math.ulp(ours)), MC).doubleValue();
      if (error > maxError) {
        maxError = error;
        worst = x;
      }
    }
    assertTrue(maxError < 0.51, "NeuralMath.exp(" + worst + ") is " + maxError + " ulps from e^x");
    System.out.println("NeuralMath.exp: at most " + maxError + " ulp from e^x (at " + worst + ")");
  }

  @Test
  void specialValuesAreThoseOfMathExp() {
    double[] xs = {
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
      Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, 1e-300, -1e-300,
      0x1p-54, -0x1p-54, Double.MAX_VALUE, -Double.MAX_VALUE,
      709.782712893384, Math.nextUp(709.782712893384), 710.0, 1000.0,
      -708.3964185322641, -708.4, -720.0, -745.1332191019411, -745.1332191019412, -746.0, -1000.0,
      512.0, -512.0, Math.nextDown(512.0), -Math.nextDown(512.0),
    };
    for (double x : xs) {
      double ours = NeuralMath.exp(x);
      double math = Math.exp(x);
      if (Math.abs(x) >= 512.0 || Double.isNaN(x) || Math.abs(x) <= 0x1p-54) {
        assertEquals(Double.doubleToRawLongBits(math), Double.doubleToRawLongBits(ours), "exp(" + x + ")");
      } else {
        assertTrue(ulps(ours, math) <= 1, "exp(" + x + ") = " + ours + ", Math.exp gives " + math);
      }
    }
    assertEquals(1.0, NeuralMath.exp(0.0));
    assertEquals(1.0, NeuralMath.exp(-0.0));
    assertEquals(Double.POSITIVE_INFINITY, NeuralMath.exp(710.0));
    assertEquals(0.0, NeuralMath.exp(-746.0));
    assertTrue(Double.isNaN(NeuralMath.exp(Double.NaN)));
  }

  @Test
  void exactAtTheIntegersOfTheTablePath() {
    // e^1 and its neighbours within 1 ulp of StrictMath, and e^x e^-x within 2 ulps of 1
    for (int k = -100; k <= 100; k++) {
      assertTrue(ulps(NeuralMath.exp(k), StrictMath.exp(k)) <= 1, "exp(" + k + ")");
      assertEquals(1.0, NeuralMath.exp(k) * NeuralMath.exp(-k), 4 * Math.ulp(1.0), "exp(" + k + ") exp(" + -k + ")");
    }
  }

  /** e^x to 60 digits: x = n ln2 + r, |r| <= ln2 / 2, e^r by its Taylor series, times 2^n. */
  private static BigDecimal exactExp(double x) {
    BigDecimal bx = new BigDecimal(x);
    BigDecimal n = bx.divide(LN2, MC).setScale(0, RoundingMode.HALF_EVEN);
    BigDecimal r = bx.subtract(n.multiply(LN2, MC), MC);
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    for (int k = 1; k < 40; k++) {
      term = term.multiply(r, MC).divide(BigDecimal.valueOf(k), MC);
      sum = sum.add(term, MC);
    }
    int e = n.intValueExact();
    BigDecimal two = BigDecimal.valueOf(2);
    return e >= 0 ? sum.multiply(two.pow(e), MC) : sum.divide(two.pow(-e), MC);
  }
}
