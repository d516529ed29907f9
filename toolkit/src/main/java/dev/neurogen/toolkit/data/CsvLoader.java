package dev.neurogen.toolkit.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads CSV files with FastCSV (RFC 4180) into a {@link DataSet}; see {@link CsvOptions}. */
final class CsvLoader {
  private CsvLoader() {}

  static DataSet read(Path file, CsvOptions options) throws IOException {
    List<CsvRecord> records = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder()
        .fieldSeparator(options.delimiter())
        .skipEmptyLines(true)
        .ignoreDifferentFieldCount(true)
        .ofCsvRecord(file, options.charset())) {
      for (CsvRecord record : reader) {
        records.add(record);
      }
    } catch (CsvParseException e) {
      throw new DataFileException(file, 0, 0, "not valid CSV: " + e.getMessage()
          + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
    }
    if (records.isEmpty()) {
      throw new DataFileException(file, 0, 0, "the file has no lines");
    }
    int columns = records.get(0).getFieldCount();
    List<String> header = options.header() ? records.get(0).getFields() : null;
    int first = options.header() ? 1 : 0;
    if (records.size() == first) {
      throw new DataFileException(file, 0, 0, "the file has a header but no data rows");
    }

    boolean[] isTarget = new boolean[columns];
    int labelColumn = -1;
    int[] targetColumns;
    if (options.hasTargets()) {
      List<Integer> indices = new ArrayList<>();
      if (!options.targetNames().isEmpty()) {
        for (String name : options.targetNames()) {
          indices.add(columnOf(file, header, name));
        }
      } else {
        for (int index : options.targetIndices()) {
          indices.add(checkIndex(file, index, columns));
        }
      }
      targetColumns = indices.stream().mapToInt(Integer::intValue).toArray();
      for (int c : targetColumns) {
        if (isTarget[c]) {
          throw new IllegalArgumentException("target column " + c + " is given twice");
        }
        isTarget[c] = true;
      }
    } else {
      labelColumn = options.labelName() != null ? columnOf(file, header, options.labelName())
          : options.labelIndex() >= 0 ? checkIndex(file, options.labelIndex(), columns) : columns - 1;
      isTarget[labelColumn] = true;
      targetColumns = new int[] {labelColumn};
    }
    int featureCount = columns - targetColumns.length;
    if (featureCount < 1) {
      throw new DataFileException(file, 1, 0, "no feature columns are left besides the label or target columns");
    }
    List<String> featureNames = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      if (!isTarget[c]) {
        featureNames.add(header != null ? header.get(c) : "x" + c);
      }
    }

    int rows = records.size() - first;
    double[] features = new double[rows * featureCount];
    double[] targets = options.hasTargets() ? new double[rows * targetColumns.length] : null;
    String[] labelText = options.hasTargets() ? null : new String[rows];
    long[] labelLine = options.hasTargets() ? null : new long[rows];
    for (int r = 0; r < rows; r++) {
      CsvRecord record = records.get(first + r);
      long line = record.getStartingLineNumber();
      if (record.getFieldCount() != columns) {
        throw new DataFileException(file, line, 0, "has " + record.getFieldCount() + " fields but the first line has "
            + columns + "; check the delimiter ('" + options.delimiter() + "') and quoting");
      }
      int f = 0;
      for (int c = 0; c < columns; c++) {
        if (c == labelColumn) {
          labelText[r] = record.getField(c).strip();
          labelLine[r] = line;
          if (labelText[r].isEmpty()) {
            throw new DataFileException(file, line, c + 1, "the label is empty");
          }
        } else if (isTarget[c]) {
          int k = indexOf(targetColumns, c);
          targets[r * targetColumns.length + k] = number(file, line, c, record.getField(c));
        } else {
          features[r * featureCount + f++] = number(file, line, c, record.getField(c));
        }
      }
    }
    if (options.hasTargets()) {
      return DataSet.trusted(features, featureCount, null, targets, targetColumns.length, List.of(), featureNames);
    }
    List<String> classNames = classNames(file, options, labelText, labelLine, labelColumn);
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < classNames.size(); k++) {
      index.put(classNames.get(k), k);
    }
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      Integer k = index.get(labelText[r]);
      if (k == null) {
        throw new DataFileException(file, labelLine[r], labelColumn + 1, "'" + labelText[r]
            + "' is not one of the class names " + classNames);
      }
      labels[r] = k;
    }
    return DataSet.trusted(features, featureCount, labels, null, 0, classNames, featureNames);
  }

  private static List<String> classNames(Path file, CsvOptions options, String[] text, long[] lines, int column)
      throws DataFileException {
    if (!options.classNames().isEmpty()) {
      return options.classNames();
    }
    boolean integers = true;
    int max = -1;
    for (String t : text) {
      if (!t.chars().allMatch(Character::isDigit) || t.length() > 9) {
        integers = false;
        break;
      }
      max = Math.max(max, Integer.parseInt(t));
    }
    if (integers) {
      List<String> names = DataSet.defaultClassNames(max + 1);
      for (int r = 0; r < text.length; r++) {
        text[r] = Integer.toString(Integer.parseInt(text[r])); // "007" is class 7
      }
      return names;
    }
    return List.copyOf(new TreeSet<>(List.of(text)));
  }

  private static double number(Path file, long line, int column, String field) throws DataFileException {
    String text = field.strip();
    if (text.isEmpty()) {
      throw new DataFileException(file, line, column + 1, "the value is empty; fill in or drop rows with missing values");
    }
    try {
      double value = Double.parseDouble(text);
      if (!Double.isFinite(value)) {
        throw new DataFileException(file, line, column + 1, "'" + text + "' is not a finite number");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DataFileException(file, line, column + 1, "'" + text + "' is not a number"
          + " (a feature column; name the label column if this is it)");
    }
  }

  private static int columnOf(Path file, List<String> header, String name) throws DataFileException {
    for (int c = 0; c < header.size(); c++) {
      if (header.get(c).strip().equals(name)) {
        return c;
      }
    }
    throw new DataFileException(file, 1, 0, "no column is named '" + name + "'; the header has " + header);
  }

  private static int checkIndex(Path file, int index, int columns) throws DataFileException {
    if (index >= columns) {
      throw new DataFileException(file, 1, 0, "column index " + index + " is outside the " + columns
          + " columns of the first line (indices are 0-based)");
    }
    return index;
  }

  private static int indexOf(int[] values, int value) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
