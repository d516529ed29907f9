package dev.neurogen.toolkit.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurogen.toolkit.data.DataSet;
import org.junit.jupiter.api.Test;

class ScalerTest {
  // column 0: 1, 2, 3, 4 -> mean 2.5, sample std sqrt(((1.5^2 + 0.5^2) * 2) / 3) = sqrt(5/3);
  // column 1 constant 7 -> scale 1; column 2: -2, 0, 0, 6 -> mean 1, std sqrt((9 + 1 + 1 + 25) / 3) = sqrt(12)
  private static final DataSet TRAIN = DataSet.ofLabels(new double[][] {{1, 7, -2}, {2, 7, 0}, {3, 7, 0}, {4, 7, 6}},
      new int[] {0, 1, 0, 1});

  @Test
  void standardizerUsesSampleStdAndScaleOneForConstantColumns() {
    Standardizer s = Standardizer.fit(TRAIN);
    assertArrayEquals(new double[] {2.5, 7, 1}, s.mean(), 1e-15);
    assertArrayEquals(new double[] {Math.sqrt(5.0 / 3), 1, Math.sqrt(12)}, s.scale(), 1e-15);
    assertArrayEquals(new double[] {(4 - 2.5) / Math.sqrt(5.0 / 3), 0, 5 / Math.sqrt(12)},
        s.transform(new double[] {4, 7, 6}), 1e-15);
    assertArrayEquals(new double[] {4, 7, 6}, s.inverse(s.transform(new double[] {4, 7, 6})), 1e-12);
    DataSet scaled = s.transform(TRAIN);
    assertEquals(TRAIN.label(3), scaled.label(3));
    assertEquals((1 - 2.5) / Math.sqrt(5.0 / 3), scaled.feature(0, 0), 1e-15);
  }

  @Test
  void minMaxMapsTrainingRangeToUnitInterval() {
    MinMaxScaler s = MinMaxScaler.fit(TRAIN);
    assertArrayEquals(new double[] {1, 7, -2}, s.center());
    assertArrayEquals(new double[] {3, 1, 8}, s.scale());
    assertArrayEquals(new double[] {1, 0, 1}, s.transform(new double[] {4, 7, 6}), 1e-15);
    assertArrayEquals(new double[] {-1.0 / 3, 1, -0.25}, s.transform(new double[] {0, 8, -4}), 1e-15);
  }

  @Test
  void checksArguments() {
    Standardizer s = Standardizer.fit(TRAIN);
    assertThrows(IllegalArgumentException.class, () -> s.transform(new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> Standardizer.of(new double[] {0}, new double[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> Standardizer.fit(DataSet.ofTargets(new double[0], 1, new double[0], 1)));
  }
}
