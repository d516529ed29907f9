package dev.neurogen.optim;

/** The implementations of {@link LearningRateSchedule}, and their argument checks. */
final class Schedules {
  private Schedules() {}

  static double requireRate(String name, double rate) {
    if (!Double.isFinite(rate) || rate < 0) {
      throw new IllegalArgumentException(name + " must be finite and not negative, got " + rate);
    }
    return rate;
  }

  static long requireSteps(String name, long steps) {
    if (steps < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + steps);
    }
    return steps;
  }

  static double requireFactor(String name, double factor) {
    if (!Double.isFinite(factor) || factor <= 0) {
      throw new IllegalArgumentException(name + " must be finite and positive, got " + factor);
    }
    return factor;
  }

  static long requireStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must not be negative, got " + step);
    }
    return step;
  }

  record Constant(double rate) implements LearningRateSchedule {
    @Override
    public double rate(long step) {
      requireStep(step);
      return rate;
    }

    @Override
    public String toString() {
      return "constant(" + rate + ")";
    }
  }

  record StepDecay(double rate, long stepSize, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(long step) {
      return rate * Math.pow(gamma, requireStep(step) / stepSize);
    }

    @Override
    public String toString() {
      return "stepDecay(" + rate + ", " + stepSize + ", " + gamma + ")";
    }
  }

  record Exponential(double rate, double gamma) implements LearningRateSchedule {
    @Override
    public double rate(long step) {
      return rate * Math.pow(gamma, requireStep(step));
    }

    @Override
    public String toString() {
      return "exponential(" + rate + ", " + gamma + ")";
    }
  }

  record Cosine(double rate, long totalSteps, double minimumRate) implements LearningRateSchedule {
    @Override
    public double rate(long step) {
      long t = Math.min(requireStep(step), totalSteps);
      return minimumRate + (rate - minimumRate) * (1 + Math.cos(Math.PI * t / totalSteps)) / 2;
    }

    @Override
    public String toString() {
      return "cosine(" + rate + ", " + totalSteps + ", " + minimumRate + ")";
    }
  }

  record Warmup(LearningRateSchedule after, long warmupSteps, double startFactor) implements LearningRateSchedule {
    @Override
    public double rate(long step) {
      if (requireStep(step) >= warmupSteps) {
        return after.rate(step - warmupSteps);
      }
      return after.rate(0) * (startFactor + (1 - startFactor) * step / warmupSteps);
    }

    @Override
    public String toString() {
      return after + ".withWarmup(" + warmupSteps + ", " + startFactor + ")";
    }
  }
}
