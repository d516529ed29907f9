package dev.neurogen.toolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurogen.Activation;
import dev.neurogen.Loss;
import org.junit.jupiter.api.Test;

/** The generated {@code loss()} and {@code activation(layer)} that model files record and check. */
class NetworkMetadataTest {

  @Test
  void generatedNetworksReportTheirDeclaration() {
    Nets_IrisImpl iris = new Nets_IrisImpl(1L);
    assertEquals(Loss.CROSS_ENTROPY, iris.loss());
    assertEquals(Activation.TANH, iris.activation(1));
    assertEquals(Activation.SOFTMAX, iris.activation(2));
    Nets_BinaryImpl binary = new Nets_BinaryImpl(1L);
    assertEquals(Loss.BINARY_CROSS_ENTROPY, binary.loss());
    assertEquals(Activation.SIGMOID, binary.activation(2));
    Nets_RegressionImpl regression = new Nets_RegressionImpl(1L);
    assertEquals(Loss.MSE, regression.loss());
    assertEquals(Activation.IDENTITY, regression.activation(2));
    Nets_DigitsImpl digits = new Nets_DigitsImpl(1L); // looped layers
    assertEquals(Activation.RELU, digits.activation(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> iris.activation(3));
    assertTrue(e.getMessage().contains("layer must be in [1, 2]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> iris.activation(0));
  }
}
