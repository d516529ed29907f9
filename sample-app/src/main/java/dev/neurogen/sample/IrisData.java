package dev.neurogen.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Loads Fisher's iris data from the classpath resource {@code /iris.csv} (see {@code
 * iris.README.md} next to it for provenance). Format: a header {@code rows,features,class names...}
 * and then one sample per line, the features followed by the class index.
 */
final class IrisData {
  static final String RESOURCE = "/iris.csv";

  private IrisData() {}

  static DataSet load() {
    InputStream stream = IrisData.class.getResourceAsStream(RESOURCE);
    if (stream == null) {
      throw new IllegalStateException(
          "classpath resource " + RESOURCE + " is missing; it belongs in"
              + " sample-app/src/main/resources/ and 'mvn package' packs it into sample-app.jar");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      return parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static DataSet parse(BufferedReader reader) throws IOException {
    String header = reader.readLine();
    if (header == null) {
      throw new IllegalStateException(RESOURCE + " is empty");
    }
    String[] head = header.split(",");
    if (head.length < 3) {
      throw new IllegalStateException(RESOURCE + ": bad header '" + header + "'");
    }
    int rows = Integer.parseInt(head[0].trim());
    int features = Integer.parseInt(head[1].trim());
    List<String> classNames = Arrays.asList(Arrays.copyOfRange(head, 2, head.length));
    double[] inputs = new double[rows * features];
    int[] labels = new int[rows];
    for (int s = 0; s < rows; s++) {
      String line = reader.readLine();
      if (line == null) {
        throw new IllegalStateException(
            RESOURCE + ": the header promises " + rows + " rows, found " + s);
      }
      String[] fields = line.split(",");
      if (fields.length != features + 1) {
        throw new IllegalStateException(
            RESOURCE + " line " + (s + 2) + ": expected " + (features + 1) + " fields: " + line);
      }
      for (int j = 0; j < features; j++) {
        inputs[s * features + j] = Double.parseDouble(fields[j].trim());
      }
      labels[s] = Integer.parseInt(fields[features].trim());
    }
    return new DataSet(features, classNames, inputs, labels);
  }
}
