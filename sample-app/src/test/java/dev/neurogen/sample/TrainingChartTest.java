package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG chart: two panels of the expected size, with curves drawn in colour. */
class TrainingChartTest {
  @TempDir Path temp;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  @Test
  void writesTwoPanelsWithCurves() throws Exception {
    TrainingChart.Curves curves =
        new TrainingChart.Curves(
            "test run",
            "cross-entropy",
            new double[] {1.0, 0.6, 0.4, 0.3},
            new double[] {1.1, 0.7, 0.5, 0.45},
            new double[] {0.5, 0.7, 0.8, 0.9},
            new double[] {0.45, 0.65, 0.75, 0.85});
    Path file = temp.resolve("sub/chart.png");
    TrainingChart.write(curves, file);
    BufferedImage image = ImageIO.read(file.toFile());
    assertEquals(2 * TrainingChart.WIDTH, image.getWidth());
    assertEquals(TrainingChart.HEIGHT, image.getHeight());
    // Both panels hold coloured (non-grey) pixels: the series lines and markers.
    assertTrue(colouredPixels(image, 0, TrainingChart.WIDTH) > 100, "left panel has no curves");
    assertTrue(
        colouredPixels(image, TrainingChart.WIDTH, 2 * TrainingChart.WIDTH) > 100,
        "right panel has no curves");
  }

  @Test
  void withoutValidationOnlyTrainingIsDrawn() throws Exception {
    TrainingChart.Curves curves =
        new TrainingChart.Curves(
            "t", "cross-entropy", new double[] {1.0}, new double[0], new double[] {0.5},
            new double[0]);
    Path file = temp.resolve("one.png");
    TrainingChart.write(curves, file);
    assertEquals(2 * TrainingChart.WIDTH, ImageIO.read(file.toFile()).getWidth());
  }

  @Test
  void mismatchedCurvesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TrainingChart.Curves(
                    "t", "l", new double[] {1, 2}, new double[] {1}, new double[] {1, 2},
                    new double[] {1}));
    assertTrue(e.getMessage().contains("validation curves need 0 or 2 epochs"), e.getMessage());
  }

  private static int colouredPixels(BufferedImage image, int fromX, int toX) {
    int count = 0;
    for (int x = fromX; x < toX; x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          count++;
        }
      }
    }
    return count;
  }
}
