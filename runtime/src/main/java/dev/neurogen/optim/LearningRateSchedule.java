package dev.neurogen.optim;

/**
 * The learning rate as a pure function of the number of optimizer steps already taken. Each
 * factory matches the PyTorch scheduler named in its Javadoc when PyTorch's scheduler is stepped
 * once after every optimizer step ({@code optimizer.step(); scheduler.step()}). Schedules are
 * immutable values; {@code toString()} is lossless (every number through {@link
 * Double#toString(double)}), for example {@code cosine(0.1, 1000, 0.0).withWarmup(100, 0.01)}.
 */
public interface LearningRateSchedule {

  /**
   * The learning rate of the step after {@code step} steps have been taken (0 for the first step).
   *
   * @throws IllegalArgumentException if {@code step} is negative
   */
  double rate(long step);

  /** Always {@code rate}. */
  static LearningRateSchedule constant(double rate) {
    return new Schedules.Constant(Schedules.requireRate("rate", rate));
  }

  /**
   * {@code rate * gamma^floor(step / stepSize)}: like {@code torch.optim.lr_scheduler.StepLR(opt,
   * step_size=stepSize, gamma=gamma)}.
   */
  static LearningRateSchedule stepDecay(double rate, long stepSize, double gamma) {
    return new Schedules.StepDecay(Schedules.requireRate("rate", rate), Schedules.requireSteps("stepSize", stepSize),
        Schedules.requireFactor("gamma", gamma));
  }

  /** {@code rate * gamma^step}: like {@code torch.optim.lr_scheduler.ExponentialLR(opt, gamma)}. */
  static LearningRateSchedule exponential(double rate, double gamma) {
    return new Schedules.Exponential(Schedules.requireRate("rate", rate), Schedules.requireFactor("gamma", gamma));
  }

  /**
   * Cosine annealing from {@code rate} down to {@code minimumRate} over {@code totalSteps}: {@code
   * minimumRate + (rate - minimumRate) * (1 + cos(pi * step / totalSteps)) / 2}, like {@code
   * torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=totalSteps, eta_min=minimumRate)} for
   * {@code step <= totalSteps}. After {@code totalSteps} the rate stays at {@code minimumRate}
   * (PyTorch's would follow the cosine back up).
   */
  static LearningRateSchedule cosine(double rate, long totalSteps, double minimumRate) {
    Schedules.requireRate("rate", rate);
    Schedules.requireRate("minimumRate", minimumRate);
    if (minimumRate > rate) {
      throw new IllegalArgumentException("minimumRate must not exceed rate, got minimumRate " + minimumRate
          + " and rate " + rate);
    }
    return new Schedules.Cosine(rate, Schedules.requireSteps("totalSteps", totalSteps), minimumRate);
  }

  /**
   * This schedule behind a linear warm-up: for {@code step < warmupSteps} the rate is {@code
   * rate(0) * (startFactor + (1 - startFactor) * step / warmupSteps)}; from then on {@code
   * rate(step - warmupSteps)}, this schedule restarted at step 0. Like {@code
   * SequentialLR(opt, [LinearLR(opt, start_factor=startFactor, total_iters=warmupSteps), this],
   * milestones=[warmupSteps])}.
   *
   * @param startFactor in (0, 1]
   */
  default LearningRateSchedule withWarmup(long warmupSteps, double startFactor) {
    Schedules.requireSteps("warmupSteps", warmupSteps);
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw new IllegalArgumentException("startFactor must be in (0, 1], got " + startFactor);
    }
    return new Schedules.Warmup(this, warmupSteps, startFactor);
  }
}
