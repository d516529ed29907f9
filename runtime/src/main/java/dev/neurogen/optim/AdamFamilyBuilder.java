package dev.neurogen.optim;

/**
 * The settings {@link Adam} and {@link AdamW} share on top of {@link OptimizerBuilder}: the two
 * moment decays and epsilon, starting at PyTorch's defaults.
 *
 * @param <B> the concrete builder
 * @param <O> the optimizer it builds
 */
abstract class AdamFamilyBuilder<B extends AdamFamilyBuilder<B, O>, O extends Optimizer>
    extends OptimizerBuilder<B, O> {
  double beta1 = Adam.DEFAULT_BETA1;
  double beta2 = Adam.DEFAULT_BETA2;
  double epsilon = Adam.DEFAULT_EPSILON;

  AdamFamilyBuilder(double defaultWeightDecay) {
    super(Adam.DEFAULT_LEARNING_RATE, defaultWeightDecay);
  }

  /** Decay of the first moment, in [0, 1); default 0.9. */
  public B beta1(double beta1) {
    this.beta1 = beta1;
    return self();
  }

  /** Decay of the second moment, in [0, 1); default 0.999. */
  public B beta2(double beta2) {
    this.beta2 = beta2;
    return self();
  }

  /** Added to the denominator; default 1e-8. */
  public B epsilon(double epsilon) {
    this.epsilon = epsilon;
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
