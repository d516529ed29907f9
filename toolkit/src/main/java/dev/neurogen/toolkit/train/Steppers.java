package dev.neurogen.toolkit.train;

/** The optimizer step of the fit loop. */
final class Steppers {
  private Steppers() {}

  // Placeholder until the optimizer API is merged: plain SGD through the networks' own trainStep.
  static FitLoop.Stepper plainSgd() {
    return (loop, size) -> loop.classifier() != null
        ? loop.classifier().trainStep(loop.inputs(), loop.labels(), size, 0.05)
        : loop.trainable().trainStep(loop.inputs(), loop.targets(), size, 0.05);
  }
}
