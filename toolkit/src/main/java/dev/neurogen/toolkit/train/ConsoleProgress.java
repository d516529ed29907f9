package dev.neurogen.toolkit.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras-style progress output. On a terminal, a progress bar per epoch with the batch count, the
 * elapsed time, the samples per second so far and the running mean loss of the epoch so far,
 * redrawn in place (carriage return) at most ten times a second:
 *
 * <pre>
 * epoch  3/40  41/79 [===============>..............]   0.12s    10,843 samples/s  loss 0.094126
 * </pre>
 *
 * then, in its place, one aligned line per epoch: batches, time (validation and training accuracy
 * included), training samples per second, then the epoch's metrics in {@link History} order --
 * training loss and accuracy, validation loss and accuracy, learning rate:
 *
 * <pre>
 * epoch  3/40  79 batches   0.14s    10,112 samples/s  loss 0.093412  accuracy 0.9833  val_loss 0.101232  val_accuracy 0.9721  lr 3.00e-03 *
 * </pre>
 *
 * Losses have 6 decimals, accuracies 4, the learning rate 3 significant digits; every column has a
 * fixed width, so the lines of one run align (while losses stay below 10 and an epoch below 1,000
 * s). Metrics that were not computed (no validation data, target rows) are left out, the same in
 * every line. A {@code *} marks an epoch that improved the monitored metric of early stopping.
 * Without a terminal ({@code System.console()} is null: a file, a pipe, a CI log) there is no bar
 * and no carriage return: only the per-epoch lines and the closing line, as plain text.
 *
 * <p>Get one with {@link #create()} (decides by {@code System.console()}) or {@link
 * #create(PrintStream, boolean)}. The bar variant listens to batch events; the plain one does
 * not, so with it the batch loop builds no events.
 */
public sealed class ConsoleProgress implements FitListener permits ConsoleProgress.WithBar {
  private static final int BAR_WIDTH = 30;

  final PrintStream out;
  int epochs;
  int batches;
  int epochWidth = 1;

  ConsoleProgress(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out must not be null");
  }

  /** Progress to {@code System.out}, with a bar if {@code System.console()} is not null. */
  public static ConsoleProgress create() {
    return create(System.out, System.console() != null);
  }

  /**
   * Progress to {@code out}; {@code bar} chooses the progress bar redrawn with carriage returns
   * (for terminals), else plain lines.
   */
  public static ConsoleProgress create(PrintStream out, boolean bar) {
    return bar ? new WithBar(out) : new ConsoleProgress(out);
  }

  @Override
  public void onTrainStart(TrainStart event) {
    epochs = event.epochs();
    batches = event.batchesPerEpoch();
    epochWidth = Integer.toString(epochs).length();
  }

  @Override
  public Decision onEpochEnd(EpochEnd event) {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "epoch %" + epochWidth + "d/%d  %d batches  %6.2fs  %,9.0f samples/s",
        event.epoch(), event.epochs(), batches, event.elapsedSeconds(), event.samplesPerSecond()));
    for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
      line.append("  ").append(metric.getKey()).append(' ').append(format(metric.getKey(), metric.getValue()));
    }
    if (event.improved()) {
      line.append(" *");
    }
    printLine(line.toString());
    return Decision.CONTINUE;
  }

  /** A metric's value in its column format: accuracies 4 decimals, the rate 3 digits, losses 6. */
  static String format(String name, double value) {
    if (name.equals(Trainer.LEARNING_RATE)) {
      return String.format(Locale.ROOT, "%.2e", value);
    }
    if (name.endsWith("accuracy")) {
      return String.format(Locale.ROOT, "%.4f", value);
    }
    return String.format(Locale.ROOT, "%.6f", value);
  }

  @Override
  public void onTrainEnd(History history) {
    StringBuilder line = new StringBuilder("stopped: ").append(history.stopReason().name().toLowerCase(Locale.ROOT))
        .append(" after ").append(history.epochs()).append(" epochs");
    if (history.monitored() != null) {
      line.append(String.format(Locale.ROOT, "; best %s %s at epoch %d%s", history.monitored().key(),
          format(history.monitored().key(), history.bestScore()), history.bestEpoch(),
          history.restoredBest() ? " (parameters restored)" : ""));
    }
    printLine(line.toString());
  }

  void printLine(String line) {
    out.println(line);
  }

  /**
   * The terminal variant: a progress bar redrawn with carriage returns, showing the running mean
   * loss of the epoch (sample-weighted over the batches so far, so at the last batch it is the
   * epoch's {@code loss}).
   */
  static final class WithBar extends ConsoleProgress {
    private long lastDraw;
    private boolean drawn;
    private double lossSum;
    private long samples;

    WithBar(PrintStream out) {
      super(out);
    }

    @Override
    public void onEpochStart(int epoch) {
      lossSum = 0;
      samples = 0;
      lastDraw = 0;
    }

    @Override
    public void onBatchEnd(BatchEnd event) {
      lossSum += event.loss() * event.batchSize();
      samples += event.batchSize();
      long now = System.nanoTime();
      if (event.batch() != 1 && event.batch() != event.batches() && now - lastDraw < 100_000_000L) {
        return;
      }
      lastDraw = now;
      out.print("\r" + bar(event, lossSum / samples) + "\033[K");
      out.flush();
      drawn = true;
    }

    /** The bar line of a batch event with the running mean loss {@code loss}. */
    String bar(BatchEnd event, double loss) {
      int filled = (int) ((long) BAR_WIDTH * event.batch() / event.batches());
      String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled == BAR_WIDTH ? "=" : ">") : "")
          + ".".repeat(BAR_WIDTH - filled);
      return String.format(Locale.ROOT, "epoch %" + epochWidth + "d/%d  %" + Integer.toString(event.batches()).length()
              + "d/%d [%s]  %6.2fs  %,9.0f samples/s  loss %.6f",
          event.epoch(), epochs, event.batch(), event.batches(), bar, event.elapsedSeconds(), event.samplesPerSecond(),
          loss);
    }

    @Override
    void printLine(String line) {
      if (drawn) {
        out.print("\r\033[K");
        drawn = false;
      }
      out.println(line);
    }
  }
}
