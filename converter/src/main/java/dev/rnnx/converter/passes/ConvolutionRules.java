package dev.rnnx.converter.passes;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sliding-window ops over [N, C, D1, ..., Dn] tensors: Conv, ConvInteger, ConvTranspose, the
 * pools and the global pools.
 */
final class ConvolutionRules {
  private ConvolutionRules() {}

  /** @param rules where to add this family's rules, by operator */
  static void register(Map<String, ShapeRule> rules) {
    rules.put("Conv", c -> ShapeRule.of(Dims.tensor(c.elem(0), conv(c))));
    rules.put("ConvInteger", c -> ShapeRule.of(Dims.tensor(ElementType.INT32, conv(c))));
    rules.put("ConvTranspose", c -> ShapeRule.of(Dims.tensor(c.elem(0), convTranspose(c))));
    rules.put("MaxPool", c -> {
      List<Dim> out = pool(c);
      return ShapeRule.of(Dims.tensor(c.elem(0), out), Dims.tensor(ElementType.INT64, out));
    });
    rules.put("AveragePool", c -> ShapeRule.of(Dims.tensor(c.elem(0), pool(c))));
    rules.put("LpPool", c -> ShapeRule.of(Dims.tensor(c.elem(0), pool(c))));
    for (String op : List.of("GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool")) {
      rules.put(op, ConvolutionRules::globalPool);
    }
  }

  /** The spatial attributes of one node, defaults filled in. */
  private record Window(long[] kernel, long[] strides, long[] dilations, long[] pads,
      String autoPad) {
    static Window of(Node n, long[] kernel) {
      int s = kernel.length;
      long[] strides = n.attribute("strides").map(a -> a.asInts()).orElse(ones(s));
      long[] dilations = n.attribute("dilations").map(a -> a.asInts()).orElse(ones(s));
      long[] pads = n.attribute("pads").map(a -> a.asInts()).orElse(new long[2 * s]);
      if (strides.length != s || dilations.length != s || pads.length != 2 * s) {
        throw new IllegalArgumentException("strides, dilations or pads do not fit "
            + s + " spatial dims");
      }
      return new Window(kernel, strides, dilations, pads, n.stringAttr("auto_pad", "NOTSET"));
    }

    long effectiveKernel(int i) {
      return (kernel[i] - 1) * dilations[i] + 1;
    }

    long padding(int i) {
      return pads[i] + pads[i + kernel.length];
    }
  }

  private static long[] ones(int n) {
    long[] a = new long[n];
    Arrays.fill(a, 1);
    return a;
  }

