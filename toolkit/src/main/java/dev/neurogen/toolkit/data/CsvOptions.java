package dev.neurogen.toolkit.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * How to read a CSV file into a {@link DataSet}: immutable, made with {@link #builder()}.
 *
 * <p>Defaults: a header line, comma delimiter, UTF-8, and the <b>last column</b> as the class
 * label. Say which column holds the label by name ({@link Builder#labelColumn(String)}, needs a
 * header) or by 0-based index ({@link Builder#labelColumn(int)}), or which columns hold real
 * targets for regression ({@link Builder#targetColumns(String...)}, {@link
 * Builder#targetColumns(int...)}). Every other column is a feature and must be a number.
 *
 * <p><b>Class names to indices</b>, in an order that does not depend on the order of the rows:
 * with {@link Builder#classNames(List)} given, name {@code k} is class {@code k} (and any other
 * value in the label column is an error); otherwise, if every label is a non-negative integer,
 * the integer is the class and the names are {@code "0" .. "max"}; otherwise the distinct names
 * sorted by {@link String#compareTo} are classes {@code 0, 1, ...}. The names are kept in the data
 * set, and from there in the model file.
 *
 * @param header whether the first line holds column names
 * @param delimiter the field separator
 * @param charset the file's encoding
 * @param labelName the label column's name, or null
 * @param labelIndex the label column's 0-based index, or -1 (with no label name: last column)
 * @param targetNames names of target columns (regression), or empty
 * @param targetIndices 0-based indices of target columns (regression), or empty
 * @param classNames explicit class order, or empty
 */
public record CsvOptions(boolean header, char delimiter, Charset charset, String labelName, int labelIndex,
    List<String> targetNames, List<Integer> targetIndices, List<String> classNames) {

  /** Default: the first line is a header. */
  public static final boolean DEFAULT_HEADER = true;
  /** Default field separator. */
  public static final char DEFAULT_DELIMITER = ',';

  /** Checks and copies. */
  public CsvOptions {
    Objects.requireNonNull(charset, "charset must not be null");
    targetNames = List.copyOf(targetNames);
    targetIndices = List.copyOf(targetIndices);
    classNames = List.copyOf(classNames);
    int labelWays = (labelName != null ? 1 : 0) + (labelIndex >= 0 ? 1 : 0);
    boolean targets = !targetNames.isEmpty() || !targetIndices.isEmpty();
    if (labelWays > 1 || (labelWays == 1 && targets) || (!targetNames.isEmpty() && !targetIndices.isEmpty())) {
      throw new IllegalArgumentException("give either one label column (by name or by index) or target columns"
          + " (by names or by indices), not several");
    }
    if ((labelName != null || !targetNames.isEmpty()) && !header) {
      throw new IllegalArgumentException("columns can be named only if the file has a header; use the index form"
          + " (labelColumn(int), targetColumns(int...)) or header(true)");
    }
    if (labelIndex < -1) {
      throw new IllegalArgumentException("labelIndex must be a 0-based column index, got " + labelIndex);
    }
    for (int index : targetIndices) {
      if (index < 0) {
        throw new IllegalArgumentException("target column indices are 0-based and not negative, got " + index);
      }
    }
    if (targets && !classNames.isEmpty()) {
      throw new IllegalArgumentException("class names apply to a label column, not to target columns");
    }
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("delimiter must not be a quote or a line break, got '" + delimiter + "'");
    }
  }

  /** The defaults: header, comma, UTF-8, last column is the label. */
  public static CsvOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** True if the file has real target columns instead of a label column. */
  public boolean hasTargets() {
    return !targetNames.isEmpty() || !targetIndices.isEmpty();
  }

  /** Builder of {@link CsvOptions}; checked in {@link #build()}. */
  public static final class Builder {
    private boolean header = DEFAULT_HEADER;
    private char delimiter = DEFAULT_DELIMITER;
    private Charset charset = StandardCharsets.UTF_8;
    private String labelName;
    private int labelIndex = -1;
    private List<String> targetNames = List.of();
    private List<Integer> targetIndices = List.of();
    private List<String> classNames = List.of();

    private Builder() {}

    /** Whether the first line holds column names (default true). */
    public Builder header(boolean header) {
      this.header = header;
      return this;
    }

    /** The field separator (default ','). */
    public Builder delimiter(char delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    /** The file's encoding (default UTF-8). */
    public Builder charset(Charset charset) {
      this.charset = charset;
      return this;
    }

    /** The label is in the column with this header name. */
    public Builder labelColumn(String name) {
      this.labelName = Objects.requireNonNull(name, "name must not be null");
      return this;
    }

    /** The label is in the column with this 0-based index. */
    public Builder labelColumn(int index) {
      this.labelIndex = index;
      return this;
    }

    /** Real targets (regression) in the columns with these header names, in this order. */
    public Builder targetColumns(String... names) {
      this.targetNames = List.of(names);
      return this;
    }

    /** Real targets (regression) in the columns with these 0-based indices, in this order. */
    public Builder targetColumns(int... indices) {
      this.targetIndices = java.util.Arrays.stream(indices).boxed().toList();
      return this;
    }

    /** The classes in this order: {@code names.get(k)} is class {@code k}. */
    public Builder classNames(List<String> names) {
      this.classNames = List.copyOf(names);
      return this;
    }

    /** The options; throws {@link IllegalArgumentException} for contradicting settings. */
    public CsvOptions build() {
      return new CsvOptions(header, delimiter, charset, labelName, labelIndex, targetNames, targetIndices, classNames);
    }
  }
}
