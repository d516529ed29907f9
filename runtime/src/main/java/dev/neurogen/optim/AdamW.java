package dev.neurogen.optim;

import java.util.Objects;

/**
 * Adam with decoupled weight decay: exactly {@code torch.optim.AdamW(params, lr, betas=(beta1,
 * beta2), eps=epsilon, weight_decay)} (amsgrad off). With gradient g_t and learning rate lr_t of
 * step t (from 1), moments m_0 = v_0 = 0:
 *
 * <pre>
 * p   = p * (1 - lr_t * weightDecay)     (decay only on weights unless decayBiases)
 * m_t = beta1 * m_(t-1) + (1 - beta1) * g_t
 * v_t = beta2 * v_(t-1) + (1 - beta2) * g_t * g_t
 * p   = p - lr_t / (1 - beta1^t) * m_t / (sqrt(v_t) / sqrt(1 - beta2^t) + epsilon)
 * </pre>
 *
 * @param learningRate the schedule of lr_t
 * @param beta1 decay of the first moment, in [0, 1)
 * @param beta2 decay of the second moment, in [0, 1)
 * @param epsilon added to the denominator
 * @param weightDecay decoupled decay coefficient (PyTorch default 0.01)
 * @param decayBiases whether biases are decayed too (PyTorch: yes; default here: no)
 */
public record AdamW(LearningRateSchedule learningRate, double beta1, double beta2, double epsilon,
    double weightDecay, boolean decayBiases) implements Optimizer {

  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;
  public static final double DEFAULT_WEIGHT_DECAY = 0.01;

  /** Checks every setting. */
  public AdamW {
    Objects.requireNonNull(learningRate, "learningRate must not be null");
    Optimizer.requireBeta("beta1", beta1);
    Optimizer.requireBeta("beta2", beta2);
    Optimizer.requireNonNegative("epsilon", epsilon);
    Optimizer.requireNonNegative("weightDecay", weightDecay);
  }

  /** AdamW with PyTorch's defaults and a constant learning rate. */
  public static AdamW of(double learningRate) {
    return builder().learningRate(learningRate).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "adamw";
  }

  /** Builds an {@link AdamW}; every setting starts at PyTorch's default. */
  public static final class Builder extends AdamFamilyBuilder<Builder, AdamW> {
    private Builder() {
      super(DEFAULT_WEIGHT_DECAY);
    }


    @Override
    public AdamW build() {
      return new AdamW(learningRate, beta1, beta2, epsilon, weightDecay, decayBiases);
    }
  }
}
