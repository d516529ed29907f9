package dev.neurogen.toolkit;

import dev.neurogen.toolkit.data.CsvOptions;
import dev.neurogen.toolkit.data.DataSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Shared test data. */
public final class TestData {
  private TestData() {}

  /** A test resource as a path. */
  public static Path resource(String name) {
    try {
      return Path.of(TestData.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Iris with species names. */
  public static DataSet iris() {
    try {
      return DataSet.readCsv(resource("iris.csv"), CsvOptions.builder().labelColumn("species").build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
