package dev.neurogen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

  @Test
  void offsetsFollowWeightsThenBiasesLayerByLayer() {
    ParameterLayout layout = ParameterLayout.of(3, 4, 2);
    assertEquals(2, layout.layerCount());
    assertEquals(0, layout.weightOffset(1));
    assertEquals(12, layout.biasOffset(1)); // W1 is 4 x 3
    assertEquals(16, layout.weightOffset(2));
    assertEquals(24, layout.biasOffset(2)); // W2 is 2 x 4
    assertEquals(26, layout.parameterCount());
  }

  @Test
  void describesEveryIndexByMatrixRowAndColumn() {
    ParameterLayout layout = ParameterLayout.of(3, 4, 2);
    assertEquals("W1[0][0]", layout.describe(0));
    assertEquals("W1[1][2]", layout.describe(5)); // row 1, column 2 of a 3-column matrix
    assertEquals("b1[3]", layout.describe(15));
    assertEquals("W2[1][3]", layout.describe(23));
    assertEquals("b2[1]", layout.describe(25));
    assertThrows(IndexOutOfBoundsException.class, () -> layout.describe(26));
  }

  @Test
  void rejectsImpossibleShapes() {
    assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(3));
    assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(3, 0, 2));
    assertThrows(IllegalArgumentException.class, () -> ParameterLayout.of(100_000, 100_000));
  }
}