  private static List<Dim> conv(InferenceContext c) {
    List<Dim> x = c.dims(0);
    List<Dim> w = c.dims(1);
    if (x == null) {
      return null;
    }
    if (x.size() < 3) {
      throw c.fail("input must have rank 3 or more, got " + x);
    }
    int s = x.size() - 2;
    long[] kernel = c.node().attribute("kernel_shape").map(a -> a.asInts()).orElse(null);
    if (kernel == null) {
      if (w == null || w.size() != x.size() || !w.subList(2, w.size()).stream()
          .allMatch(Dim::isFixed)) {
        return withSpatial(x.get(0), w == null ? Dim.UNKNOWN : w.get(0), Dims.unknown(s));
      }
      kernel = w.subList(2, w.size()).stream().mapToLong(Dim::sizeOrMinusOne).toArray();
    }
    if (kernel.length != s) {
      throw c.fail("kernel_shape " + Arrays.toString(kernel) + " does not fit input " + x);
    }
    Window win = Window.of(c.node(), kernel);
    List<Dim> spatial = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      spatial.add(slide(win, i, x.get(i + 2), false));
    }
    return withSpatial(x.get(0), w == null ? Dim.UNKNOWN : w.get(0), spatial);
  }

  /** One output spatial dim of a convolution or pool. */
  private static Dim slide(Window win, int i, Dim in, boolean ceil) {
    if (!in.isFixed()) {
      return Dim.UNKNOWN;
    }
    long size = in.sizeOrMinusOne();
    long stride = win.strides[i];
    long k = win.effectiveKernel(i);
    switch (win.autoPad) {
      case "SAME_UPPER", "SAME_LOWER":
        return Dim.of((size + stride - 1) / stride);
      case "VALID": // the spec's ceil formula, ceil((size - k + 1) / stride), is this one too
        return Dim.of(Math.floorDiv(size - k, stride) + 1);
      default:
        long out = divide(size + win.padding(i) - k, stride, ceil) + 1;
        // A last window that would start in the right padding is dropped.
        if (ceil && (out - 1) * stride >= size + win.pads[i]) {
          out--;
        }
        return Dim.of(out);
    }
  }

  private static long divide(long a, long b, boolean ceil) {
    return ceil ? Math.floorDiv(a + b - 1, b) : Math.floorDiv(a, b);
  }

  private static List<Dim> withSpatial(Dim batch, Dim channels, List<Dim> spatial) {
    List<Dim> out = new ArrayList<>(List.of(batch, channels));
    out.addAll(spatial);
    return out;
  }

  private static List<Dim> convTranspose(InferenceContext c) {
    List<Dim> x = c.dims(0);
    List<Dim> w = c.dims(1);
    if (x == null) {
      return null;
    }
    if (x.size() < 3) {
      throw c.fail("input must have rank 3 or more, got " + x);
    }
    Node n = c.node();
    int s = x.size() - 2;
    long group = n.intAttr("group", 1);
    Dim channels = w == null ? Dim.UNKNOWN : Dims.times(w.get(1), group);
    long[] outputShape = n.attribute("output_shape").map(a -> a.asInts()).orElse(null);
    if (outputShape != null) {
      long[] spatial = outputShape.length == s ? outputShape
          : Arrays.copyOfRange(outputShape, outputShape.length - s, outputShape.length);
      return withSpatial(x.get(0), channels, Dims.fixed(spatial));
    }
    long[] kernel = n.attribute("kernel_shape").map(a -> a.asInts()).orElse(null);
    if (kernel == null && w != null && w.subList(2, w.size()).stream().allMatch(Dim::isFixed)) {
      kernel = w.subList(2, w.size()).stream().mapToLong(Dim::sizeOrMinusOne).toArray();
    }
    if (kernel == null) {
      return withSpatial(x.get(0), channels, Dims.unknown(s));
    }
    Window win = Window.of(n, kernel);
    long[] outputPadding = n.attribute("output_padding").map(a -> a.asInts())
        .orElse(new long[s]);
    List<Dim> spatial = new ArrayList<>();
    for (int i = 0; i < s; i++) {
      Dim in = x.get(i + 2);
      if (!in.isFixed()) {
        spatial.add(Dim.UNKNOWN);
      } else if (win.autoPad.startsWith("SAME")) {
        spatial.add(Dim.of(in.sizeOrMinusOne() * win.strides[i]));
      } else {
        long pads = win.autoPad.equals("VALID") ? 0 : win.padding(i);
        spatial.add(Dim.of(win.strides[i] * (in.sizeOrMinusOne() - 1) + outputPadding[i]
            + win.effectiveKernel(i) - pads));
      }
    }
    return withSpatial(x.get(0), channels, spatial);
  }

  private static List<Dim> pool(InferenceContext c) {
    List<Dim> x = c.dims(0);
    if (x == null) {
      return null;
    }
    if (x.size() < 3) {
      throw c.fail("input must have rank 3 or more, got " + x);
    }
    long[] kernel = c.node().attribute("kernel_shape").map(a -> a.asInts()).orElseThrow(
        () -> c.fail("a pool needs kernel_shape"));
    if (kernel.length != x.size() - 2) {
      throw c.fail("kernel_shape " + Arrays.toString(kernel) + " does not fit input " + x);
    }
    Window win = Window.of(c.node(), kernel);
    boolean ceil = c.node().intAttr("ceil_mode", 0) == 1;
    List<Dim> spatial = new ArrayList<>();
    for (int i = 0; i < kernel.length; i++) {
      spatial.add(slide(win, i, x.get(i + 2), ceil));
    }
    return withSpatial(x.get(0), x.get(1), spatial);
  }

  private static List<ValueType> globalPool(InferenceContext c) {
    List<Dim> x = c.dims(0);
    if (x == null) {
      return ShapeRule.of(Dims.tensor(c.elem(0), null));
    }
    if (x.size() < 3) {
      throw c.fail("input must have rank 3 or more, got " + x);
    }
    List<Dim> out = new ArrayList<>(x.subList(0, 2));
    for (int i = 2; i < x.size(); i++) {
      out.add(Dim.of(1));
    }
    return ShapeRule.of(Dims.tensor(c.elem(0), out));
  }
}
