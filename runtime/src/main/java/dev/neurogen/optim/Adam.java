package dev.neurogen.optim;

import java.util.Objects;

/**
 * Adam with L2 weight decay added to the gradient: exactly {@code torch.optim.Adam(params, lr,
 * betas=(beta1, beta2), eps=epsilon, weight_decay)} (amsgrad off). With gradient g_t and learning
 * rate lr_t of step t (from 1), moments m_0 = v_0 = 0:
 *
 * <pre>
 * g   = g_t + weightDecay * p            (decay only on weights unless decayBiases)
 * m_t = beta1 * m_(t-1) + (1 - beta1) * g
 * v_t = beta2 * v_(t-1) + (1 - beta2) * g * g
 * p   = p - lr_t / (1 - beta1^t) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + epsilon)
 * </pre>
 *
 * @param learningRate the schedule of lr_t
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator
 * @param weightDecay L2 penalty coefficient added to the gradient (see {@link AdamW} for decoupled decay)
 * @param decayBiases whether biases are decayed too (PyTorch: yes; default here: no)
 */
public record Adam(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    double weightDecay, boolean decayBiases) implements Optimizer {

  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_WEIGHT_DECAY = 0.0;

  /** Checks every setting. */
  public Adam {
    Objects.requireNonNull(learningRate, "learningRate must not be null");
    Optimizer.requireBeta("beta1", beta1);
    Optimizer.requireBeta("beta2", beta2);
    Optimizer.requireNonNegative("epsilon", epsilon);
    Optimizer.requireNonNegative("weightDecay", weightDecay);
  }

  /** Adam with PyTorch's defaults and a constant learning rate. */
  public static Adam of(double learningRate) {
    return builder().learningRate(learningRate).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "adam";
  }

  /** Builds an {@link Adam}; every setting starts at PyTorch's default. */
  public static final class Builder extends AdamFamilyBuilder<Builder, Adam> {
    private Builder() {
      super(DEFAULT_WEIGHT_DECAY);
    }


    @Override
    public Adam build() {
      return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, decayBiases);
    }
  }
}
