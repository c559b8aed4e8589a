package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Matrix products: MatMul, MatMulInteger, Gemm, Einsum. */
final class LinearAlgebraRules {
  private LinearAlgebraRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("MatMul", c -> ShapeRule.of(Dims.tensor(c.elem(0), matMul(c))));
    rules.put("MatMulInteger", c -> ShapeRule.of(Dims.tensor(ElementType.INT32, matMul(c))));
    rules.put("Gemm", LinearAlgebraRules::gemm);
    rules.put("Einsum", c -> ShapeRule.of(Dims.tensor(c.elem(0), einsum(c))));
  }

  /** numpy matmul: a 1-D operand gains a dim of 1 that the result then drops. */
  private static List<Dim> matMul(InferenceContext c) {
    List<Dim> a = c.dims(0);
    List<Dim> b = c.dims(1);
    if (a == null || b == null) {
      return null;
    }
    if (a.isEmpty() || b.isEmpty()) {
      throw c.fail("MatMul operands need rank 1 or more, got " + a + " and " + b);
    }
    List<Dim> x = a.size() == 1 ? List.of(Dim.of(1), a.get(0)) : a;
    List<Dim> y = b.size() == 1 ? List.of(b.get(0), Dim.of(1)) : b;
    Dim k1 = x.get(x.size() - 1);
    Dim k2 = y.get(y.size() - 2);
    if (k1.isFixed() && k2.isFixed() && !k1.equals(k2)) {
      throw c.fail("inner dims differ: " + a + " times " + b);
    }
    List<Dim> out = new ArrayList<>(Broadcasting.dims(List.of(
        x.subList(0, x.size() - 2), y.subList(0, y.size() - 2))));
    if (a.size() > 1) {
      out.add(x.get(x.size() - 2));
    }
    if (b.size() > 1) {
      out.add(y.get(y.size() - 1));
    }
    return out;
  }

  private static List<ValueType> gemm(InferenceContext c) {
    List<Dim> a = c.dims(0);
    List<Dim> b = c.dims(1);
    Dim m = Dim.UNKNOWN;
    Dim n = Dim.UNKNOWN;
    if (a != null) {
      if (a.size() != 2) {
        throw c.fail("A must be 2-D, got " + a);
      }
      m = a.get(c.node().intAttr("transA", 0) == 0 ? 0 : 1);
    }
    if (b != null) {
      if (b.size() != 2) {
        throw c.fail("B must be 2-D, got " + b);
      }
      n = b.get(c.node().intAttr("transB", 0) == 0 ? 1 : 0);
    }
    return ShapeRule.of(Dims.tensor(c.elem(0), List.of(m, n)));
  }

  /** Einsum: each letter's dim from the operands; "..." the broadcast of what it covers. */
  private static List<Dim> einsum(InferenceContext c) {
    String equation = c.node().stringAttr("equation", "").replace(" ", "");
    String[] sides = equation.split("->", -1);
    String[] terms = sides[0].split(",", -1);
    if (terms.length != c.inputCount()) {
      throw c.fail("equation '" + equation + "' has " + terms.length + " operands, the node "
          + c.inputCount());
    }
    Map<Character, Dim> letters = new HashMap<>();
    Map<Character, Integer> counts = new HashMap<>();
    List<List<Dim>> ellipses = new ArrayList<>();
    for (int i = 0; i < terms.length; i++) {
      List<Dim> dims = c.dims(i);
      String term = terms[i];
      int dots = term.indexOf("...");
      String named = term.replace("...", "");
      named.chars().forEach(ch -> counts.merge((char) ch, 1, Integer::sum));
      if (dims == null) {
        return null;
      }
      int covered = dims.size() - named.length();
      if (covered < 0 || dots < 0 && covered != 0) {
        throw c.fail("operand " + i + " of rank " + dims.size() + " does not fit '" + term + "'");
      }
      for (int k = 0, d = 0; k < named.length(); k++, d++) {
        if (k == dots) {
          ellipses.add(dims.subList(d, d + covered));
          d += covered;
        }
        char ch = named.charAt(k);
        Dim prev = letters.get(ch);
        Dim dim = dims.get(d);
        letters.put(ch, prev == null || !prev.isFixed() && dim.isFixed() ? dim : prev);
      }
      if (dots >= 0 && dots == named.length()) {
        ellipses.add(dims.subList(dims.size() - covered, dims.size()));
      }
    }
    List<Dim> broadcast = Broadcasting.dims(ellipses);
    String output;
    if (sides.length > 1) {
      output = sides[1];
    } else { // implicit: the letters that occur once, in alphabetical order, after "..."
      StringBuilder s = new StringBuilder(ellipses.isEmpty() ? "" : "...");
      new TreeSet<>(counts.keySet()).stream().filter(ch -> counts.get(ch) == 1)
          .forEach(s::append);
      output = s.toString();
    }
    List<Dim> out = new ArrayList<>();
    for (int k = 0; k < output.length(); k++) {
      if (output.startsWith("...", k)) {
        out.addAll(broadcast);
        k += 2;
      } else if (letters.containsKey(output.charAt(k))) {
        out.add(letters.get(output.charAt(k)));
      } else {
        throw c.fail("output letter '" + output.charAt(k) + "' is in no operand");
      }
    }
    return out;
  }
}
