package dev.neurogen.toolkit.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as asked: a value that is not a number, a row with the wrong
 * number of fields, an unknown class name, a truncated IDX file. The message names the file, the
 * line (1-based, as an editor shows it) and the column (1-based) when they apply, and says what to
 * change.
 */
public final class DataFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;
  private final int column;

  /**
   * @param file the file read
   * @param line 1-based line, or 0 if the problem is not on one line
   * @param column 1-based column (field), or 0 if the problem is not in one column
   * @param problem what is wrong and how to fix it
   */
  public DataFileException(Path file, long line, int column, String problem) {
    super(file + (line > 0 ? " line " + line : "") + (column > 0 ? ", column " + column : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** The file read. */
  public Path file() {
    return file;
  }

  /** 1-based line of the problem, 0 if it is not on one line. */
  public long line() {
    return line;
  }

  /** 1-based column (field) of the problem, 0 if it is not in one column. */
  public int column() {
    return column;
  }
}
