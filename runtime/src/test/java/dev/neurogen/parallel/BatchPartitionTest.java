package dev.neurogen.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchPartitionTest {
  private static final int W3 = 109_386;
  private static final int W2 = 2_410;

  @Test
  void defaultPartsFollowTheRule() {
    BatchPartition p = BatchPartition.DEFAULT;
    // W3: 32 x 109,386 = 3.5M samples x parameters, 2 parts of 16 samples
    assertEquals(2, p.parts(32, W3));
    assertEquals(4, p.parts(128, W3));
    assertEquals(1, p.parts(16, W3));
    assertEquals(1, p.parts(31, W3));
    // W2: one part up to 414 samples (work), then by work
    assertEquals(1, p.parts(16, W2));
    assertEquals(1, p.parts(414, W2));
    assertEquals(2, p.parts(830, W2));
    assertEquals(4, p.parts(100_000, W2));
    assertEquals(1, p.parts(1, 1));
  }

  @Test
  void partsCoverTheBatchInOrder() {
    for (int n = 1; n <= 300; n++) {
      for (int parts = 1; parts <= Math.min(4, n); parts++) {
        assertEquals(0, BatchPartition.start(0, parts, n));
        assertEquals(n, BatchPartition.start(parts, parts, n));
        for (int k = 0; k < parts; k++) {
          int size = BatchPartition.start(k + 1, parts, n) - BatchPartition.start(k, parts, n);
          assertTrue(size >= n / parts && size <= n / parts + 1, n + " " + parts + " " + k);
        }
      }
    }
  }

  @Test
  void badSettingsAreRejected() {
    assertEquals("maxParts must be in [1, 64], got 0",
        assertThrows(IllegalArgumentException.class, () -> new BatchPartition(0, 1, 1)).getMessage());
    assertEquals("minPartSamples must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new BatchPartition(2, 0, 1)).getMessage());
    assertEquals("minPartWork must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> new BatchPartition(2, 1, 0)).getMessage());
    assertEquals("batchSize must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> BatchPartition.DEFAULT.parts(0, 10)).getMessage());
  }
}
