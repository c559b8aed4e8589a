package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An Einsum equation parsed once: each operand's subscripts, the output's (explicit after
 * {@code ->}, else the letters used once, in alphabetical order), {@code ...} for broadcast
 * dims. Evaluation sums the product of the operands over every assignment of the letters.
 */
final class EinsumPlan {
  private static final char FIRST_ELLIPSIS = 'A' - 16; // stand-in letters for '...' dims

  private final String[] inputs;
  private final String output; // null: implicit

  EinsumPlan(String equation) {
    String eq = equation.replace(" ", "");
    int arrow = eq.indexOf("->");
    String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
    this.inputs = lhs.split(",", -1);
    this.output = arrow < 0 ? null : eq.substring(arrow + 2);
  }

  INDArray apply(INDArray[] in) {
    if (in.length != inputs.length) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "Einsum has " + inputs.length
          + " operand terms but " + in.length + " inputs");
    }
    int ellipsisRank = 0;
    for (int i = 0; i < in.length; i++) {
      if (inputs[i].contains("...")) {
        ellipsisRank = Math.max(ellipsisRank, in[i].rank() - (inputs[i].length() - 3));
      }
    }
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      int own = inputs[i].contains("...") ? in[i].rank() - (inputs[i].length() - 3) : 0;
      terms.add(expand(inputs[i], own, ellipsisRank));
    }
    String out = output == null ? implicitOutput(terms, ellipsisRank)
        : expand(output, ellipsisRank, ellipsisRank);
    StringBuilder letters = new StringBuilder(out);
    for (String t : terms) {
      for (char ch : t.toCharArray()) {
        if (letters.indexOf(String.valueOf(ch)) < 0) {
          letters.append(ch);
        }
      }
    }
    long[] size = new long[letters.length()];
    java.util.Arrays.fill(size, 1);
    for (int i = 0; i < in.length; i++) {
      long[] s = in[i].shape();
      String t = terms.get(i);
      for (int k = 0; k < t.length(); k++) {
        int at = letters.indexOf(String.valueOf(t.charAt(k)));
        size[at] = Math.max(size[at], s[k]);
      }
    }
    // per operand and letter, the operand's stride for that letter (0 if absent or broadcast)
    long[][] strides = new long[in.length][letters.length()];
    double[][] values = new double[in.length][];
    for (int i = 0; i < in.length; i++) {
      long[] s = in[i].shape();
      long[] st = NdArrays.strides(s);
      String t = terms.get(i);
      for (int k = 0; k < t.length(); k++) {
        if (s[k] != 1) {
          strides[i][letters.indexOf(String.valueOf(t.charAt(k)))] += st[k];
        }
      }
      values[i] = NdArrays.doubles(in[i]);
    }
    long[] outShape = new long[out.length()];
    System.arraycopy(size, 0, outShape, 0, out.length());
    double[] result = new double[NdArrays.count(outShape)];
    int[][] maps = new int[in.length][];
    for (int i = 0; i < in.length; i++) {
      maps[i] = Moves.affine(size, strides[i], 0);
    }
    int inner = NdArrays.count(java.util.Arrays.copyOfRange(size, out.length(), size.length));
    for (int p = 0; p < maps[0].length; p++) {
      double prod = 1;
      for (int i = 0; i < in.length; i++) {
        prod *= values[i][maps[i][p]];
      }
      result[p / inner] += prod;
    }
    return NdArrays.of(in[0].dataType(), outShape, result);
  }

  /** Replaces '...' by stand-in letters for the last {@code own} of {@code rank} dims. */
  private static String expand(String term, int own, int rank) {
    int at = term.indexOf("...");
    if (at < 0) {
      return term;
    }
    StringBuilder dots = new StringBuilder();
    for (int k = rank - own; k < rank; k++) {
      dots.append((char) (FIRST_ELLIPSIS + k));
    }
    return term.substring(0, at) + dots + term.substring(at + 3);
  }

  private static String implicitOutput(List<String> terms, int ellipsisRank) {
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < ellipsisRank; k++) {
      out.append((char) (FIRST_ELLIPSIS + k));
    }
    TreeSet<Character> once = new TreeSet<>();
    String all = String.join("", terms);
    for (char ch : all.toCharArray()) {
      if (Character.isLetter(ch) && all.indexOf(ch) == all.lastIndexOf(ch)) {
        once.add(ch);
      }
    }
    once.forEach(out::append);
    return out.toString();
  }
}
