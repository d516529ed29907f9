package dev.neurogen.toolkit.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format): big-endian {@code 0x00 0x00 type ndims}, then {@code ndims}
 * big-endian int32 dimensions, then the values. Only type {@code 0x08} (unsigned byte) is read.
 */
final class IdxLoader {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxLoader() {}

  static DataSet read(Path images, Path labels) throws IOException {
    Idx x = load(images);
    Idx y = load(labels);
    if (y.dims.length != 1) {
      throw new DataFileException(labels, 0, 0, "a label file has 1 dimension, this one has " + y.dims.length
          + " (did you swap the image and label files?)");
    }
    if (x.dims[0] != y.dims[0]) {
      throw new DataFileException(labels, 0, 0, "holds " + y.dims[0] + " labels but " + images + " holds " + x.dims[0] + " images");
    }
    int n = x.dims[0];
    int featureCount = 1;
    for (int d = 1; d < x.dims.length; d++) {
      featureCount = Math.multiplyExact(featureCount, x.dims[d]);
    }
    double[] features = new double[Math.multiplyExact(n, featureCount)];
    for (int i = 0; i < features.length; i++) {
      features[i] = x.data[x.offset + i] & 0xFF;
    }
    int[] label = new int[n];
    int max = -1;
    for (int i = 0; i < n; i++) {
      label[i] = y.data[y.offset + i] & 0xFF;
      max = Math.max(max, label[i]);
    }
    List<String> featureNames = DataSet.defaultFeatureNames(featureCount);
    return DataSet.trusted(features, featureCount, label, null, 0, DataSet.defaultClassNames(max + 1), featureNames);
  }

  private record Idx(int[] dims, byte[] data, int offset) {}

  private static Idx load(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    byte[] bytes = raw;
    if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new DataFileException(file, 0, 0, "gzip data is damaged or truncated: " + e.getMessage());
      }
    }
    if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
      throw new DataFileException(file, 0, 0, "not an IDX file: it must start with two zero bytes, a type and a dimension count");
    }
    int type = bytes[2] & 0xFF;
    int ndims = bytes[3] & 0xFF;
    if (type != UNSIGNED_BYTE) {
      throw new DataFileException(file, 0, 0, String.format("IDX value type 0x%02x is not supported; only 0x08 (unsigned byte)", type));
    }
    if (ndims < 1) {
      throw new DataFileException(file, 0, 0, "IDX file with 0 dimensions");
    }
    int header = 4 + 4 * ndims;
    if (bytes.length < header) {
      throw new DataFileException(file, 0, 0, "truncated: the header needs " + header + " bytes, the file has " + bytes.length);
    }
    int[] dims = new int[ndims];
    long count = 1;
    for (int d = 0; d < ndims; d++) {
      int i = 4 + 4 * d;
      dims[d] = ((bytes[i] & 0xFF) << 24) | ((bytes[i + 1] & 0xFF) << 16) | ((bytes[i + 2] & 0xFF) << 8) | (bytes[i + 3] & 0xFF);
      if (dims[d] < 0) {
        throw new DataFileException(file, 0, 0, "dimension " + d + " is negative (" + dims[d] + ")");
      }
      count *= dims[d];
    }
    if (bytes.length - header != count) {
      throw new DataFileException(file, 0, 0, (bytes.length - header < count ? "truncated" : "too long") + ": the header says "
          + count + " values, the file has " + (bytes.length - header));
    }
    return new Idx(dims, bytes, header);
  }
}
