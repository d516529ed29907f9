package dev.neurogen.sample;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The work behind each command, done with the neurogen training toolkit: loading and splitting
 * data, fitting, evaluating, saving and loading models.
 */
final class Runs {
  private Runs() {}

  static int train(
      DataOptions data,
      TrainOptions training,
      Path outFolder,
      Path saveTest,
      boolean plain,
      PrintWriter out) {
    if (data.source() == DataOptions.Source.FASHION) {
      data.fashionFiles();
    }
    throw new UnsupportedOperationException("training toolkit not merged yet");
  }

  static int evaluate(Path model, DataOptions data, PrintWriter out) {
    throw new UnsupportedOperationException("training toolkit not merged yet");
  }

  static int predict(
      Path model, Path input, boolean header, String label, InputStream in, PrintWriter out) {
    throw new UnsupportedOperationException("training toolkit not merged yet");
  }

  static int bench(DataOptions data, TrainOptions training, int rounds, PrintWriter out) {
    throw new UnsupportedOperationException("training toolkit not merged yet");
  }
}
