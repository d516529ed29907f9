package dev.neurogen.toolkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neurogen.toolkit.TestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void stratifiedSeededAndComplete() {
    DataSet iris = TestData.iris();
    Split split = Split.of(iris, 0.7, 0.1, 0.2, 42L);
    // 50 per class: round(35) train, round(5) validation, 10 test, per class
    assertArrayEquals(new int[] {35, 35, 35}, split.train().classCounts());
    assertArrayEquals(new int[] {5, 5, 5}, split.validation().classCounts());
    assertArrayEquals(new int[] {10, 10, 10}, split.test().classCounts());
    assertEquals(split.train(), Split.of(iris, 0.7, 0.1, 0.2, 42L).train());
    assertNotEquals(split.train(), Split.of(iris, 0.7, 0.1, 0.2, 43L).train());
    assertEquals(iris.classNames(), split.test().classNames());

    // every row lands in exactly one part: compare the multisets of rows
    List<String> all = rows(iris);
    List<String> parts = rows(split.train());
    parts.addAll(rows(split.validation()));
    parts.addAll(rows(split.test()));
    Collections.sort(all);
    Collections.sort(parts);
    assertEquals(all, parts);
  }

  @Test
  void unlabelledAndBadFractions() {
    DataSet d = DataSet.ofTargets(new double[10], 1, new double[10], 1);
    Split split = Split.of(d, 0.5, 0.5, 0.0, 1L);
    assertEquals(5, split.train().size());
    assertEquals(5, split.validation().size());
    assertEquals(0, split.test().size());
    assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0.5, 0.4, 0.0, 1L));
    assertThrows(IllegalArgumentException.class, () -> Split.of(d, -0.1, 0.6, 0.5, 1L));
  }

  private static List<String> rows(DataSet d) {
    List<String> rows = new ArrayList<>();
    for (int r = 0; r < d.size(); r++) {
      rows.add(java.util.Arrays.toString(d.featureRow(r)) + d.label(r) + "#" + r);
    }
    rows.replaceAll(s -> s.substring(0, s.indexOf('#')));
    return rows;
  }
}
