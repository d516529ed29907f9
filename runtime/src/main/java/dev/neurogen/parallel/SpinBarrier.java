package dev.neurogen.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
      parked.set(party, 1);
      while (phase == current) {
        LockSupport.park(this);
      }
      parked.set(party, 0);
    }
  }
}
