package dev.neurogen.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpinBarrierTest {
  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /**
   * The path a party takes when the others are late (spin, yield, park) allocates nothing, from the
   * very first wait on: on a loaded machine the first park can come in any step (CI once saw 240
   * bytes there, from linking a native on first call).
   */
  @Test
  void waitingThatEndsInParkingAllocatesNothingFromTheFirstWait() throws InterruptedException {
    SpinBarrier barrier = new SpinBarrier(2);
    AtomicLong workerBytes = new AtomicLong(-1);
    int rounds = 6;
    Thread worker = new Thread(() -> {
      long bytes = 0;
      for (int round = 0; round < rounds; round++) {
        if (round % 2 == 0) {
          sleepMillis(5); // the calling thread waits past SPIN_NANOS and parks
        }
        long before = MX.getCurrentThreadAllocatedBytes();
        barrier.await(1);
        bytes += MX.getCurrentThreadAllocatedBytes() - before;
      }
      workerBytes.set(bytes);
    });
    barrier.register(0, Thread.currentThread());
    barrier.register(1, worker);
    worker.start();
    long callerBytes = 0;
    for (int round = 0; round < rounds; round++) {
      if (round % 2 == 1) {
        sleepMillis(5); // the worker waits past SPIN_NANOS and parks
      }
      long before = MX.getCurrentThreadAllocatedBytes();
      barrier.await(0);
      callerBytes += MX.getCurrentThreadAllocatedBytes() - before;
    }
    worker.join();
    assertEquals(0, callerBytes, "calling thread");
    assertEquals(0, workerBytes.get(), "worker");
  }

  private static void sleepMillis(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait();
    }
  }
}
