package dev.neurogen.parallel;

/**
 * A part of a mini-batch failed on one of {@link ParallelTrainer}'s threads (its cause is what that
 * thread threw). When this is thrown the step has not changed the parameters or the optimizer's
 * state, and every gradient accumulator is zero again, so the trainer can be used further.
 */
public final class ParallelTrainingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param message which part, which samples, which thread, what happened */
  public ParallelTrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
