package dev.rnnx.testdata.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each activation function at hand-computed points, and how alpha and beta are consumed. */
class ActivationTest {
  @ParameterizedTest(name = "{0}({3}) alpha={1} beta={2}")
  @CsvSource({
      // name, alpha, beta, x, expected (worked out by hand from the spec's formulas)
      "Relu, 0, 0, -2, 0",
      "Relu, 0, 0, 1.5, 1.5",
      "Tanh, 0, 0, 0.5, 0.46211715726",
      "Sigmoid, 0, 0, 0, 0.5",
      "Sigmoid, 0, 0, 2, 0.88079707798",
      "Affine, 2, 0.5, 3, 6.5", // 2*3 + 0.5
      "LeakyRelu, 0.1, 0, -3, -0.3",
      "LeakyRelu, 0.1, 0, 3, 3",
      "ThresholdedRelu, 1.5, 0, 1.4, 0",
      "ThresholdedRelu, 1.5, 0, 1.5, 1.5",
      "ScaledTanh, 2, 0.5, 1, 0.92423431452", // 2*tanh(0.5)
      "HardSigmoid, 0.2, 0.5, 1, 0.7",
      "HardSigmoid, 0.2, 0.5, 10, 1",
      "HardSigmoid, 0.2, 0.5, -10, 0",
      "Elu, 1, 0, -1, -0.63212055883", // e^-1 - 1
      "Elu, 1, 0, 2, 2",
      "Softsign, 0, 0, 3, 0.75", // 3 / (1 + 3)
      "Softsign, 0, 0, -1, -0.5",
      "Softplus, 0, 0, 0, 0.69314718056", // log(2)
  })
  void matchesTheSpecFormula(String name, double alpha, double beta, double x, double expected) {
    assertEquals(expected, new Activation(name, alpha, beta).apply(x), 1e-9);
  }

  @Test
  void onlyFunctionsThatTakeAValueConsumeOne() {
    List<Activation> a = Activation.resolve(
        List.of("Sigmoid", "LeakyRelu", "Tanh", "HardSigmoid", "Affine"),
        List.of(0.1f, 0.3f), List.of(0.7f));
    assertEquals(0.1, a.get(1).alpha(), 1e-7); // LeakyRelu: first alpha
    assertEquals(0.3, a.get(3).alpha(), 1e-7); // HardSigmoid: second alpha, first beta
    assertEquals(0.7, a.get(3).beta(), 1e-7);
    assertEquals(1.0, a.get(4).alpha()); // Affine: lists ran out, the Affine op's defaults 1, 0
    assertEquals(0.0, a.get(4).beta());
  }

  @Test
  void defaultsAreThoseOfTheCorrespondingOperators() {
    assertEquals(0.01, Activation.named("LeakyRelu").alpha(), 1e-9);
    assertEquals(0.2, Activation.named("HardSigmoid").alpha(), 1e-9);
    assertEquals(0.5, Activation.named("HardSigmoid").beta(), 1e-9);
    assertEquals(1.0, Activation.named("Elu").alpha(), 1e-9);
    assertEquals(1.0, Activation.named("ThresholdedRelu").alpha(), 1e-9);
  }

  @Test
  void namesAreCaseInsensitiveAndUnknownOnesRejected() {
    assertEquals(0.5, Activation.named("sigmoid").apply(0));
    assertThrows(IllegalArgumentException.class, () -> Activation.named("Gelu"));
  }
}
