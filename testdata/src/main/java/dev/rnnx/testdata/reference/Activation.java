package dev.rnnx.testdata.reference;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One activation function of the recurrent operators, with its alpha and beta, as listed in the
 * LSTM/GRU/RNN sections of the ONNX operator spec.
 *
 * @param name the function, in ONNX's spelling (matched case-insensitively)
 * @param alpha the alpha it uses, or 0 when it takes none
 * @param beta the beta it uses, or 0 when it takes none
 */
public record Activation(String name, double alpha, double beta) {
  /** Checks the name. */
  public Activation {
    kind(name); // throws for unknown names
  }

  /**
   * @param x the input
   * @return the function's value at {@code x}
   */
  public double apply(double x) {
    return switch (kind(name)) {
      case "relu" -> Math.max(0, x);
      case "tanh" -> Math.tanh(x);
      case "sigmoid" -> 1 / (1 + Math.exp(-x));
      case "affine" -> alpha * x + beta;
      case "leakyrelu" -> x >= 0 ? x : alpha * x;
      case "thresholdedrelu" -> x >= alpha ? x : 0;
      case "scaledtanh" -> alpha * Math.tanh(beta * x);
      case "hardsigmoid" -> Math.min(Math.max(alpha * x + beta, 0), 1);
      case "elu" -> x >= 0 ? x : alpha * (Math.exp(x) - 1);
      case "softsign" -> x / (1 + Math.abs(x));
      case "softplus" -> Math.log1p(Math.exp(x));
      default -> throw new AssertionError(name);
    };
  }

  /**
   * Resolves an {@code activations} list with its {@code activation_alpha} and
   * {@code activation_beta} lists. The spec says the values "are consumed in the order of
   * activation functions"; as in ONNX Runtime, only functions that take an alpha (a beta) consume
   * one, so {@code [Sigmoid, LeakyRelu, HardSigmoid]} with alphas {@code [0.1, 0.3]} gives
   * LeakyRelu alpha 0.1 and HardSigmoid alpha 0.3. When a list runs out, the defaults of the
   * corresponding ONNX operators apply (LeakyRelu 0.01, ThresholdedRelu 1, Elu 1,
   * HardSigmoid 0.2/0.5, Affine 1/0, ScaledTanh 1/1).
   *
   * @param names the functions, for every direction in order
   * @param alphas the alpha values, possibly empty
   * @param betas the beta values, possibly empty
   * @return one activation per name
   */
  public static List<Activation> resolve(List<String> names, List<Float> alphas,
      List<Float> betas) {
    Iterator<Float> a = alphas.iterator();
    Iterator<Float> b = betas.iterator();
    List<Activation> out = new ArrayList<>();
    for (String name : names) {
      String k = kind(name);
      double alpha = takesAlpha(k) ? (a.hasNext() ? a.next() : defaultAlpha(k)) : 0;
      double beta = takesBeta(k) ? (b.hasNext() ? b.next() : defaultBeta(k)) : 0;
      out.add(new Activation(name, alpha, beta));
    }
    return out;
  }

  /**
   * @param name a function name
   * @return the function with its default alpha and beta
   */
  public static Activation named(String name) {
    return resolve(List.of(name), List.of(), List.of()).get(0);
  }

  private static String kind(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    return switch (k) {
      case "relu", "tanh", "sigmoid", "affine", "leakyrelu", "thresholdedrelu", "scaledtanh",
          "hardsigmoid", "elu", "softsign", "softplus" -> k;
      default -> throw new IllegalArgumentException("unknown activation function " + name);
    };
  }

  private static boolean takesAlpha(String k) {
    return switch (k) {
      case "affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu" -> true;
      default -> false;
    };
  }

  private static boolean takesBeta(String k) {
    return switch (k) {
      case "affine", "scaledtanh", "hardsigmoid" -> true;
      default -> false;
    };
  }

  private static double defaultAlpha(String k) {
    return switch (k) {
      case "leakyrelu" -> 0.01;
      case "hardsigmoid" -> 0.2;
      default -> 1.0; // ThresholdedRelu, Elu, Affine, ScaledTanh
    };
  }

  private static double defaultBeta(String k) {
    return switch (k) {
      case "hardsigmoid" -> 0.5;
      case "scaledtanh" -> 1.0;
      default -> 0.0; // Affine
    };
  }
}
