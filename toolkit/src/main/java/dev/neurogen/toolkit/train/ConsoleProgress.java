package dev.neurogen.toolkit.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras-style progress output: on a terminal a progress bar per epoch, redrawn in place at most
 * ten times a second, then one aligned line per epoch; without a terminal ({@code System.console()}
 * is null, e.g. output to a file or a CI log) only the per-epoch lines, as plain text:
 *
 * <pre>
 * epoch   3/100  30 batches  0.41s  2927 samples/s  loss 0.482311  val_loss 0.501228  val_accuracy 0.9130 *
 * </pre>
 *
 * A {@code *} marks an epoch that improved the monitored metric. Get one with {@link #create()}
 * (decides by {@code System.console()}) or {@link #create(PrintStream, boolean)}.
 */
public sealed class ConsoleProgress implements FitListener permits ConsoleProgress.WithBar {
  private static final int BAR_WIDTH = 30;

  final PrintStream out;
  int epochs;
  int batches;
  private int epochWidth = 1;

  ConsoleProgress(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out must not be null");
  }

  /** Progress to {@code System.out}, with a bar if {@code System.console()} is not null. */
  public static ConsoleProgress create() {
    return create(System.out, System.console() != null);
  }

  /** Progress to {@code out}; {@code bar} chooses the redrawn progress bar (terminals only). */
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
    line.append(String.format(Locale.ROOT, "epoch %" + epochWidth + "d/%d  %d batches  %6.2fs  %8.0f samples/s",
        event.epoch(), event.epochs(), batches, event.elapsedSeconds(), event.samplesPerSecond()));
    for (Map.Entry<String, Double> metric : event.metrics().entrySet()) {
      line.append(String.format(Locale.ROOT, "  %s %.6f", metric.getKey(), metric.getValue()));
    }
    if (event.improved()) {
      line.append(" *");
    }
    printLine(line.toString());
    return Decision.CONTINUE;
  }

  @Override
  public void onTrainEnd(History history) {
    StringBuilder line = new StringBuilder("stopped: ").append(history.stopReason().name().toLowerCase(Locale.ROOT))
        .append(" after ").append(history.epochs()).append(" epochs");
    if (history.monitored() != null) {
      line.append(String.format(Locale.ROOT, "; best %s %.6f at epoch %d%s", history.monitored().key(),
          history.bestScore(), history.bestEpoch(), history.restoredBest() ? " (parameters restored)" : ""));
    }
    printLine(line.toString());
  }

  void printLine(String line) {
    out.println(line);
  }

  /** The terminal variant: a progress bar redrawn with carriage returns. */
  static final class WithBar extends ConsoleProgress {
    private long lastDraw;
    private boolean drawn;

    WithBar(PrintStream out) {
      super(out);
    }

    @Override
    public void onBatchEnd(BatchEnd event) {
      long now = System.nanoTime();
      if (event.batch() != event.batches() && now - lastDraw < 100_000_000L) {
        return;
      }
      lastDraw = now;
      int filled = (int) ((long) BAR_WIDTH * event.batch() / event.batches());
      String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? (filled == BAR_WIDTH ? "=" : ">") : "")
          + ".".repeat(BAR_WIDTH - filled);
      out.print(String.format(Locale.ROOT, "\repoch %d/%d %" + Integer.toString(event.batches()).length() + "d/%d [%s] %.1fs loss %.6f",
          event.epoch(), epochs, event.batch(), event.batches(), bar, event.elapsedSeconds(), event.loss()));
      out.flush();
      drawn = true;
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
