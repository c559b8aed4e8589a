package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Ops that rearrange a tensor's dims: Reshape, Flatten, (Un)squeeze, Expand, Transpose, ... */
final class ReshapeRules {
  private ReshapeRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("Reshape", c -> ShapeRule.of(Dims.tensor(c.elem(0), reshape(c))));
    rules.put("Flatten", ReshapeRules::flatten);
    rules.put("Unsqueeze", c -> ShapeRule.of(Dims.tensor(c.elem(0), unsqueeze(c))));
    rules.put("Squeeze", c -> ShapeRule.of(Dims.tensor(c.elem(0), squeeze(c))));
    rules.put("Expand", ReshapeRules::expand);
    rules.put("Transpose", c -> ShapeRule.of(Dims.tensor(c.elem(0), transpose(c))));
    rules.put("DepthToSpace", c -> ShapeRule.of(Dims.tensor(c.elem(0), depthToSpace(c, true))));
    rules.put("SpaceToDepth", c -> ShapeRule.of(Dims.tensor(c.elem(0), depthToSpace(c, false))));
  }

  private static List<Dim> reshape(InferenceContext c) {
    List<Dim> in = c.dims(0);
    List<Dim> target;
    if (c.version() < 5) {
      target = Dims.fixed(c.node().attribute("shape").orElseThrow(
          () -> new IllegalArgumentException("Reshape-1 needs the 'shape' attribute")).asInts());
    } else {
      target = c.values(1);
    }
    if (target == null) {
      List<Dim> shapeDims = c.dims(1);
      return shapeDims != null && shapeDims.size() == 1 && shapeDims.get(0).isFixed()
          ? Dims.unknown((int) shapeDims.get(0).sizeOrMinusOne()) : null;
    }
    boolean allowZero = c.version() >= 14 && c.node().intAttr("allowzero", 0) == 1;
    List<Dim> out = new ArrayList<>();
    int inferred = -1;
    for (int i = 0; i < target.size(); i++) {
      Dim t = target.get(i);
      long v = t.sizeOrMinusOne();
      if (!t.isFixed() || v > 0 || v == 0 && allowZero) {
        out.add(t);
      } else if (v == 0) { // copy the input's dim
        if (in != null && i >= in.size()) {
          throw c.fail("shape " + target + " copies dim " + i + " of a rank-" + in.size()
              + " input");
        }
        out.add(in == null ? Dim.UNKNOWN : in.get(i));
      } else if (v == -1 && inferred < 0) {
        inferred = i;
        out.add(Dim.UNKNOWN);
      } else {
        throw c.fail("invalid shape " + target);
      }
    }
    if (in == null) {
      return out;
    }
    if (inferred >= 0) {
      List<Dim> others = new ArrayList<>(out);
      others.remove(inferred);
      out.set(inferred, quotient(c, in, others));
    }
    Dim before = Dims.product(in);
    Dim after = Dims.product(out);
    if (before.isFixed() && after.isFixed() && !before.equals(after)) {
      throw c.fail("cannot reshape " + in + " to " + out);
    }
    return out;
  }

  /** The dim that makes {@code others} hold as many elements as {@code in}, symbols cancelled. */
  private static Dim quotient(InferenceContext c, List<Dim> in, List<Dim> others) {
    List<Dim> num = new ArrayList<>(in);
    List<Dim> den = new ArrayList<>();
    for (Dim d : others) {
      if (!(d instanceof Dim.Symbolic && num.remove(d))) { // equal symbols cancel
        den.add(d);
      }
    }
    Dim p = Dims.product(num);
    Dim q = Dims.product(den);
    if (!q.isFixed()) {
      return Dim.UNKNOWN;
    }
    long qs = q.sizeOrMinusOne();
    if (p.isFixed()) {
      if (qs == 0 || p.sizeOrMinusOne() % qs != 0) {
        throw c.fail("cannot reshape " + in + " to " + others + " plus one inferred dim");
      }
      return Dim.of(p.sizeOrMinusOne() / qs);
    }
    return qs == 1 ? p : Dim.UNKNOWN;
  }

  private static List<ValueType> flatten(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return ShapeRule.of(Dims.tensor(c.elem(0), Dims.unknown(2)));
    }
    long axis = c.node().intAttr("axis", 1);
    if (axis < -in.size() || axis > in.size()) {
      throw c.fail("axis " + axis + " is out of range for rank " + in.size());
    }
    int a = (int) (axis < 0 ? axis + in.size() : axis);
    return ShapeRule.of(Dims.tensor(c.elem(0), List.of(Dims.product(in.subList(0, a)),
        Dims.product(in.subList(a, in.size())))));
  }

  /** The axes of (Un)Squeeze: an attribute before opset 13, the second input from 13. */
  private static long[] axes(InferenceContext c) {
    if (c.version() < 13) {
      return c.node().attribute("axes").map(a -> a.asInts()).orElse(null);
    }
    return c.has(1) ? c.longs(1) : null;
  }

  private static List<Dim> unsqueeze(InferenceContext c) {
    List<Dim> in = c.dims(0);
    long[] axes = axes(c);
    if (in == null) {
      return null;
    }
    if (axes == null) {
      List<Dim> axesDims = c.version() < 13 ? null : c.dims(1);
      return axesDims != null && axesDims.size() == 1 && axesDims.get(0).isFixed()
          ? Dims.unknown(in.size() + (int) axesDims.get(0).sizeOrMinusOne()) : null;
    }
    int rank = in.size() + axes.length;
    boolean[] inserted = new boolean[rank];
    for (long axis : axes) {
      int a = Dims.axis(axis, rank);
      if (inserted[a]) {
        throw c.fail("axis " + axis + " is repeated in " + Arrays.toString(axes));
      }
      inserted[a] = true;
    }
    List<Dim> out = new ArrayList<>();
    int next = 0;
    for (int k = 0; k < rank; k++) {
      out.add(inserted[k] ? Dim.of(1) : in.get(next++));
    }
    return out;
  }

  private static List<Dim> squeeze(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return null;
    }
    boolean axesGiven = c.version() < 13 ? c.node().attribute("axes").isPresent() : c.has(1);
    long[] axes = axes(c);
    if (axesGiven && axes == null) {
      return null;
    }
    List<Dim> out = new ArrayList<>();
    if (axes == null) {
      for (Dim d : in) {
        if (!d.isFixed()) {
          return null; // it may or may not be 1
        }
        if (d.sizeOrMinusOne() != 1) {
          out.add(d);
        }
      }
      return out;
    }
    boolean[] removed = new boolean[in.size()];
    for (long axis : axes) {
      int a = Dims.axis(axis, in.size());
      if (in.get(a).isFixed() && in.get(a).sizeOrMinusOne() != 1) {
        throw c.fail("cannot squeeze axis " + axis + " of shape " + in);
      }
      removed[a] = true;
    }
    for (int k = 0; k < in.size(); k++) {
      if (!removed[k]) {
        out.add(in.get(k));
      }
    }
    return out;
  }

  private static List<ValueType> expand(InferenceContext c) {
    List<Dim> in = c.dims(0);
    List<Dim> target = c.values(1);
    if (target == null) {
      List<Dim> shapeDims = c.dims(1);
      target = shapeDims != null && shapeDims.size() == 1 && shapeDims.get(0).isFixed()
          ? Dims.unknown((int) shapeDims.get(0).sizeOrMinusOne()) : null;
    }
    if (in == null || target == null) {
      return ShapeRule.of(Dims.tensor(c.elem(0), null));
    }
    return ShapeRule.of(Dims.tensor(c.elem(0), Broadcasting.dims(List.of(in, target))));
  }

  private static List<Dim> transpose(InferenceContext c) {
    List<Dim> in = c.dims(0);
    Node n = c.node();
    if (in == null) {
      return n.attribute("perm").map(a -> Dims.unknown(a.asInts().length)).orElse(null);
    }
    long[] perm = n.attribute("perm").map(a -> a.asInts()).orElse(null);
    if (perm == null) {
      List<Dim> out = new ArrayList<>(in);
      java.util.Collections.reverse(out);
      return out;
    }
    if (perm.length != in.size()) {
      throw c.fail("perm " + Arrays.toString(perm) + " does not fit rank " + in.size());
    }
    boolean[] seen = new boolean[in.size()];
    List<Dim> out = new ArrayList<>();
    for (long p : perm) {
      int a = Dims.axis(p, in.size());
      if (seen[a]) {
        throw c.fail("perm " + Arrays.toString(perm) + " is not a permutation");
      }
      seen[a] = true;
      out.add(in.get(a));
    }
    return out;
  }

  /** DepthToSpace ([N, C/b², H·b, W·b]) or SpaceToDepth ([N, C·b², H/b, W/b]). */
  private static List<Dim> depthToSpace(InferenceContext c, boolean toSpace) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return Dims.unknown(4);
    }
    if (in.size() != 4) {
      throw c.fail("expects a rank-4 input, got " + in);
    }
    long b = c.node().intAttr("blocksize", 0);
    if (b <= 0) {
      throw c.fail("needs a positive blocksize");
    }
    if (toSpace) {
      return List.of(in.get(0), Dims.dividedBy(in.get(1), b * b), Dims.times(in.get(2), b),
          Dims.times(in.get(3), b));
    }
    return List.of(in.get(0), Dims.times(in.get(1), b * b), Dims.dividedBy(in.get(2), b),
        Dims.dividedBy(in.get(3), b));
  }
}
