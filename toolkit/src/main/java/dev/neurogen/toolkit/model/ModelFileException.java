package dev.neurogen.toolkit.model;

import java.io.IOException;

/**
 * A model file that cannot be loaded: truncated, damaged (checksum), of an unknown format version,
 * or made for a network whose topology, activations or loss differ from the one given. The message
 * names the file and the problem; a model file is never half-loaded.
 */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** @param message the file and what is wrong with it */
  public ModelFileException(String message) {
    super(message);
  }

  /**
   * @param message the file and what is wrong with it
   * @param cause the underlying failure
   */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
