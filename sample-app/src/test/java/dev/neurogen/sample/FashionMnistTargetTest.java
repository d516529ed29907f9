package dev.neurogen.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fashion-MNIST target on the real data: at least 88% test accuracy in at most 10 epochs with
 * the defaults. Minutes of training, so not part of {@code mvn verify}; run it with
 *
 * <pre>
 * mvn -B -q verify -pl sample-app -am -Dtest=FashionMnistTargetTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dneurogen.fashion=true
 * </pre>
 *
 * (needs {@code sudo apt-get install dataset-fashion-mnist}).
 */
@EnabledIfSystemProperty(named = "neurogen.fashion", matches = "true")
class FashionMnistTargetTest {
  @TempDir Path temp;

  @Test
  void defaultsReach88PercentInTenEpochs() {
    Cli.Result r =
        Cli.run("train", "--dataset", "fashion", "--plain", "--out", temp.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().contains("up to 10 epochs"), r::toString);
    Matcher m = Pattern.compile("test accuracy (\\d+\\.\\d+)%").matcher(r.out());
    assertTrue(m.find(), r::toString);
    assertTrue(Double.parseDouble(m.group(1)) >= 88.0, "Fashion-MNIST target 88%: " + m.group());
  }
}
