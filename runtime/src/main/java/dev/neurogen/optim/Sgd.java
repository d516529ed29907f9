package dev.neurogen.optim;

import java.util.Objects;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay: exactly {@code torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)}.
 * With gradient g_t and learning rate lr_t of step t (from 1):
 *
 * <pre>
 * g  = g_t + weightDecay * p            (decay only on weights unless decayBiases)
 * if momentum != 0:
 *   b_t = g                              if t = 1
 *   b_t = momentum * b_(t-1) + (1 - dampening) * g   otherwise
 *   g   = nesterov ? g + momentum * b_t : b_t
 * p  = p - lr_t * g
 * </pre>
 *
 * @param learningRate the schedule of lr_t
 * @param momentum 0 for plain SGD
 * @param dampening applied to the gradient in the momentum buffer from the second step on
 * @param nesterov Nesterov momentum (needs momentum &gt; 0 and dampening 0, as in PyTorch)
 * @param weightDecay L2 penalty coefficient added to the gradient
 * @param decayBiases whether biases are decayed too (PyTorch: yes; default here: no)
 */
public record Sgd(LearningRateSchedule learningRate, double momentum, double dampening, boolean nesterov,
    double weightDecay, boolean decayBiases) implements Optimizer {

  public static final double DEFAULT_LEARNING_RATE = 0.01;
  public static final double DEFAULT_MOMENTUM = 0.0;
  public static final double DEFAULT_DAMPENING = 0.0;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;

  /** Checks every setting. */
  public Sgd {
    Objects.requireNonNull(learningRate, "learningRate must not be null");
    Optimizer.requireNonNegative("momentum", momentum);
    if (!(dampening >= 0 && dampening <= 1)) {
      throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
    }
    Optimizer.requireNonNegative("weightDecay", weightDecay);
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening 0, got momentum "
          + momentum + " and dampening " + dampening);
    }
  }

  /** Plain SGD with a constant learning rate. */
  public static Sgd of(double learningRate) {
    return builder().learningRate(learningRate).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "sgd";
  }

  /** Builds an {@link Sgd}; every setting starts at PyTorch's default. */
  public static final class Builder extends OptimizerBuilder<Builder, Sgd> {
    private double momentum = DEFAULT_MOMENTUM;
    private double dampening = DEFAULT_DAMPENING;
    private boolean nesterov;

    private Builder() {
      super(DEFAULT_LEARNING_RATE, DEFAULT_WEIGHT_DECAY);
    }

    /** Momentum (not negative); 0, the default, for plain SGD. */
    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** Dampening of the gradient in the momentum buffer from the second step on, in [0, 1]; default 0. */
    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    /** Nesterov momentum (needs momentum &gt; 0 and dampening 0); default false. */
    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    @Override
    public Sgd build() {
      return new Sgd(learningRate, momentum, dampening, nesterov, weightDecay, decayBiases);
    }
  }
}
