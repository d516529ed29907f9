package dev.neurogen.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the loss and accuracy curves of a training run as one PNG: two XChart line charts side
 * by side (loss on the left, accuracy on the right), each with a training and a validation curve
 * over the epochs, labelled axes and a legend.
 */
final class TrainingChart {
  static final int WIDTH = 640;
  static final int HEIGHT = 440;

  private TrainingChart() {}

  /**
   * The curves of one run, one value per epoch. Validation arrays may be empty (no validation
   * data); otherwise every array has the same length.
   *
   * @param title what was trained, e.g. {@code digits-small on digits, adam lr 0.001}
   * @param lossName the loss, for the axis label, e.g. {@code cross-entropy}
   */
  record Curves(
      String title,
      String lossName,
      double[] trainLoss,
      double[] validationLoss,
      double[] trainAccuracy,
      double[] validationAccuracy) {
    Curves {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(lossName, "lossName");
      int epochs = trainLoss.length;
      if (epochs == 0) {
        throw new IllegalArgumentException("trainLoss is empty: a chart needs at least one epoch");
      }
      if (trainAccuracy.length != epochs) {
        throw new IllegalArgumentException(
            "trainAccuracy has " + trainAccuracy.length + " epochs, trainLoss " + epochs);
      }
      if (validationLoss.length != 0 && validationLoss.length != epochs
          || validationAccuracy.length != validationLoss.length) {
        throw new IllegalArgumentException(
            "validation curves need 0 or "
                + epochs
                + " epochs, got loss "
                + validationLoss.length
                + " and accuracy "
                + validationAccuracy.length);
      }
    }
  }

  /**
   * Draws {@code curves} and writes the PNG to {@code file} (parent folders are created).
   *
   * @throws IOException if the file cannot be written
   */
  static void write(Curves curves, Path file) throws IOException {
    double[] epochs = IntStream.rangeClosed(1, curves.trainLoss().length).asDoubleStream().toArray();
    XYChart loss =
        chart(
            curves.title(),
            "loss (" + curves.lossName() + ")",
            Styler.LegendPosition.InsideNE,
            epochs,
            curves.trainLoss(),
            curves.validationLoss());
    XYChart accuracy =
        chart(
            curves.title(),
            "accuracy (%)",
            Styler.LegendPosition.InsideSE,
            epochs,
            percent(curves.trainAccuracy()),
            percent(curves.validationAccuracy()));
    // Losses span decades (0.6 down to 1e-4 is common): a logarithmic axis shows them all.
    if (allPositive(curves.trainLoss()) && allPositive(curves.validationLoss())) {
      loss.getStyler().setYAxisLogarithmic(true);
      loss.setYAxisTitle("loss (" + curves.lossName() + ", log scale)");
    }
    BufferedImage left = BitmapEncoder.getBufferedImage(loss);
    BufferedImage right = BitmapEncoder.getBufferedImage(accuracy);
    BufferedImage both =
        new BufferedImage(left.getWidth() + right.getWidth(), HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, both.getWidth(), both.getHeight());
      g.drawImage(left, 0, 0, null);
      g.drawImage(right, left.getWidth(), 0, null);
    } finally {
      g.dispose();
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(both, "png", file.toFile())) {
      throw new IOException("no PNG writer in this JDK's ImageIO");
    }
  }

  private static XYChart chart(
      String title,
      String yLabel,
      Styler.LegendPosition legend,
      double[] epochs,
      double[] train,
      double[] validation) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(yLabel)
            .build();
    XYStyler styler = chart.getStyler();
    styler.setLegendPosition(legend);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setAntiAlias(true);
    styler.setXAxisDecimalPattern("0");
    styler.setXAxisTickMarkSpacingHint(60);
    XYSeries t = chart.addSeries("training", epochs, train);
    t.setMarker(epochs.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    if (validation.length > 0) {
      XYSeries v = chart.addSeries("validation", epochs, validation);
      v.setMarker(epochs.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.DIAMOND);
    }
    return chart;
  }

  private static boolean allPositive(double[] values) {
    for (double v : values) {
      if (!(v > 0 && Double.isFinite(v))) {
        return false;
      }
    }
    return true;
  }

  private static double[] percent(double[] fractions) {
    double[] p = new double[fractions.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = 100 * fractions[i];
    }
    return p;
  }
}
