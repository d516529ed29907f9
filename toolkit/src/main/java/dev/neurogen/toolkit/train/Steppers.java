package dev.neurogen.toolkit.train;

import dev.neurogen.optim.OptimizerState;

/** The optimizer step of the fit loop. */
final class Steppers {
  private Steppers() {}

  /** One step of {@code state}'s optimizer through the network's own in-place {@code trainStep}. */
  static FitLoop.Stepper of(OptimizerState state) {
    return (loop, size) -> loop.classifier() != null
        ? loop.classifier().trainStep(loop.inputs(), loop.labels(), size, state)
        : loop.trainable().trainStep(loop.inputs(), loop.targets(), size, state);
  }
}
