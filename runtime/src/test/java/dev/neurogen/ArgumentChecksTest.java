package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The finiteness check finds a bad value at every position of every length, and nothing else. */
class ArgumentChecksTest {
  private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

  @Test
  void everyPositionOfEveryLength() {
    for (int rowLength = 1; rowLength <= 5; rowLength++) {
      for (int rows = 1; rows <= 7; rows++) {
        int count = rows * rowLength;
        double[] values = new double[count + 3];
        for (int k = 0; k < values.length; k++) {
          values[k] = k % 2 == 0 ? -Double.MAX_VALUE : Double.MIN_VALUE * k;
        }
        int finalRows = rows;
        int finalRowLength = rowLength;
        assertDoesNotThrow(() -> ArgumentChecks.requireFiniteRows("x", values, finalRows, finalRowLength));
        for (int k = 0; k < values.length; k++) {
          for (double bad : BAD) {
            double[] poisoned = values.clone();
            poisoned[k] = bad;
            if (k < count) {
              IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                  () -> ArgumentChecks.requireFiniteRows("x", poisoned, finalRows, finalRowLength));
              assertEquals("x[" + k + "] = " + bad + " (sample " + k / rowLength + ", feature " + k % rowLength
                  + ") is not finite. Check the data for missing values (NaN) and overflow before training",
                  e.getMessage());
            } else { // beyond the batch: not read
              assertDoesNotThrow(() -> ArgumentChecks.requireFiniteRows("x", poisoned, finalRows, finalRowLength));
            }
          }
        }
      }
    }
  }

  @Test
  void firstOfSeveralIsNamed() {
    double[] values = {1, 2, Double.POSITIVE_INFINITY, 4, Double.NaN};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArgumentChecks.requireFiniteRows("inputs", values, 5, 1));
    assertEquals(true, e.getMessage().startsWith("inputs[2] = Infinity (sample 2, feature 0)"));
  }

  @Test
  void exactLength() {
    assertDoesNotThrow(() -> ArgumentChecks.requireExactLength("p", new double[3], 3, "parameterCount()"));
    assertEquals("p has length 4 but must have exactly 3 (parameterCount()): a longer array is a different"
            + " feature vector or model",
        assertThrows(IllegalArgumentException.class,
            () -> ArgumentChecks.requireExactLength("p", new double[4], 3, "parameterCount()")).getMessage());
    assertThrows(NullPointerException.class, () -> ArgumentChecks.requireExactLength("p", (double[]) null, 3, ""));
  }

  @Test
  void probabilityRows() {
    assertDoesNotThrow(() -> ArgumentChecks.requireProbabilityRows(new double[] {0.25, 0.75, 1, 0}, 2, 2));
    assertThrows(IllegalArgumentException.class,
        () -> ArgumentChecks.requireProbabilityRows(new double[] {0.25, 0.75, 0, 0}, 2, 2));
    assertDoesNotThrow(() -> ArgumentChecks.requireProbabilityRows(new double[] {0.25, 0.75, 0, 0}, 1, 2));
  }
}
