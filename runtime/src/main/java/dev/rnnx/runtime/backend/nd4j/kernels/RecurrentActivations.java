package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * The activation functions of LSTM, GRU and RNN by their ONNX names. activation_alpha and
 * activation_beta are consumed in list order by the functions that take them, as ONNX Runtime
 * does; a function with no value left takes its operator's default.
 */
public final class RecurrentActivations {
  private RecurrentActivations() {}

  /**
   * @param n the node
   * @param defaults one direction's functions when the node lists none
   * @param directions 1 or 2
   * @return per direction, its functions in order (f, g, h for LSTM)
   */
  static DoubleUnaryOperator[][] of(Node n, List<String> defaults, int directions) {
    List<Spec> specs = specs(n, defaults, directions).orElseThrow(() -> new RnnxException(
        ErrorCode.INVALID_ARGUMENT, "expected " + defaults.size() * directions
            + " activations, got " + n.attribute("activations").map(a -> a.asStrings())
            .orElse(defaults)));
    DoubleUnaryOperator[][] out = new DoubleUnaryOperator[directions][defaults.size()];
    for (int i = 0; i < specs.size(); i++) {
      Spec f = specs.get(i);
      out[i / defaults.size()][i % defaults.size()] = function(f.name(), f.alpha(), f.beta());
    }
    return out;
  }

  /**
   * One activation function as a node lists it.
   *
   * @param name its name, lower case
   * @param alpha the activation_alpha value it takes, or null for its default
   * @param beta the activation_beta value it takes, or null for its default
   */
  public record Spec(String name, Double alpha, Double beta) {}

  /**
   * @param n a recurrent node
   * @param defaults one direction's functions when the node lists none
   * @param directions 1 or 2
   * @return the functions in order, direction by direction (one direction's list is used for
   *     both when the node gives only that many), alpha and beta consumed in list order by the
   *     functions that take them; empty when the list has the wrong length
   */
  public static Optional<List<Spec>> specs(Node n, List<String> defaults, int directions) {
    List<String> names = n.attribute("activations").map(a -> a.asStrings()).orElse(defaults);
    if (names.size() == defaults.size() && directions == 2) {
      List<String> both = new ArrayList<>(names);
      both.addAll(names);
      names = both;
    }
    if (names.size() != defaults.size() * directions) {
      return Optional.empty();
    }
    float[] alphas = n.attribute("activation_alpha").map(a -> a.asFloats()).orElse(new float[0]);
    float[] betas = n.attribute("activation_beta").map(a -> a.asFloats()).orElse(new float[0]);
    int nextAlpha = 0;
    int nextBeta = 0;
    List<Spec> out = new ArrayList<>();
    for (String given : names) {
      String name = given.toLowerCase(Locale.ROOT);
      Double alpha = null;
      Double beta = null;
      if (takesAlpha(name) && nextAlpha < alphas.length) {
        alpha = (double) alphas[nextAlpha++];
      }
      if (takesBeta(name) && nextBeta < betas.length) {
        beta = (double) betas[nextBeta++];
      }
      out.add(new Spec(name, alpha, beta));
    }
    return Optional.of(out);
  }

  private static boolean takesAlpha(String name) {
    return switch (name) {
      case "affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu" -> true;
      default -> false;
    };
  }

  private static boolean takesBeta(String name) {
    return switch (name) {
      case "affine", "scaledtanh", "hardsigmoid" -> true;
      default -> false;
    };
  }

  private static double or(Double v, double fallback) {
    return v == null ? fallback : v;
  }

  private static DoubleUnaryOperator function(String name, Double alpha, Double beta) {
    return switch (name) {
      case "sigmoid" -> x -> 1 / (1 + Math.exp(-x));
      case "tanh" -> SpecialFunctions::tanh;
      case "relu" -> x -> Math.max(0, x);
      case "affine" -> {
        double a = or(alpha, 1);
        double b = or(beta, 0);
        yield x -> a * x + b;
      }
      case "leakyrelu" -> UnaryFunctions.leakyRelu(or(alpha, 0.01));
      case "thresholdedrelu" -> UnaryFunctions.thresholdedRelu(or(alpha, 1));
      case "scaledtanh" -> {
        double a = or(alpha, 1);
        double b = or(beta, 1);
        yield x -> a * SpecialFunctions.tanh(b * x);
      }
      case "hardsigmoid" -> UnaryFunctions.hardSigmoid(or(alpha, 0.2), or(beta, 0.5));
      case "elu" -> UnaryFunctions.elu(or(alpha, 1));
      case "softsign" -> x -> x / (1 + Math.abs(x));
      case "softplus" -> x -> Math.log(1 + Math.exp(x));
      default -> throw new RnnxException(ErrorCode.UNSUPPORTED, "activation '" + name + "'");
    };
  }
}
