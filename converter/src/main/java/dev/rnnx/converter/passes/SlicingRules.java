package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Ops that cut, join, pick or pad along axes: Concat, Split, Slice, Gather, Tile, Pad, TopK. */
final class SlicingRules {
  /** Slice ends at or past this mean "to the end" whatever the dim's size. */
  private static final long TO_THE_END = Integer.MAX_VALUE;

  private SlicingRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("Concat", c -> ShapeRule.of(Dims.tensor(c.firstElem(range(c.inputCount())),
        concat(c))));
    rules.put("Split", SlicingRules::split);
    rules.put("Slice", c -> ShapeRule.of(Dims.tensor(c.elem(0), slice(c))));
    rules.put("Gather", c -> ShapeRule.of(Dims.tensor(c.elem(0), gather(c))));
    rules.put("GatherElements", c -> ShapeRule.of(Dims.tensor(c.elem(0), c.dims(1))));
    rules.put("Tile", c -> ShapeRule.of(Dims.tensor(c.elem(0), tile(c))));
    rules.put("Pad", c -> ShapeRule.of(Dims.tensor(c.elem(0), pad(c))));
    rules.put("TopK", SlicingRules::topK);
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    Arrays.setAll(r, i -> i);
    return r;
  }

  private static List<Dim> concat(InferenceContext c) {
    List<Dim> out = null;
    boolean axisKnown = true;
    long axisSum = 0;
    int axis = -1;
    for (int i = 0; i < c.inputCount(); i++) {
      List<Dim> d = c.dims(i);
      if (d == null) {
        axisKnown = false;
        continue;
      }
      if (out == null) {
        out = new ArrayList<>(d);
        axis = Dims.axis(c.node().intAttr("axis", 1), d.size());
      } else if (d.size() != out.size()) {
        throw c.fail("cannot concatenate ranks " + out.size() + " and " + d.size());
      }
      for (int k = 0; k < d.size(); k++) {
        if (k != axis) {
          out.set(k, same(c, out.get(k), d.get(k)));
        }
      }
      axisKnown &= d.get(axis).isFixed();
      axisSum += d.get(axis).sizeOrMinusOne();
    }
    if (out != null) {
      out.set(axis, axisKnown ? Dim.of(axisSum) : Dim.UNKNOWN);
    }
    return out;
  }

  /** Two dims that must be equal: the more precise one; a contradiction fails. */
  private static Dim same(InferenceContext c, Dim a, Dim b) {
    if (a.isFixed() && b.isFixed() && !a.equals(b)) {
      throw c.fail("dims " + a + " and " + b + " must be equal");
    }
    return a.isFixed() || b instanceof Dim.Unknown ? a : b;
  }

  private static List<ValueType> split(InferenceContext c) {
    Node n = c.node();
    int outputs = n.outputs().size();
    List<Dim> in = c.dims(0);
    List<ValueType> out = new ArrayList<>();
    if (in == null) {
      for (int i = 0; i < outputs; i++) {
        out.add(Dims.tensor(c.elem(0), null));
      }
      return out;
    }
    int axis = Dims.axis(n.intAttr("axis", 0), in.size());
    Dim whole = in.get(axis);
    long[] sizes = null;
    boolean splitGiven = c.version() >= 13 ? c.has(1)
        : n.attribute("split").isPresent() || c.has(1);
    if (splitGiven) {
      sizes = c.version() < 13 && n.attribute("split").isPresent()
          ? n.attribute("split").get().asInts() : c.longs(1);
    } else if (whole.isFixed()) {
      sizes = equalParts(c, whole.sizeOrMinusOne(), outputs);
    }
    if (sizes != null) {
      if (sizes.length != outputs) {
        throw c.fail("split " + Arrays.toString(sizes) + " does not fit " + outputs
            + " outputs");
      }
      long total = Arrays.stream(sizes).sum();
      if (whole.isFixed() && total != whole.sizeOrMinusOne()) {
        throw c.fail("split " + Arrays.toString(sizes) + " does not add up to dim " + whole);
      }
    }
    for (int i = 0; i < outputs; i++) {
      List<Dim> d = new ArrayList<>(in);
      d.set(axis, sizes == null ? Dim.UNKNOWN : Dim.of(sizes[i]));
      out.add(Dims.tensor(c.elem(0), d));
    }
    return out;
  }

  /** Equal parts; from opset 18 (num_outputs) the last part may be smaller. */
  private static long[] equalParts(InferenceContext c, long whole, int outputs) {
    long[] sizes = new long[outputs];
    if (c.version() >= 18) {
      long chunk = (whole + outputs - 1) / outputs;
      for (int i = 0; i < outputs; i++) {
        sizes[i] = Math.max(0, Math.min(chunk, whole - chunk * i));
      }
      return sizes;
    }
    if (whole % outputs != 0) {
      throw c.fail("dim " + whole + " does not split into " + outputs + " equal parts");
    }
    Arrays.fill(sizes, whole / outputs);
    return sizes;
  }

  /**
   * The constant arguments of a Slice: attributes before opset 10, inputs from 10.
   *
   * @param starts first index per sliced axis
   * @param ends end index per sliced axis
   * @param axes the sliced axes, normalized
   * @param steps step per sliced axis
   */
  record SliceArgs(long[] starts, long[] ends, int[] axes, long[] steps) {}

  /**
   * @param c a Slice node's context
   * @param rank its data input's rank
   * @return its arguments, or null when they are not all known
   */
  static SliceArgs sliceArgs(InferenceContext c, int rank) {
    Node n = c.node();
    long[] starts;
    long[] ends;
    long[] axes;
    long[] steps = null;
    if (c.version() < 10) {
      starts = n.attribute("starts").map(a -> a.asInts()).orElse(null);
      ends = n.attribute("ends").map(a -> a.asInts()).orElse(null);
      axes = n.attribute("axes").map(a -> a.asInts()).orElse(null);
    } else {
      starts = c.longs(1);
      ends = c.longs(2);
      axes = c.longs(3);
      if (c.has(3) && axes == null) {
        return null;
      }
      steps = c.longs(4);
      if (c.has(4) && steps == null) {
        return null;
      }
    }
    if (starts == null || ends == null) {
      return null;
    }
    if (starts.length != ends.length || axes != null && axes.length != starts.length
        || steps != null && steps.length != starts.length) {
      throw c.fail("starts, ends, axes and steps differ in length");
    }
    int[] normalized = new int[starts.length];
    for (int i = 0; i < normalized.length; i++) {
      normalized[i] = Dims.axis(axes == null ? i : axes[i], rank);
    }
    if (steps == null) {
      steps = new long[starts.length];
      Arrays.fill(steps, 1);
    }
    for (long s : steps) {
      if (s == 0) {
        throw c.fail("a Slice step is 0");
      }
    }
    return new SliceArgs(starts, ends, normalized, steps);
  }

  /**
   * Which indices a Slice takes along one axis, starts and ends clamped as the spec says.
   *
   * @return {first index, step, count}
   */
  static long[] sliceRange(long start, long end, long step, long dim) {
    if (start < 0) {
      start += dim;
    }
    if (end < 0) {
      end += dim;
    }
    long count;
    if (step > 0) {
      start = Math.max(0, Math.min(dim, start));
      end = Math.max(0, Math.min(dim, end));
      count = end > start ? (end - start + step - 1) / step : 0;
    } else {
      start = Math.max(0, Math.min(dim - 1, start));
      end = Math.max(-1, Math.min(dim - 1, end));
      count = start > end ? (start - end - step - 1) / -step : 0;
    }
    return new long[] {start, step, count};
  }

  private static List<Dim> slice(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return null;
    }
    SliceArgs args = sliceArgs(c, in.size());
    if (args == null) {
      return Dims.unknown(in.size());
    }
    List<Dim> out = new ArrayList<>(in);
    for (int i = 0; i < args.axes().length; i++) {
      int axis = args.axes()[i];
      Dim d = in.get(axis);
      long start = args.starts()[i];
      long end = args.ends()[i];
      long step = args.steps()[i];
      if (d.isFixed()) {
        out.set(axis, Dim.of(sliceRange(start, end, step, d.sizeOrMinusOne())[2]));
      } else {
        boolean whole = step == 1 && start == 0 && end >= TO_THE_END;
        out.set(axis, whole ? d : Dim.UNKNOWN);
      }
    }
    return out;
  }

  private static List<Dim> gather(InferenceContext c) {
    List<Dim> data = c.dims(0);
    List<Dim> indices = c.dims(1);
    if (data == null || indices == null) {
      return null;
    }
    int axis = Dims.axis(c.node().intAttr("axis", 0), data.size());
    List<Dim> out = new ArrayList<>(data.subList(0, axis));
    out.addAll(indices);
    out.addAll(data.subList(axis + 1, data.size()));
    return out;
  }

  private static List<Dim> tile(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null || c.version() < 6) {
      return null;
    }
    long[] repeats = c.longs(1);
    if (repeats == null) {
      return Dims.unknown(in.size());
    }
    if (repeats.length != in.size()) {
      throw c.fail("repeats " + Arrays.toString(repeats) + " do not fit rank " + in.size());
    }
    List<Dim> out = new ArrayList<>();
    for (int k = 0; k < in.size(); k++) {
      out.add(Dims.times(in.get(k), repeats[k]));
    }
    return out;
  }

  private static List<Dim> pad(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return null;
    }
    Node n = c.node();
    long[] pads = c.version() < 11
        ? n.attribute("pads").or(() -> n.attribute("paddings")).map(a -> a.asInts()).orElse(null)
        : c.longs(1);
    if (pads == null) {
      return Dims.unknown(in.size());
    }
    int[] axes = range(in.size());
    if (c.version() >= 18 && c.has(3)) {
      long[] given = c.longs(3);
      if (given == null) {
        return Dims.unknown(in.size());
      }
      axes = Arrays.stream(given).mapToInt(a -> Dims.axis(a, in.size())).toArray();
    }
    if (pads.length != 2 * axes.length) {
      throw c.fail("pads " + Arrays.toString(pads) + " do not fit " + axes.length + " axes");
    }
    List<Dim> out = new ArrayList<>(in);
    for (int i = 0; i < axes.length; i++) {
      long total = pads[i] + pads[i + axes.length];
      Dim d = in.get(axes[i]);
      out.set(axes[i], total == 0 ? d
          : d.isFixed() ? Dim.of(d.sizeOrMinusOne() + total) : Dim.UNKNOWN);
    }
    return out;
  }

  private static List<ValueType> topK(InferenceContext c) {
    List<Dim> in = c.dims(0);
    if (in == null) {
      return ShapeRule.of(Dims.tensor(c.elem(0), null), Dims.tensor(ElementType.INT64, null));
    }
    int axis = Dims.axis(c.node().intAttr("axis", -1), in.size());
    long[] k = c.version() < 10 ? new long[] {c.node().intAttr("k", -1)} : c.longs(1);
    List<Dim> out = new ArrayList<>(in);
    out.set(axis, k == null || k.length != 1 ? Dim.UNKNOWN : Dim.of(k[0]));
    return ShapeRule.of(Dims.tensor(c.elem(0), out), Dims.tensor(ElementType.INT64, out));
  }
}
