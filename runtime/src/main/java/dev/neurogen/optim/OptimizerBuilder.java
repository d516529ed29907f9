package dev.neurogen.optim;

import java.util.Objects;

/**
 * The settings every optimizer's builder has: the learning-rate schedule and weight decay, with
 * the optimizer's own defaults. {@code B} is the concrete builder, so that the setters chain.
 *
 * @param <B> the concrete builder
 * @param <O> the optimizer it builds
 */
abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
  LearningRateSchedule learningRate;
  double weightDecay;
  boolean decayBiases;

  OptimizerBuilder(double defaultLearningRate, double defaultWeightDecay) {
    this.learningRate = LearningRateSchedule.constant(defaultLearningRate);
    this.weightDecay = defaultWeightDecay;
  }

  /** A constant learning rate. */
  public B learningRate(double rate) {
    this.learningRate = LearningRateSchedule.constant(rate);
    return self();
  }

  /** A learning rate that follows {@code schedule} step by step. */
  public B learningRate(LearningRateSchedule schedule) {
    this.learningRate = Objects.requireNonNull(schedule, "learningRate must not be null");
    return self();
  }

  /** The weight decay coefficient (not negative); what it does is the optimizer's rule. */
  public B weightDecay(double weightDecay) {
    this.weightDecay = weightDecay;
    return self();
  }

  /** Whether biases are decayed too; false by default, true to match PyTorch. */
  public B decayBiases(boolean decayBiases) {
    this.decayBiases = decayBiases;
    return self();
  }

  /**
   * The optimizer with these settings.
   *
   * @throws IllegalArgumentException naming a setting out of range
   */
  public abstract O build();

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
