package dev.neurogen.optim;

import dev.neurogen.TrainingDivergedException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The update of one training step cut into slices that several threads run at the same time, for
 * {@code dev.neurogen.parallel.ParallelTrainer}; application code does not use it. Each slice is
 * a fixed range of the parameters (whole blocks of segments, cut at multiples of 8 elements so
 * that two threads never write one cache line; of about equal cost, counting a fixed cost per
 * segment besides its elements, so that the threads finish together) and, for each of its elements, adds the parts'
 * gradients in part order, {@code ((g0 + g1) + g2) + ...}, into the network's accumulator (zeroing
 * the replicas'), then applies the same rule as {@link Updates#descend} or {@link
 * OptimizerState#step}. Every element goes through the same arithmetic whichever slice and thread
 * it falls to, so the result does not depend on the number of threads, and with one part it is
 * bit for bit the network's own {@code trainStep}.
 *
 * <p>A step, with a barrier between the numbered phases:
 * <ol>
 *   <li>the calling thread: {@link #beginPlain} or {@link #beginOptimizer};
 *   <li>every slice: {@link #update(int)} (each slice once, on any thread);
 *   <li>every slice, if {@link #finite()}: {@link #clearGradients(int)};
 *   <li>the calling thread: {@link #commit()} if {@link #finite()}, otherwise throw {@link
 *       #rollBack()}, which restores every parameter (the moments and step count were not changed).
 * </ol>
 * So the decision to keep a step is taken once, after every slice has finished, and a diverging
 * step leaves parameters, moments and step count bit for bit as they were. Nothing here allocates
 * after construction unless a step diverges.
 */
public final class ParallelUpdate {
  private static final int ALIGN = 8;
  /**
   * What starting a segment costs a slice, in elements: the loop set-up of the gather and the
   * rule. Measured on W3 (784-128-64-10), two parts, the two halves of equal element counts run
   * one after the other on one thread: Adam 151 against 157 us (the second half holds the 192
   * short rows of the looped layers), plain SGD 30 against 32 us; 24 moves about 1,500 elements
   * to the first slice, which about evens out Adam (3.6 ns per element) and changes plain SGD by
   * about 1 us.
   */
  private static final int SEGMENT_COST = 24;

  private final double[][] parameters;
  private final double[][][] gradients;
  private final ParameterStorage storage;
  /** Slice t runs from element sliceElement[t] of segment sliceSegment[t] up to slice t + 1's start. */
  private final int[] sliceSegment;
  private final int[] sliceElement;
  private final double[][] sentinels;
  private final double[] results;

  // the current step
  private int parts;
  private OptimizerState state;
  private double step;
  private double learningRate;

  /**
   * @param parameters the network's parameter segments (the arrays themselves)
   * @param gradients the gradient segments of each part: {@code gradients[0]} the network's
   *     accumulators (the array is kept, so later entries may be filled in later, before a step
   *     with that many parts)
   * @param storage the network's storage
   * @param slices how many slices to cut the parameters into, at least 1
   */
  public ParallelUpdate(double[][] parameters, double[][][] gradients, ParameterStorage storage, int slices) {
    this.storage = Objects.requireNonNull(storage, "storage must not be null");
    storage.requireShape(parameters, "parameters");
    Objects.requireNonNull(gradients, "gradients must not be null");
    if (gradients.length < 1) {
      throw new IllegalArgumentException("gradients needs the network's accumulators at [0]");
    }
    storage.requireShape(gradients[0], "gradients[0]");
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be at least 1, got " + slices);
    }
    this.parameters = parameters;
    this.gradients = gradients;
    this.sliceSegment = new int[slices + 1];
    this.sliceElement = new int[slices + 1];
    // equal cost, not equal elements: each segment a slice starts costs SEGMENT_COST elements more
    // (W3's looped layers have hundreds of rows of 10 or 64 weights, all in the last slice)
    long total = storage.parameterCount() + (long) SEGMENT_COST * parameters.length;
    int s = 0;
    long before = 0; // the cost of the segments before s
    for (int t = 1; t < slices; t++) {
      long target = total * t / slices;
      while (s < parameters.length && before + SEGMENT_COST + parameters[s].length <= target) {
        before += SEGMENT_COST + parameters[s].length;
        s++;
      }
      int k = s < parameters.length ? (int) Math.max(0, target - before - SEGMENT_COST) / ALIGN * ALIGN : 0;
      // never before the previous slice's start
      if (s == sliceSegment[t - 1] && k < sliceElement[t - 1]) {
        k = sliceElement[t - 1];
      }
      sliceSegment[t] = s;
      sliceElement[t] = k;
    }
    sliceSegment[slices] = parameters.length;
    sliceElement[slices] = 0;
    this.sentinels = new double[slices][storage.maxSegmentLength()];
    this.results = new double[slices];
  }

  /** The number of slices. */
  public int slices() {
    return results.length;
  }

  /** Starts a plain SGD step ({@code p -= step * g}) over {@code parts} parts' gradients. */
  public void beginPlain(int parts, double step, double learningRate) {
    this.parts = requireParts(parts);
    this.state = null;
    this.step = step;
    this.learningRate = learningRate;
  }

  /**
   * Starts a step of {@code optimizer} over {@code parts} parts' gradients, the gradient of the
   * loss being {@code gradientScale} times their sum: binds the state on its first step, as
   * {@link OptimizerState#step} does.
   *
   * @throws IllegalStateException if the state is bound to another network's storage
   */
  public void beginOptimizer(int parts, OptimizerState optimizer, double gradientScale) {
    this.parts = requireParts(parts);
    optimizer.begin(parameters, gradients[0], storage, gradientScale);
    this.state = optimizer;
  }

  private int requireParts(int parts) {
    if (parts < 1 || parts > gradients.length) {
      throw new IllegalArgumentException("parts must be in [1, " + gradients.length + "], got " + parts);
    }
    return parts;
  }

  /**
   * Phases 2 to 4 at once, for an update cut into one slice (a trainer with one thread): adds the
   * parts' gradients into the network's accumulators in part order, as {@link #update} would, and
   * zeroes the replicas'; then, for Adam and AdamW, takes {@link OptimizerState}'s in-place step if
   * its bound admits it, which gives the same bits as the double-buffered one. Returns true if the
   * step is done: parameters and moments updated, step count advanced, accumulators zeroed, nothing
   * left to {@link #commit}. Otherwise the gradients stay gathered (the parts count is now 1) and
   * the caller goes on with {@link #update}, {@link #finite} and the rest as usual.
   *
   * @throws IllegalStateException if the update has more than one slice
   */
  public boolean stepInPlace() {
    if (results.length != 1) {
      throw new IllegalStateException("stepInPlace needs an update of one slice, this one has " + results.length);
    }
    if (state == null || !state.mayStepInPlace()) {
      return false;
    }
    double[][] g = gradients[0];
    if (parts > 1) {
      for (int s = 0; s < parameters.length; s++) {
        for (int from = 0; from < g[s].length; from += UpdateRules.BLOCK) {
          UpdateRules.gather(g[s], gradients, parts, s, from, Math.min(g[s].length, from + UpdateRules.BLOCK));
        }
      }
      parts = 1;
    }
    if (state.tryStepInPlace(parameters, g)) {
      state = null;
      return true;
    }
    return false;
  }

  /** Phase 2: gathers the gradients of slice {@code t} and updates its parameters (and moments). */
  public void update(int t) {
    double[] acc = sentinels[t];
    int s0 = sliceSegment[t];
    int k0 = sliceElement[t];
    int s1 = sliceSegment[t + 1];
    int k1 = sliceElement[t + 1];
    if (state == null) {
      Updates.descend(parameters, gradients, parts, s0, k0, s1, k1, step, acc);
    } else {
      state.update(parameters, gradients, parts, s0, k0, s1, k1, acc);
    }
    results[t] = UpdateRules.drain(acc);
  }

  /** Whether every slice's new values are finite (after phase 2). */
  public boolean finite() {
    for (double r : results) {
      if (r != 0.0) {
        return false;
      }
    }
    return true;
  }

  /** Phase 3: zeroes the network's gradient accumulators (the undo log) over slice {@code t}. */
  public void clearGradients(int t) {
    double[][] g = gradients[0];
    int s0 = sliceSegment[t];
    int s1 = sliceSegment[t + 1];
    int k1 = sliceElement[t + 1];
    for (int s = s0; s <= s1 && s < g.length; s++) {
      Arrays.fill(g[s], s == s0 ? sliceElement[t] : 0, s == s1 ? k1 : g[s].length, 0.0);
    }
  }

  /** Phase 4 of a step that kept every value finite: the optimizer's new moments become current. */
  public void commit() {
    if (state != null) {
      state.commit();
      state = null;
    }
  }

  /**
   * Phase 4 of a step that did not: restores every parameter from the undo log, zeroes the
   * accumulators, and returns the exception to throw, naming the first value that was not finite.
   */
  public TrainingDivergedException rollBack() {
    Arrays.fill(results, 0.0);
    OptimizerState s = state;
    state = null;
    return s == null ? Updates.rollBack(parameters, gradients[0], storage, learningRate)
        : s.rollBack(parameters, gradients[0], storage);
  }
}
