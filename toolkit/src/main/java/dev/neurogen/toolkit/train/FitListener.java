package dev.neurogen.toolkit.train;

/**
 * Called by {@link Trainer#fit} as training goes on; every method has a no-op default, so a
 * listener overrides only what it needs (Keras {@code Callback}, not DL4J's seven abstract
 * methods). Events are immutable records.
 *
 * <p>Batch events are built only if some listener overrides {@link #onBatchEnd}, so the batch loop
 * allocates nothing otherwise. A listener stops training by returning {@link Decision#STOP} from
 * {@link #onEpochEnd}; the best parameters are still restored if early stopping is configured.
 */
public interface FitListener {

  /** Whether to go on after an epoch. */
  enum Decision {
    /** Go on with the next epoch. */
    CONTINUE,
    /** Stop after this epoch ({@link StopReason#LISTENER}). */
    STOP
  }

  /** Once, before the first epoch. */
  default void onTrainStart(TrainStart event) {}

  /** Before each epoch; {@code epoch} counts from 1. */
  default void onEpochStart(int epoch) {}

  /** After each mini-batch step. */
  default void onBatchEnd(BatchEnd event) {}

  /** After each epoch and its validation; return {@link Decision#STOP} to stop. */
  default Decision onEpochEnd(EpochEnd event) {
    return Decision.CONTINUE;
  }

  /** Once, after the last epoch and after the best parameters were restored. */
  default void onTrainEnd(History history) {}
}
