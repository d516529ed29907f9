package dev.neurogen.functional;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates over many calls of a warmed-up operation, from HotSpot's
 * per-thread allocation counter, less what the measurement itself costs.
 */
public final class AllocationMeter {
  public static final int WARM_UP_CALLS = 20_000;
  public static final int MEASURED_CALLS = 10_000;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationMeter() {}

  /** Measured rounds at least, while a round allocates: see {@link #bytesAllocated}. */
  public static final int ROUNDS = 4;

  /**
   * Seconds of further rounds allowed after the first {@link #ROUNDS}, while every round so far
   * allocated more than {@link #UNCOMPILED_BYTES_PER_CALL} per call: see {@link #bytesAllocated}.
   */
  public static final int PATIENCE_SECONDS = 60;

  /** Bytes per call beyond which a round looks like code not yet compiled by C2. */
  public static final int UNCOMPILED_BYTES_PER_CALL = 1024;

  /**
   * Bytes allocated by {@link #MEASURED_CALLS} calls after {@link #WARM_UP_CALLS} warm-up calls.
   * A round that allocates is measured again, up to {@link #ROUNDS} rounds, and the least is
   * returned: on a loaded machine the JIT may disturb one round (a deoptimisation materialises an
   * object that compiled code had eliminated, a few hundred bytes once), while an allocation per
   * call shows in every round.
   *
   * <p>If even the least of the first {@link #ROUNDS} rounds allocated more than {@link
   * #UNCOMPILED_BYTES_PER_CALL} per call, rounds go on for up to {@link #PATIENCE_SECONDS} more
   * seconds while that holds. On a heavily loaded machine the C2 compiler threads can lag so far
   * behind that the warm-up ends before the hot methods are compiled, and code still interpreted
   * or compiled by C1 allocates: Vector API code boxes every vector, tens of kilobytes per call
   * (656 MB in a round of 10,000 calls, seen at a load average of 9 to 20). A small allocation
   * per call in compiled code is returned after {@link #ROUNDS} rounds as before.
   */
  public static long bytesAllocated(Runnable call) {
    return bytesAllocated(call, WARM_UP_CALLS, MEASURED_CALLS);
  }

  /**
   * {@link #bytesAllocated(Runnable)} with other counts: bytes allocated by {@code measuredCalls}
   * calls (per round) after {@code warmUpCalls} warm-up calls, by the same rounds.
   */
  public static long bytesAllocated(Runnable call, int warmUpCalls, int measuredCalls) {
    for (int i = 0; i < warmUpCalls; i++) {
      call.run();
    }
    long least = Long.MAX_VALUE;
    long uncompiled = (long) UNCOMPILED_BYTES_PER_CALL * measuredCalls;
    long patience = Long.MAX_VALUE;
    for (int round = 0; least != 0; round++) {
      if (round == ROUNDS) {
        patience = System.nanoTime() + PATIENCE_SECONDS * 1_000_000_000L;
      }
      if (round >= ROUNDS && (least <= uncompiled || System.nanoTime() > patience)) {
        break;
      }
      least = Math.min(least, measure(call, measuredCalls));
    }
    return least;
  }

  private static long measure(Runnable call, int calls) {
    long emptyBefore = THREADS.getCurrentThreadAllocatedBytes();
    long emptyAfter = THREADS.getCurrentThreadAllocatedBytes();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return (after - before) - (emptyAfter - emptyBefore);
  }
}
