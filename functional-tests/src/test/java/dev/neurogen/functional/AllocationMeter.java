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

  /** Measured rounds at most: see {@link #bytesAllocated}. */
  public static final int ROUNDS = 4;

  /**
   * Bytes allocated by {@link #MEASURED_CALLS} calls after {@link #WARM_UP_CALLS} warm-up calls.
   * A round that allocates is measured again, up to {@link #ROUNDS} rounds, and the least is
   * returned: on a loaded machine the JIT may disturb one round (a deoptimisation materialises an
   * object that compiled code had eliminated, a few hundred bytes once), while an allocation per
   * call shows in every round.
   */
  public static long bytesAllocated(Runnable call) {
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      call.run();
    }
    long least = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS && least != 0; round++) {
      least = Math.min(least, measure(call));
    }
    return least;
  }

  private static long measure(Runnable call) {
    long emptyBefore = THREADS.getCurrentThreadAllocatedBytes();
    long emptyAfter = THREADS.getCurrentThreadAllocatedBytes();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < MEASURED_CALLS; i++) {
      call.run();
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return (after - before) - (emptyAfter - emptyBefore);
  }
}
