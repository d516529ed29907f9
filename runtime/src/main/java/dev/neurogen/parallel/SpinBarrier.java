package dev.neurogen.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for a fixed set of parties (party 0 is the calling thread, the others the
 * trainer's workers) that allocates nothing: a waiting party spins briefly, then yields its core
 * for up to {@link #SPIN_NANOS} (a training step's serial part, the update, is shorter than that,
 * so the workers are usually still waiting actively when the next step starts; yielding lets the
 * parties it waits for run sooner on a loaded machine), then parks until the last party arrives
 * and unparks it. {@code java.util.concurrent.Phaser} and {@code CyclicBarrier} would allocate a wait node or
 * a lock condition node whenever a party blocks.
 */
final class SpinBarrier {
  /** How long a waiting party spins before it parks: {@value} ns. */
  static final long SPIN_NANOS = 300_000L;

  /** Busy-wait iterations before a waiting party starts yielding its core: {@value}. */
  static final int SPINS = 2_000;

  private final int parties;
  private final Thread[] threads;
  private final AtomicInteger arrived = new AtomicInteger();
  /**
   * Party i is parked (1) or not (0). One {@code AtomicInteger} per party, not an {@code
   * AtomicIntegerArray}: the array's accessors go through a {@code VarHandle}, whose first call links
   * method handles and allocates, on whichever thread first takes the parking path.
   */
  private final AtomicInteger[] parked;
  private volatile int phase;

  static {
    // The first call of a native method links it, and linking allocates (the JVM looks the symbol
    // up by a name it builds as a String). Link every native the waiting path calls here, once,
    // so that the first step that has to wait (more often on a loaded machine) allocates nothing.
    Thread.onSpinWait();
    System.nanoTime();
    Thread.yield();
    LockSupport.unpark(Thread.currentThread());
    LockSupport.park(SpinBarrier.class); // returns at once: the unpark above left a permit
  }

  SpinBarrier(int parties) {
    this.parties = parties;
    this.threads = new Thread[parties];
    this.parked = new AtomicInteger[parties];
    for (int i = 0; i < parties; i++) {
      parked[i] = new AtomicInteger();
    }
  }

  /** The thread that waits as {@code party}; set before it first waits. */
  void register(int party, Thread thread) {
    threads[party] = thread;
  }

  /** Arrives as {@code party} and returns once all parties have arrived. */
  void await(int party) {
    int current = phase;
    if (arrived.incrementAndGet() == parties) {
      arrived.set(0);
      phase = current + 1;
      for (int i = 0; i < parties; i++) {
        if (i != party && parked[i].get() != 0) {
          LockSupport.unpark(threads[i]);
        }
      }
      return;
    }
    // spin a little (the other parties usually arrive within microseconds on an idle machine),
    // then yield, so that on a loaded machine the parties we wait for get the core sooner
    for (int spin = 0; spin < SPINS && phase == current; spin++) {
      Thread.onSpinWait();
    }
    if (phase != current) {
      return;
    }
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (phase == current && System.nanoTime() - deadline < 0) {
      Thread.yield();
    }
    if (phase == current) {
      // the releasing party reads the flag after it advanced the phase: it sees the flag or we see the phase
      parked[party].set(1);
      while (phase == current) {
        LockSupport.park(this);
      }
      parked[party].set(0);
    }
  }
}
