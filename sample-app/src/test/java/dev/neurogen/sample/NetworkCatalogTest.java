package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.toolkit.data.DataSet;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every declared network fits the data set it is listed for; names are unique. */
class NetworkCatalogTest {
  @Test
  void everyNetworkFitsItsDataSet() throws IOException {
    DataSet digits = DataSets.digits();
    DataSet iris = DataSets.iris();
    for (NetworkCatalog.Entry e : NetworkCatalog.ALL) {
      int[] layers = e.layers();
      int inputs = layers[0];
      int outputs = layers[layers.length - 1];
      switch (e.dataSet()) {
        case "digits" -> {
          assertEquals(digits.featureCount(), inputs, e.name());
          assertEquals(digits.classCount(), outputs, e.name());
        }
        case "iris" -> {
          assertEquals(iris.featureCount(), inputs, e.name());
          assertEquals(iris.classCount(), outputs, e.name());
        }
        case "fashion" -> {
          assertEquals(28 * 28, inputs, e.name());
          assertEquals(DataSets.FASHION_CLASSES.size(), outputs, e.name());
        }
        default -> throw new AssertionError("unknown data set " + e.dataSet());
      }
      assertTrue(e.name().startsWith(e.dataSet() + "-"), e.name());
    }
  }

  @Test
  void namesAreUniqueAndFoundCaseInsensitively() {
    Set<String> names = new HashSet<>();
    for (NetworkCatalog.Entry e : NetworkCatalog.ALL) {
      assertTrue(names.add(e.name()), "duplicate " + e.name());
      assertEquals(e, NetworkCatalog.byName(e.name().toUpperCase(java.util.Locale.ROOT)).get());
    }
  }

  @Test
  void embeddedDataSetsAreWhatDataMdSays() throws IOException {
    DataSet digits = DataSets.digits();
    assertEquals(1797, digits.size());
    assertEquals(64, digits.featureCount());
    assertEquals(10, digits.classCount());
    DataSet iris = DataSets.iris();
    assertEquals(150, iris.size());
    assertEquals(java.util.List.of("setosa", "versicolor", "virginica"), iris.classNames());
    assertEquals(DataSets.IRIS_FEATURES, iris.featureNames());
    // First flower of Fisher's table: sepal 5.1 x 3.5 cm, petal 1.4 x 0.2 cm, setosa.
    assertEquals(5.1, iris.feature(0, 0));
    assertEquals(0.2, iris.feature(0, 3));
    assertEquals(0, iris.label(0));
    assertEquals(java.util.List.of(50, 50, 50),
        java.util.Arrays.stream(iris.classCounts()).boxed().toList());
  }
}
