package dev.neurogen.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A reusable barrier for a fixed set of parties (party 0 is the calling thread, the others the
 * trainer's workers) that allocates nothing: a waiting party spins for up to {@link #SPIN_NANOS}
 * (a training step's serial part, the update, is shorter than that, so the workers are usually
 * still spinning when the next step starts), then parks until the last party arrives and unparks
 * it. {@code java.util.concurrent.Phaser} and {@code CyclicBarrier} would allocate a wait node or
 * a lock condition node whenever a party blocks.
 */
final class SpinBarrier {
  /** How long a waiting party spins before it parks: {@value} ns. */
  static final long SPIN_NANOS = 300_000L;

  private final int parties;
  private final Thread[] threads;
  private final AtomicInteger arrived = new AtomicInteger();
  private final AtomicIntegerArray parked;
  private volatile int phase;

  SpinBarrier(int parties) {
    this.parties = parties;
    this.threads = new Thread[parties];
    this.parked = new AtomicIntegerArray(parties);
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
        if (i != party && parked.get(i) != 0) {
          LockSupport.unpark(threads[i]);
        }
      }
      return;
    }
    long deadline = 0;
    for (int spin = 0; phase == current; spin++) {
      if ((spin & 63) == 63) {
        long now = System.nanoTime();
        if (deadline == 0) {
          deadline = now + SPIN_NANOS;
        } else if (now - deadline > 0) {
          break;
        }
      }
      Thread.onSpinWait();
    }
    if (phase == current) {
      // the releasing party reads the flag after it advanced the phase: it sees the flag or we see the phase
      parked.set(party, 1);
      while (phase == current) {
        LockSupport.park(this);
      }
      parked.set(party, 0);
    }
  }
}
