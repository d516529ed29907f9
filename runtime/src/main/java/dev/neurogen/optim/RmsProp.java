package dev.neurogen.optim;

import java.util.Objects;

/**
 * RMSProp: exactly {@code torch.optim.RMSprop(params, lr, alpha, eps=epsilon, weight_decay,
 * momentum, centered)}. With gradient g_t and learning rate lr_t of step t (from 1), s_0 = a_0 =
 * b_0 = 0:
 *
 * <pre>
 * g   = g_t + weightDecay * p            (decay only on weights unless decayBiases)
 * s_t = alpha * s_(t-1) + (1 - alpha) * g * g
 * centered:  a_t = alpha * a_(t-1) + (1 - alpha) * g;  d = sqrt(s_t - a_t * a_t) + epsilon
 * otherwise: d = sqrt(s_t) + epsilon
 * momentum &gt; 0: b_t = momentum * b_(t-1) + g / d;  p = p - lr_t * b_t
 * otherwise:    p = p - lr_t * g / d
 * </pre>
 *
 * @param learningRate the schedule of lr_t
 * @param alpha smoothing constant of the squared-gradient average, in [0, 1)
 * @param epsilon added to the denominator
 * @param weightDecay L2 penalty coefficient added to the gradient
 * @param momentum 0 for none
 * @param centered whether to divide by the estimated variance instead of the raw second moment
 * @param decayBiases whether biases are decayed too (PyTorch: yes; default here: no)
 */
public record RmsProp(LearningRateSchedule learningRate, double alpha, double epsilon, double weightDecay,
    double momentum, boolean centered, boolean decayBiases) implements Optimizer {

  public static final double DEFAULT_LEARNING_RATE = 0.01;
  public static final double DEFAULT_ALPHA = 0.99;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;
  public static final double DEFAULT_MOMENTUM = 0.0;

  /** Checks every setting. */
  public RmsProp {
    Objects.requireNonNull(learningRate, "learningRate must not be null");
    Optimizer.requireBeta("alpha", alpha);
    Optimizer.requireNonNegative("epsilon", epsilon);
    Optimizer.requireNonNegative("weightDecay", weightDecay);
    Optimizer.requireNonNegative("momentum", momentum);
  }

  /** RMSProp with PyTorch's defaults and a constant learning rate. */
  public static RmsProp of(double learningRate) {
    return builder().learningRate(learningRate).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "rmsprop";
  }

  /** Builds an {@link RmsProp}; every setting starts at PyTorch's default. */
  public static final class Builder extends OptimizerBuilder<Builder, RmsProp> {
    private double alpha = DEFAULT_ALPHA;
    private double epsilon = DEFAULT_EPSILON;
    private double momentum = DEFAULT_MOMENTUM;
    private boolean centered;

    private Builder() {
      super(DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY);
    }

    /** Smoothing constant of the squared-gradient average, in [0, 1); default 0.99. */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Added to the denominator; default 1e-8. */
    public Builder epsilon(double epsilon) {
      this.epsilon = epsilon;
      return this;
    }

    /** Momentum (not negative); 0, the default, for none. */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Whether to divide by the estimated variance instead of the raw second moment; default false. */
    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    @Override
    public RmsProp build() {
      return new RmsProp(learningRate, alpha, epsilon, weightDecay, momentum, centered, decayBiases);
    }
  }
}
