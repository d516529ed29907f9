package dev.neurogen.toolkit;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates over many calls of a warmed-up operation, from HotSpot's
 * per-thread allocation counter, less what the measurement itself costs (as functional-tests'
 * AllocationMeter).
 */
public final class AllocationMeter {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private AllocationMeter() {}

  /** Bytes allocated by {@code measured} calls after {@code warmUp} warm-up calls. */
  public static long bytesAllocated(Runnable call, int warmUp, int measured) {
    for (int i = 0; i < warmUp; i++) {
      call.run();
    }
    long emptyBefore = THREADS.getCurrentThreadAllocatedBytes();
    long emptyAfter = THREADS.getCurrentThreadAllocatedBytes();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < measured; i++) {
      call.run();
    }
    long after = THREADS.getCurrentThreadAllocatedBytes();
    return (after - before) - (emptyAfter - emptyBefore);
  }
}
