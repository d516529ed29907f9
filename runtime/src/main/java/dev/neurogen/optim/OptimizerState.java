package dev.neurogen.optim;

import dev.neurogen.Precision;
import dev.neurogen.TrainingDivergedException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mutable state of one {@link Optimizer} training one network instance: the step count and
 * the moment buffers. Create it with {@link Optimizer#newState()} and pass it to the network's
 * {@code trainStep(inputs, targets, batchSize, state)}; use one state per network instance (two
 * networks must not share one).
 *
 * <p>The first {@link #step} binds the state to the network's {@link ParameterStorage} and
 * allocates the moments in the same shape as the network's own arrays (twice: the new moments of a
 * step are written beside the current ones and take their place only when the step succeeds;
 * Adam and AdamW update the current ones in place when a bound shows that no new value can be
 * non-finite, see {@link #step}'s in-place path). After that a step allocates nothing.
 *
 * <p><b>Divergence.</b> If a step would make any parameter or moment NaN or infinite, nothing
 * changes: parameters, moments and step count stay bit for bit as they were, and {@link
 * TrainingDivergedException} says which value and suggests the cause.
 *
 * <p>{@link #snapshot()} and {@link #restore} copy the state out and back in the public flat
 * layout, so training can be saved and resumed exactly. Not thread-safe.
 *
 * <p><b>Float networks.</b> A network with {@code precision = FLOAT} calls {@link #step(float[][],
 * float[][], ParameterStorage, float)} instead: the first step decides the state's precision (see
 * {@link #precision()}), and a float state keeps float moments and runs the same update rules in
 * float arithmetic over the network's own float arrays, with the same roll-back on divergence and
 * no allocation after the first step. A state bound to a float network cannot step a double one or
 * the other way round (an {@link IllegalStateException} says so). Snapshots stay in double: a float
 * state's moments widen exactly into the snapshot, and {@link #restore} rounds them to the nearest
 * float, so a float state's snapshot restores into a float state bit for bit, and a snapshot of a
 * double twin's state can resume a float network (rounded) and vice versa (widened).
 */
public final class OptimizerState {
  private static final int SGD = 0;
  private static final int ADAM = 1;
  private static final int RMSPROP = 2;

  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final int kind;
  private final List<String> bufferNames;
  // hyperparameters, unpacked once
  private final double weightDecay;
  private final boolean decayBiases;
  private final boolean decoupled;
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double alpha;
  private final boolean centered;

  private ParameterStorage storage;
  /** [buffer][segment]: the current moments and the ones a step writes. */
  private double[][][] current;
  private double[][][] next;
  private long steps;
  /** Per-element finiteness sentinels, see {@link UpdateRules}; all zero between steps. */
  private double[] sentinels;
  /**
   * Whether every current Adam moment is known to satisfy {@link UpdateRules#admitMoments}'s bounds
   * ({@code |m| < 2^400}, {@code 0 <= v < 2^800}): true after binding with zero moments and after
   * every in-place step, false after a restore and after a double-buffered step.
   */
  private boolean momentsAdmitted;
  /** Steps to wait before checking the moments' bounds again after they failed. */
  private int admitBackoff;
  /** Whether the last successful {@link #step} ran in place (for tests). */
  boolean lastStepInPlace;
  /** Holds the gradients of {@link #step} as the one part for {@link #update}; null between steps. */
  private final double[][][] single = new double[1][][];
  // the constants of the current step, set by begin()
  private double stepLr;
  private double stepScale;
  private double stepSize;
  private double stepRoot;
  private double muBuffer;
  private double damp;
  /** A snapshot restored before the first step, applied when the state binds. */
  private OptimizerSnapshot pending;
  /** Whether the first step was a float network's; then the float fields below are used instead. */
  private boolean floatBound;
  /** [buffer][segment]: a float state's current moments and the ones a step writes. */
  private float[][][] currentFloat;
  private float[][][] nextFloat;
  /** A float state's block-sized finiteness sentinels, see {@link FloatUpdateRules}; zero between steps. */
  private float[] floatSentinels;

  OptimizerState(Optimizer optimizer) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer must not be null");
    this.schedule = optimizer.learningRate();
    this.decayBiases = optimizer.decayBiases();
    if (optimizer instanceof Sgd o) {
      kind = SGD;
      weightDecay = o.weightDecay();
      momentum = o.momentum();
      dampening = o.dampening();
      nesterov = o.nesterov();
      beta1 = beta2 = epsilon = alpha = 0;
      centered = decoupled = false;
      bufferNames = momentum > 0 ? List.of("momentum_buffer") : List.of();
    } else if (optimizer instanceof Adam o) {
      kind = ADAM;
      weightDecay = o.weightDecay();
      beta1 = o.beta1();
      beta2 = o.beta2();
      epsilon = o.epsilon();
      decoupled = false;
      momentum = dampening = alpha = 0;
      nesterov = centered = false;
      bufferNames = List.of("exp_avg", "exp_avg_sq");
    } else if (optimizer instanceof AdamW o) {
      kind = ADAM;
      weightDecay = o.weightDecay();
      beta1 = o.beta1();
      beta2 = o.beta2();
      epsilon = o.epsilon();
      decoupled = true;
      momentum = dampening = alpha = 0;
      nesterov = centered = false;
      bufferNames = List.of("exp_avg", "exp_avg_sq");
    } else {
      RmsProp o = (RmsProp) optimizer;
      kind = RMSPROP;
      weightDecay = o.weightDecay();
      alpha = o.alpha();
      epsilon = o.epsilon();
      momentum = o.momentum();
      centered = o.centered();
      beta1 = beta2 = dampening = 0;
      nesterov = decoupled = false;
      bufferNames = centered && momentum > 0 ? List.of("square_avg", "momentum_buffer", "grad_avg")
          : centered ? List.of("square_avg", "grad_avg")
          : momentum > 0 ? List.of("square_avg", "momentum_buffer")
          : List.of("square_avg");
    }
  }

  /** The configuration this state belongs to. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** Optimizer steps taken (successful ones only). */
  public long steps() {
    return steps;
  }

  /** The learning rate the next step will use: {@code optimizer().learningRate().rate(steps())}. */
  public double currentLearningRate() {
    return schedule.rate(steps);
  }

  /** The storage this state is bound to, or null before the first step. */
  public ParameterStorage storage() {
    return storage;
  }

  /**
   * The precision of the network this state is bound to (its moments are kept in it), or null
   * before the first step. The first {@link #step(double[][], double[][], ParameterStorage, double)}
   * binds to {@link Precision#DOUBLE}, the first {@link #step(float[][], float[][], ParameterStorage,
   * float)} to {@link Precision#FLOAT}.
   */
  public Precision precision() {
    return storage == null ? null : floatBound ? Precision.FLOAT : Precision.DOUBLE;
  }

  /**
   * One optimizer step over a network's own arrays. Called by generated {@code trainStep} methods;
   * usable on any parameters held as segments (for example {@code ParameterStorage.flat(sizes)} and
   * one-element arrays holding a flat parameter and gradient array each).
   *
   * <p>The gradient of the loss is {@code gradientScale * gradients[s][k]}. Updates {@code
   * parameters} in place and leaves {@code gradients} zeroed, also when it throws.
   *
   * @param parameters the segments of {@code storage}, updated in place
   * @param gradients the same shape; consumed and zeroed
   * @param storage how the segments map to the flat layout; the first call binds the state to it
   * @param gradientScale typically 1 / batch size
   * @throws IllegalStateException if the state is bound to a storage of another shape
   * @throws TrainingDivergedException if a new parameter or moment would not be finite; then
   *     parameters, moments and step count are unchanged
   */
  public void step(double[][] parameters, double[][] gradients, ParameterStorage storage, double gradientScale) {
    begin(parameters, gradients, storage, gradientScale);
    if (tryStepInPlace(parameters, gradients)) {
      return;
    }
    double[][][] parts = single;
    parts[0] = gradients;
    update(parameters, parts, 1, 0, 0, parameters.length, 0, sentinels);
    parts[0] = null;
    if (UpdateRules.drain(sentinels) != 0.0) {
      throw rollBack(parameters, gradients, storage);
    }
    for (double[] g : gradients) {
      Arrays.fill(g, 0.0);
    }
    commit();
  }

  /**
   * After {@link #begin} ({@link #step}, and {@link ParallelUpdate} on one thread with the parts
   * already gathered): Adam's or AdamW's in-place step over {@code gradients}, if {@link
   * #stepInPlace} admits it;
   * then the step is complete (step count advanced, gradients zeroed) and this returns true.
   * Otherwise nothing changed and the caller runs {@link #update} and {@link #commit} as usual.
   */
  /** Whether this optimizer has an in-place step at all (Adam and AdamW). */
  boolean mayStepInPlace() {
    return kind == ADAM;
  }

  boolean tryStepInPlace(double[][] parameters, double[][] gradients) {
    if (kind == ADAM && stepInPlace(parameters, gradients)) {
      steps++;
      lastStepInPlace = true;
      return true;
    }
    lastStepInPlace = false;
    return false;
  }

  /**
   * Adam's and AdamW's step with the moments updated in place ({@link UpdateRules#adamInPlace}),
   * if it is shown beforehand that no new value can be NaN or infinite; otherwise changes nothing
   * and returns false, and the caller runs the double-buffered step, which checks every new value
   * and can roll back. The proof, by the monotonicity of rounding: if {@code |g|, |p| < 2^390}
   * ({@link UpdateRules#admit}, one pass over the gradients and parameters) and {@code |m| <
   * 2^400, 0 <= v < 2^800} (kept by the previous in-place step, or checked once), and {@code
   * |scale| * 2^390 + l2 * 2^390 <= 2^399}, then {@code |d| <= 2^399}, so {@code |m'| <= beta1 *
   * 2^400 + (1 - beta1) * 2^399 <= 2^400} and {@code 0 <= v' <= 2^800} (the same bounds again);
   * the denominator is at least {@code epsilon > 0}, so the step is at most {@code |stepSize| *
   * 2^400 / epsilon}, and the new parameter at most {@code |shrink| * 2^390} plus that: finite
   * when both are at most 2^1000. Large learning rates, tiny or zero epsilon and huge gradients
   * therefore take the double-buffered step.
   */
  private boolean stepInPlace(double[][] parameters, double[][] gradients) {
    double bound = 0x1p390; // 2^UpdateRules.ADMIT_EXPONENT
    double l2 = decoupled ? 0.0 : weightDecay;
    double shrink = decoupled ? Math.max(1.0, Math.abs(1 - stepLr * weightDecay)) : 1.0;
    if (!(epsilon > 0 && Math.abs(stepScale) * bound + l2 * bound <= 0x1p399
        && Math.abs(stepSize) * (0x1p400 / epsilon) <= 0x1p1000 && shrink * bound <= 0x1p1000
        && stepRoot > 0 && stepRoot < Double.POSITIVE_INFINITY)) {
      return false;
    }
    double[][] m = current[0];
    double[][] v = current[1];
    double[] acc = sentinels;
    int block = UpdateRules.BLOCK;
    if (!momentsAdmitted) {
      if (admitBackoff > 0) {
        admitBackoff--;
        return false;
      }
      for (int s = 0; s < parameters.length; s++) {
        int length = parameters[s].length;
        for (int from = 0; from < length; from += block) {
          UpdateRules.admitMoments(m[s], v[s], from, Math.min(length, from + block), acc);
        }
      }
      if (UpdateRules.drain(acc) != 0.0) {
        admitBackoff = 63;
        return false;
      }
      momentsAdmitted = true;
    }
    for (int s = 0; s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      for (int from = 0; from < p.length; from += block) {
        UpdateRules.admit(p, g, from, Math.min(p.length, from + block), acc);
      }
    }
    if (UpdateRules.drain(acc) != 0.0) {
      return false;
    }
    double scale = stepScale;
    double lr = stepLr;
    for (int s = 0; s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      double decay = decay(s);
      double segmentL2 = decoupled ? 0.0 : decay;
      double segmentShrink = decoupled ? 1 - lr * decay : 1.0;
      for (int from = 0; from < p.length; from += block) {
        UpdateRules.adamInPlace(p, g, m[s], v[s], scale, segmentL2, segmentShrink, beta1, beta2, stepSize, stepRoot,
            epsilon, from, Math.min(p.length, from + block));
      }
    }
    return true;
  }

  /**
   * The first part of a step: binds the state on its first call (or checks the storage), then
   * fixes the step's constants (learning rate, bias corrections) for {@link #update}.
   */
  void begin(double[][] parameters, double[][] gradients, ParameterStorage storage, double gradientScale) {
    if (storage != this.storage || floatBound) {
      bindOrCheck(parameters, gradients, storage);
    }
    stepLr = schedule.rate(steps);
    stepScale = gradientScale;
    if (kind == ADAM) {
      long t = steps + 1;
      stepSize = stepLr / (1 - Math.pow(beta1, t));
      stepRoot = 1 / Math.sqrt(1 - Math.pow(beta2, t));
    }
    muBuffer = steps == 0 ? 0.0 : momentum;
    damp = steps == 0 ? 1.0 : 1 - dampening;
  }

  /**
   * Updates the parameters from element {@code k0} of segment {@code s0} up to, not including,
   * element {@code k1} of segment {@code s1} ({@code s1 = parameters.length, k1 = 0} for the end),
   * block by block ({@link UpdateRules#BLOCK}); the gradient of each element is the sum of the
   * parts' in part order, {@code ((parts[0] + parts[1]) + parts[2]) + ...}, gathered into {@code
   * parts[0]}, the others zeroed. Adds the sentinels of the new values into {@code acc} (at least
   * {@code min(BLOCK, maxSegmentLength)} long). Ranges that do not overlap may run at the same
   * time on different threads.
   */
  void update(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1, double[] acc) {
    switch (kind) {
      case SGD:
        if (momentum == 0) {
          updateSgd(parameters, parts, count, s0, k0, s1, k1, acc);
        } else {
          updateMomentum(parameters, parts, count, s0, k0, s1, k1, acc);
        }
        break;
      case ADAM:
        updateAdam(parameters, parts, count, s0, k0, s1, k1, acc);
        break;
      default:
        updateRmsProp(parameters, parts, count, s0, k0, s1, k1, acc);
        break;
    }
  }

  // One method per rule, each with its own loop over segments and blocks: a switch inside the
  // block loop made SGD 25% slower (C2 inlines less into the bigger method).

  private void updateSgd(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1,
      double[] acc) {
    double[][] gradients = parts[0];
    double scale = stepScale;
    double lr = stepLr;
    for (int s = s0; s <= s1 && s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      int end = s == s1 ? k1 : p.length;
      double decay = decay(s);
      for (int from = s == s0 ? k0 : 0; from < end; from += UpdateRules.BLOCK) {
        int to = Math.min(end, from + UpdateRules.BLOCK);
        if (count > 1) {
          UpdateRules.gather(g, parts, count, s, from, to);
        }
        UpdateRules.sgd(p, g, scale, decay, lr, from, to, acc);
      }
    }
  }

  private void updateMomentum(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1,
      double[] acc) {
    double[][] gradients = parts[0];
    double[][] buf = current[0];
    double[][] bufNext = next[0];
    double scale = stepScale;
    double lr = stepLr;
    for (int s = s0; s <= s1 && s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      int end = s == s1 ? k1 : p.length;
      double decay = decay(s);
      for (int from = s == s0 ? k0 : 0; from < end; from += UpdateRules.BLOCK) {
        int to = Math.min(end, from + UpdateRules.BLOCK);
        if (count > 1) {
          UpdateRules.gather(g, parts, count, s, from, to);
        }
        UpdateRules.sgdMomentum(p, g, buf[s], bufNext[s], scale, decay, lr, muBuffer, damp, momentum, nesterov,
            from, to, acc);
      }
    }
  }

  private void updateAdam(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1,
      double[] acc) {
    double[][] gradients = parts[0];
    double[][] m = current[0];
    double[][] v = current[1];
    double[][] mNext = next[0];
    double[][] vNext = next[1];
    double scale = stepScale;
    double lr = stepLr;
    for (int s = s0; s <= s1 && s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      int end = s == s1 ? k1 : p.length;
      double decay = decay(s);
      double l2 = decoupled ? 0.0 : decay;
      double shrink = decoupled ? 1 - lr * decay : 1.0;
      for (int from = s == s0 ? k0 : 0; from < end; from += UpdateRules.BLOCK) {
        int to = Math.min(end, from + UpdateRules.BLOCK);
        if (count > 1) {
          UpdateRules.gather(g, parts, count, s, from, to);
        }
        UpdateRules.adam(p, g, m[s], v[s], mNext[s], vNext[s], scale, l2, shrink, beta1, beta2, stepSize, stepRoot,
            epsilon, from, to, acc);
      }
    }
  }

  private void updateRmsProp(double[][] parameters, double[][][] parts, int count, int s0, int k0, int s1, int k1,
      double[] acc) {
    double[][] gradients = parts[0];
    double[][][] cur = current;
    double[][][] nxt = next;
    double scale = stepScale;
    double lr = stepLr;
    // buffers: square_avg, then momentum_buffer and/or grad_avg in that order
    int m = momentum > 0 ? 1 : -1;
    int a = centered ? (momentum > 0 ? 2 : 1) : -1;
    for (int s = s0; s <= s1 && s < parameters.length; s++) {
      double[] p = parameters[s];
      double[] g = gradients[s];
      int end = s == s1 ? k1 : p.length;
      double decay = decay(s);
      for (int from = s == s0 ? k0 : 0; from < end; from += UpdateRules.BLOCK) {
        int to = Math.min(end, from + UpdateRules.BLOCK);
        if (count > 1) {
          UpdateRules.gather(g, parts, count, s, from, to);
        }
        UpdateRules.rmsProp(p, g, cur[0][s], nxt[0][s], a < 0 ? null : cur[a][s], a < 0 ? null : nxt[a][s],
            m < 0 ? null : cur[m][s], m < 0 ? null : nxt[m][s], scale, decay, lr, alpha, epsilon, momentum,
            from, to, acc);
      }
    }
  }

  /** The last part of a successful step, after the gradients were zeroed: the new moments become current. */
  void commit() {
    double[][][] cur = current;
    current = next;
    next = cur;
    steps++;
    momentsAdmitted = false;
  }

  private double decay(int s) {
    return decayBiases || !storage.isBias(s) ? weightDecay : 0.0;
  }

  /**
   * The last part of a step that diverged: undoes the parameter updates from the undo log, zeroes
   * the gradients, names what diverged; moments and step count stay as they were.
   */
  TrainingDivergedException rollBack(double[][] parameters, double[][] gradients, ParameterStorage storage) {
    double lr = stepLr;
    String what = Divergence.parameter(parameters, gradients, storage);
    if (what == null) {
      what = Divergence.moment(optimizer.name(), bufferNames, next, storage);
    }
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(gradients[s], 0, parameters[s], 0, parameters[s].length);
      Arrays.fill(gradients[s], 0.0);
    }
    return TrainingDivergedException.updateNotFinite(what == null ? "a value non-finite" : what, steps, lr);
  }

  private void bindOrCheck(double[][] parameters, double[][] gradients, ParameterStorage storage) {
    Objects.requireNonNull(storage, "storage must not be null");
    if (floatBound) {
      clear(gradients);
      throw precisionMismatch(Precision.DOUBLE, storage);
    }
    if (this.storage != null) {
      if (!this.storage.equals(storage)) {
        clear(gradients);
        throw new IllegalStateException("this " + optimizer.name() + " state is bound to " + this.storage
            + " but was given " + storage + ": use one OptimizerState per network instance");
      }
      return;
    }
    try {
      storage.requireShape(parameters, "parameters");
      storage.requireShape(gradients, "gradients");
    } catch (RuntimeException e) {
      clear(gradients);
      throw e;
    }
    if (pending != null && !bufferNames.isEmpty() && pending.bufferLength() != storage.parameterCount()) {
      clear(gradients);
      throw new IllegalStateException("the restored " + pending + " has buffers of " + pending.bufferLength()
          + " values but the network has " + storage.parameterCount() + " parameters (" + storage + ")");
    }
    this.storage = storage;
    sentinels = new double[storage.maxSegmentLength()];
    current = new double[bufferNames.size()][][];
    next = new double[bufferNames.size()][][];
    for (int b = 0; b < bufferNames.size(); b++) {
      current[b] = storage.newSegments();
      next[b] = storage.newSegments();
    }
    momentsAdmitted = true; // all zero
    if (pending != null) {
      OptimizerSnapshot snapshot = pending;
      pending = null;
      restore(snapshot);
    }
  }

  private static void clear(double[][] gradients) {
    if (gradients != null) {
      for (double[] g : gradients) {
        if (g != null) {
          Arrays.fill(g, 0.0);
        }
      }
    }
  }

  /**
   * A copy of the state: optimizer name, steps taken, and each buffer in the flat layout. Before
   * the first step (or after a restore not yet applied) it reflects what the first step will use.
   */
  public OptimizerSnapshot snapshot() {
    if (storage == null) {
      return pending != null ? pending : OptimizerSnapshot.of(optimizer.name(), steps, Map.of());
    }
    Map<String, double[]> buffers = new LinkedHashMap<>();
    for (int b = 0; b < bufferNames.size(); b++) {
      double[] flat = new double[storage.parameterCount()];
      if (floatBound) {
        storage.toFlat(currentFloat[b], flat); // widens exactly
        buffers.put(bufferNames.get(b), flat);
        continue;
      }
      storage.toFlat(current[b], flat);
      buffers.put(bufferNames.get(b), flat);
    }
    return OptimizerSnapshot.of(optimizer.name(), steps, buffers);
  }

  /**
   * Replaces the step count and moments with a snapshot's, to resume training exactly. Works
   * before the first step too (the buffers are then checked against the network when it binds).
   * A snapshot with 0 steps and no buffers resets the state.
   *
   * <p>A state bound to a float network rounds each value to the nearest float.
   *
   * @throws IllegalArgumentException if the snapshot is of another optimizer, lacks a buffer this
   *     optimizer needs, or its buffers do not fit the bound network (for a float network: a
   *     finite value beyond float's range, about 3.4e38)
   */
  public void restore(OptimizerSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot must not be null");
    if (!snapshot.optimizerName().equals(optimizer.name())) {
      throw new IllegalArgumentException("the snapshot is of " + snapshot.optimizerName() + " but this state is of "
          + optimizer.name());
    }
    boolean hasBuffers = !snapshot.bufferNames().isEmpty();
    if ((hasBuffers || snapshot.steps() > 0) && !new HashSet<>(snapshot.bufferNames()).equals(new HashSet<>(bufferNames))) {
      throw new IllegalArgumentException("the snapshot has buffers " + snapshot.bufferNames() + " but " + optimizer
          + " keeps " + bufferNames);
    }
    if (storage == null) {
      pending = hasBuffers ? snapshot : null;
      steps = snapshot.steps();
      return;
    }
    if (hasBuffers && snapshot.bufferLength() != storage.parameterCount()) {
      throw new IllegalArgumentException("the snapshot's buffers have " + snapshot.bufferLength()
          + " values but the network has " + storage.parameterCount() + " parameters (" + storage + ")");
    }
    if (floatBound) {
      restoreFloat(snapshot, hasBuffers);
      return;
    }
    momentsAdmitted = false;
    admitBackoff = 0;
    for (int b = 0; b < bufferNames.size(); b++) {
      if (hasBuffers) {
        storage.fromFlat(snapshot.buffers().get(bufferNames.get(b)), current[b]);
      } else {
        for (double[] segment : current[b]) {
          Arrays.fill(segment, 0.0);
        }
      }
    }
    steps = snapshot.steps();
  }

  // ---- float networks (precision = FLOAT) ----

  /**
   * One optimizer step over a float network's own arrays ({@code precision = FLOAT}): the float
   * counterpart of {@link #step(double[][], double[][], ParameterStorage, double)}, with the same
   * contract. The moments are float, and so is the arithmetic: the learning rate of the step and
   * the hyperparameters are rounded to float, and so are the factors derived from them ({@code 1 -
   * beta}, Adam's bias corrections), which are computed in double first, as PyTorch computes its
   * Python scalars before applying them to float32 tensors. The first call binds the state to {@code
   * storage} as a float state ({@link #precision()} becomes {@link Precision#FLOAT}).
   *
   * @param parameters the float segments of {@code storage}, updated in place
   * @param gradients the same shape; consumed and zeroed
   * @param storage how the segments map to the flat layout; the first call binds the state to it
   * @param gradientScale typically 1 / batch size
   * @throws IllegalStateException if the state is bound to a storage of another shape, or to a
   *     double network
   * @throws TrainingDivergedException if a new parameter or moment would not be finite; then
   *     parameters, moments and step count are unchanged
   */
  public void step(float[][] parameters, float[][] gradients, ParameterStorage storage, float gradientScale) {
    if (storage != this.storage || !floatBound) {
      bindOrCheckFloat(parameters, gradients, storage);
    }
    double rate = schedule.rate(steps);
    float lr = (float) rate;
    float[][][] cur = currentFloat;
    float[][][] nxt = nextFloat;
    float[] acc = floatSentinels;
    int segments = parameters.length;
    switch (kind) {
      case SGD:
        if (momentum == 0) {
          for (int s = 0; s < segments; s++) {
            FloatUpdateRules.sgd(parameters[s], gradients[s], gradientScale, (float) decay(s), lr, acc);
          }
        } else {
          float muBuffer = steps == 0 ? 0.0f : (float) momentum;
          float damp = steps == 0 ? 1.0f : (float) (1 - dampening);
          for (int s = 0; s < segments; s++) {
            FloatUpdateRules.sgdMomentum(parameters[s], gradients[s], cur[0][s], nxt[0][s], gradientScale,
                (float) decay(s), lr, muBuffer, damp, (float) momentum, nesterov, acc);
          }
        }
        break;
      case ADAM: {
        long t = steps + 1;
        float stepSize = (float) (rate / (1 - Math.pow(beta1, t)));
        float root = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        for (int s = 0; s < segments; s++) {
          double decay = decay(s);
          float l2 = decoupled ? 0.0f : (float) decay;
          float shrink = decoupled ? (float) (1 - rate * decay) : 1.0f;
          FloatUpdateRules.adam(parameters[s], gradients[s], cur[0][s], cur[1][s], nxt[0][s], nxt[1][s],
              gradientScale, l2, shrink, (float) beta1, (float) beta2, (float) (1 - beta1), (float) (1 - beta2),
              stepSize, root, (float) epsilon, acc);
        }
        break;
      }
      default: {
        // buffers: square_avg, then momentum_buffer and/or grad_avg in that order
        int m = momentum > 0 ? 1 : -1;
        int a = centered ? (momentum > 0 ? 2 : 1) : -1;
        for (int s = 0; s < segments; s++) {
          FloatUpdateRules.rmsProp(parameters[s], gradients[s], cur[0][s], nxt[0][s],
              a < 0 ? null : cur[a][s], a < 0 ? null : nxt[a][s],
              m < 0 ? null : cur[m][s], m < 0 ? null : nxt[m][s],
              gradientScale, (float) decay(s), lr, (float) alpha, (float) (1 - alpha), (float) epsilon,
              (float) momentum, acc);
        }
        break;
      }
    }
    if (!FloatUpdateRules.drain(acc)) {
      throw rollBackFloat(parameters, gradients, storage, rate);
    }
    for (float[] g : gradients) {
      Arrays.fill(g, 0.0f);
    }
    currentFloat = nxt;
    nextFloat = cur;
    steps++;
  }

  /** The float roll-back: the undo log back into the parameters, gradients zeroed, names what diverged. */
  private TrainingDivergedException rollBackFloat(float[][] parameters, float[][] gradients, ParameterStorage storage,
      double lr) {
    String what = Divergence.parameter(parameters, gradients, storage);
    if (what == null) {
      what = Divergence.moment(optimizer.name(), bufferNames, nextFloat, storage);
    }
    for (int s = 0; s < parameters.length; s++) {
      System.arraycopy(gradients[s], 0, parameters[s], 0, parameters[s].length);
      Arrays.fill(gradients[s], 0.0f);
    }
    return TrainingDivergedException.updateNotFinite(what == null ? "a value non-finite" : what, steps, lr);
  }

  private void bindOrCheckFloat(float[][] parameters, float[][] gradients, ParameterStorage storage) {
    try {
      Objects.requireNonNull(storage, "storage must not be null");
      if (this.storage != null) {
        if (!floatBound) {
          throw precisionMismatch(Precision.FLOAT, storage);
        }
        if (!this.storage.equals(storage)) {
          throw new IllegalStateException("this " + optimizer.name() + " state is bound to " + this.storage
              + " but was given " + storage + ": use one OptimizerState per network instance");
        }
        return;
      }
      storage.requireShape(parameters, "parameters");
      storage.requireShape(gradients, "gradients");
      if (pending != null && !bufferNames.isEmpty()) {
        if (pending.bufferLength() != storage.parameterCount()) {
          throw new IllegalStateException("the restored " + pending + " has buffers of " + pending.bufferLength()
              + " values but the network has " + storage.parameterCount() + " parameters (" + storage + ")");
        }
        requireFloatRange(pending);
      }
    } catch (RuntimeException e) {
      clearFloat(gradients);
      throw e;
    }
    this.storage = storage;
    floatBound = true;
    floatSentinels = new float[FloatUpdateRules.sentinelLength(storage)];
    currentFloat = new float[bufferNames.size()][][];
    nextFloat = new float[bufferNames.size()][][];
    for (int b = 0; b < bufferNames.size(); b++) {
      currentFloat[b] = storage.newFloatSegments();
      nextFloat[b] = storage.newFloatSegments();
    }
    if (pending != null) {
      OptimizerSnapshot snapshot = pending;
      pending = null;
      restore(snapshot);
    }
  }

  private IllegalStateException precisionMismatch(Precision given, ParameterStorage storage) {
    Precision bound = floatBound ? Precision.FLOAT : Precision.DOUBLE;
    return new IllegalStateException("this " + optimizer.name() + " state is bound to a " + bound
        + " network (" + this.storage + ") but was given the " + given + " parameters of " + storage
        + ": use one OptimizerState per network instance (a float network and its double twin need one each)");
  }

  /** Rejects a snapshot value that is finite in double but beyond float's range. */
  private static void requireFloatRange(OptimizerSnapshot snapshot) {
    for (Map.Entry<String, double[]> e : snapshot.buffers().entrySet()) {
      double[] values = e.getValue();
      for (int k = 0; k < values.length; k++) {
        if (Float.isInfinite((float) values[k]) && !Double.isInfinite(values[k])) {
          throw new IllegalArgumentException("the snapshot's " + e.getKey() + "[" + k + "] = " + values[k]
              + " is beyond float's range (about 3.4e38), so a float network's state cannot hold it");
        }
      }
    }
  }

  /** {@link #restore} of a float state, after the common checks: rounds each value to the nearest float. */
  private void restoreFloat(OptimizerSnapshot snapshot, boolean hasBuffers) {
    if (hasBuffers) {
      requireFloatRange(snapshot);
    }
    for (int b = 0; b < bufferNames.size(); b++) {
      if (hasBuffers) {
        storage.fromFlat(snapshot.buffers().get(bufferNames.get(b)), currentFloat[b]);
      } else {
        for (float[] segment : currentFloat[b]) {
          Arrays.fill(segment, 0.0f);
        }
      }
    }
    steps = snapshot.steps();
  }

  private static void clearFloat(float[][] gradients) {
    if (gradients != null) {
      for (float[] g : gradients) {
        if (g != null) {
          Arrays.fill(g, 0.0f);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "OptimizerState[" + optimizer + ", steps " + steps + (storage == null ? ", unbound" : ", " + storage + (floatBound ? ", float" : "")) + "]";
  }
}
