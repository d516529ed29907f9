package dev.neurogen.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.TrainingDivergedException;
import org.junit.jupiter.api.Test;

/** The guarded float SGD step on plain arrays: the float twin of the double {@code Updates}. */
class FloatUpdatesTest {
  private static final ParameterStorage STORAGE = ParameterStorage.of(new int[] {2, 1}, new boolean[] {false});

  @Test
  void descendUpdatesAndClearsTheGradients() {
    float[] w = {1.0f, 2.0f};
    float[] b = {0.5f};
    float[] gw = {0.25f, -1.0f};
    float[] gb = {2.0f};
    float[] sentinels = new float[STORAGE.maxSegmentLength()];
    FloatUpdates.descend(new float[][] {w, b}, new float[][] {gw, gb}, STORAGE, 0.5f, 0.5, sentinels);
    assertArrayEquals(new float[] {1.0f - 0.125f, 2.5f}, w);
    assertArrayEquals(new float[] {-0.5f}, b);
    assertArrayEquals(new float[] {0, 0}, gw);
    assertArrayEquals(new float[] {0}, gb);
    assertArrayEquals(new float[sentinels.length], sentinels);
  }

  @Test
  void anUpdateBeyondFloatRangeThrowsAndRestores() {
    float[] w = {1.0f, 2.0f};
    float[] b = {0.5f};
    float[] gw = {0.25f, -3e38f};
    float[] gb = {2.0f};
    float[] sentinels = new float[STORAGE.maxSegmentLength()];
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
        FloatUpdates.descend(new float[][] {w, b}, new float[][] {gw, gb}, STORAGE, 10f, 10.0, sentinels));
    assertTrue(e.getMessage().contains("W1[0][1] Infinity (it is 2.0)"), e.getMessage());
    assertArrayEquals(new float[] {1.0f, 2.0f}, w);
    assertArrayEquals(new float[] {0.5f}, b);
    assertArrayEquals(new float[] {0, 0}, gw, "gradients are consumed either way");
    assertArrayEquals(new float[sentinels.length], sentinels, "sentinels are zero again");
  }

  @Test
  void aLossThatIsNotFiniteThrowsAndClearsTheGradients() {
    float[] g = {1, 2};
    assertThrows(TrainingDivergedException.class,
        () -> FloatUpdates.requireFiniteLoss(Float.NaN, new float[][] {g}, 0.1));
    assertArrayEquals(new float[] {0, 0}, g);
  }

  @Test
  void shortcutBoundsAndCheckedCommit() {
    float reach = FloatUpdates.reach(0.5f, new float[] {1, -2}, new float[] {3});
    assertTrue(reach >= 0.5f * 3 * 3 && reach < 0.5f * 3 * 3 * 1.001f, "reach " + reach);
    float[] w = {1, Float.POSITIVE_INFINITY};
    float[] b = {0};
    float[] backupW = {1, 2};
    float[] backupB = {0};
    float[] sentinels = new float[STORAGE.maxSegmentLength()];
    assertThrows(TrainingDivergedException.class, () -> FloatUpdates.commitChecked(
        new float[][] {w, b}, new float[][] {backupW, backupB}, STORAGE, 0.1, sentinels));
    assertArrayEquals(new float[] {1, 2}, w, "restored from the backup");
    w[1] = -4;
    assertEquals(4f, FloatUpdates.commitChecked(
        new float[][] {w, b}, new float[][] {backupW, backupB}, STORAGE, 0.1, sentinels));
  }
}
