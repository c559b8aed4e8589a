package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.bench.BenchModels;
import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.passes.Passes;
import dev.rnnx.runtime.NodeTests;
import dev.rnnx.runtime.backend.nd4j.Nd4jBackend;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heap path's linear family (Conv, Pad, MatMul, Gemm, ReduceMean/Sum/Max/Min, Softmax,
 * LogSoftmax) against the ONNX node tests, and a Silero-like Conv stack against the ND4J
 * kernels.
 */
class HeapLinearTest {
  private static final Set<String> OPS = Set.of("Conv", "Pad", "MatMul", "Gemm", "ReduceMean",
      "ReduceSum", "ReduceMax", "ReduceMin", "Softmax", "LogSoftmax");

  static List<String> cases() {
    return HeapCases.matching("test_(basic_conv|conv|pad|matmul|gemm|reduce_(mean|sum|max|min)"
        + "|softmax|logsoftmax|constant_pad|reflect_pad|edge_pad|wrap_pad).*");
  }

  /**
   * Every case made of these operators on float32 is taken and passes; a case is skipped only
   * when it holds another operator (ConvTranspose, ConvInteger, ReduceSumSquare, an
   * {@code _expanded} function body) or a value that is not float32 (bool reductions; Pad moves every carried type).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void nodeTest(String name) {
    IrModel m = OnnxReader.read(NodeTests.get(name).model());
    Set<String> others = new TreeSet<>();
    m.graph().nodes().forEach(n -> {
      if (!OPS.contains(n.opType()) || !n.domain().equals(Node.DEFAULT_DOMAIN)) {
        others.add(n.opType());
      }
    });
    if (HeapCases.compile(name).isEmpty()) {
      Assumptions.assumeTrue(others.isEmpty(), "declined: holds other operators " + others);
      List<ElementType> types = new ArrayList<>();
      for (ValueInfo v : m.graph().outputs()) {
        if (v.type() instanceof ValueType.TensorType t) {
          types.add(t.elementType());
        }
      }
      Assumptions.assumeTrue(types.stream().allMatch(t -> t == ElementType.FLOAT),
          "declined: non-float outputs " + types);
    }
    HeapCases.assertPasses(name);
  }

  @Test
  void coversTheFloatCasesOfItsOperators() {
    List<String> all = cases();
    assertTrue(all.size() > 100, "found only " + all.size() + " cases");
    for (String required : List.of("test_basic_conv_with_padding", "test_conv_with_autopad_same",
        "test_conv_with_strides_and_asymmetric_padding", "test_constant_pad_axes",
        "test_reflect_pad", "test_edge_pad", "test_wrap_pad", "test_matmul_4d_1d",
        "test_matmul_bcast", "test_gemm_all_attributes", "test_reduce_sum_empty_axes_input_noop",
        "test_reduce_max_empty_set", "test_softmax_axis_0", "test_logsoftmax_large_number")) {
      assertTrue(HeapCases.compile(required).isPresent(), required + " was declined");
    }
  }

  private static Tensor random(Random r, long... shape) {
    return BenchModels.random(r, 0.1, shape);
  }

  private static ValueType floats(long... dims) {
    Dim[] d = new Dim[dims.length];
    for (int i = 0; i < dims.length; i++) {
      d[i] = Dim.of(dims[i]);
    }
    return ValueType.tensor(ElementType.FLOAT, Shape.of(d));
  }

  /** Silero VAD's convolutions in a row: STFT as a strided conv, then small padded convs. */
  static IrModel sileroLikeConvStack(long seed) {
    Random r = new Random(seed);
    Graph g = new Graph("silero_like_convs");
    g.inputs().add(new ValueInfo("x", floats(1, 1, 640)));
    String[][] layers = { // name, W shape..., stride, pad, group
        {"stft", "258,1,256", "128", "0", "1"},
        {"mix", "129,258,1", "1", "0", "1"},
        {"enc1", "128,129,3", "1", "1", "1"},
        {"enc2", "64,128,3", "2", "1", "1"},
        {"enc3", "64,32,3", "2", "1", "2"},
        {"enc4", "64,64,3", "1", "1", "1"},
    };
    String prev = "x";
    for (String[] l : layers) {
      String[] dims = l[1].split(",");
      long[] ws = new long[dims.length];
      for (int i = 0; i < dims.length; i++) {
        ws[i] = Long.parseLong(dims[i]);
      }
      g.initializers().put(l[0] + "_w", random(r, ws));
      g.initializers().put(l[0] + "_b", random(r, ws[0]));
      long pad = Long.parseLong(l[3]);
      g.nodes().add(Node.of(l[0], "Conv", List.of(prev, l[0] + "_w", l[0] + "_b"),
          List.of(l[0] + "_y"), List.of(Attribute.ints("strides", Long.parseLong(l[2])),
              Attribute.ints("pads", pad, pad), Attribute.of("group", Long.parseLong(l[4])),
              Attribute.ints("kernel_shape", ws[2]))));
      prev = l[0] + "_y";
    }
    g.outputs().add(new ValueInfo(prev, floats(1, 64, 1)));
    IrModel m = new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-test", "", "",
        g);
    return Passes.specializing(Map.of()).run(m);
  }

  @Test
  void sileroLikeConvStackMatchesTheNd4jKernels() throws Exception {
    IrModel m = sileroLikeConvStack(7);
    Random r = new Random(11);
    try (Executable heap = new Nd4jBackend(true).compile(m, 1);
        Executable nd4j = new Nd4jBackend(false).compile(m, 1)) {
      assertInstanceOf(HeapExecutable.class, heap, "the heap path declined the conv stack");
      assertFalse(nd4j instanceof HeapExecutable);
      for (int run = 0; run < 3; run++) {
        Map<String, Tensor> feeds = Map.of("x", BenchModels.random(r, 1.0, 1, 1, 640));
        Tensor expected = nd4j.run(feeds).get("enc4_y");
        Tensor actual = heap.run(feeds).get("enc4_y");
        assertEquals(List.of(1L, 64L, 1L), toList(actual.shape()));
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
          assertEquals(e[i], a[i], 1e-4, "element " + i + " of run " + run);
        }
      }
    }
  }

  /** MatMul and Gemm with constant (native-held) B, which the node tests feed as inputs. */
  static IrModel constantWeightProducts(long seed) {
    Random r = new Random(seed);
    Graph g = new Graph("constant_weight_products");
    g.inputs().add(new ValueInfo("a", floats(2, 3, 5)));
    g.inputs().add(new ValueInfo("t", floats(5, 4)));
    g.initializers().put("b", random(r, 5, 6));
    g.initializers().put("v", random(r, 5));
    g.initializers().put("bt", random(r, 7, 5));
    g.initializers().put("c", random(r, 7));
    g.nodes().add(Node.of("mm", "MatMul", List.of("a", "b"), List.of("mm_y"), List.of()));
    g.nodes().add(Node.of("mv", "MatMul", List.of("a", "v"), List.of("mv_y"), List.of()));
    g.nodes().add(Node.of("gemm", "Gemm", List.of("t", "bt", "c"), List.of("gemm_y"),
        List.of(Attribute.of("transA", 1L), Attribute.of("transB", 1L),
            Attribute.of("alpha", 0.5f), Attribute.of("beta", 2f))));
    g.outputs().add(new ValueInfo("mm_y", floats(2, 3, 6)));
    g.outputs().add(new ValueInfo("mv_y", floats(2, 3)));
    g.outputs().add(new ValueInfo("gemm_y", floats(4, 7)));
    IrModel m = new IrModel(8, Map.of(Node.DEFAULT_DOMAIN, 17L), Map.of(), "rnnx-test", "", "",
        g);
    return Passes.specializing(Map.of()).run(m);
  }

  @Test
  void constantWeightProductsMatchTheNd4jKernels() throws Exception {
    IrModel m = constantWeightProducts(5);
    Random r = new Random(13);
    try (Executable heap = new Nd4jBackend(true).compile(m, 1);
        Executable nd4j = new Nd4jBackend(false).compile(m, 1)) {
      assertInstanceOf(HeapExecutable.class, heap, "the heap path declined the products");
      Map<String, Tensor> feeds = Map.of("a", BenchModels.random(r, 1.0, 2, 3, 5),
          "t", BenchModels.random(r, 1.0, 5, 4));
      Map<String, Tensor> expected = nd4j.run(feeds);
      Map<String, Tensor> actual = heap.run(feeds);
      for (String out : List.of("mm_y", "mv_y", "gemm_y")) {
        assertEquals(toList(expected.get(out).shape()), toList(actual.get(out).shape()), out);
        float[] e = expected.get(out).toFloatArray();
        float[] a = actual.get(out).toFloatArray();
        for (int i = 0; i < e.length; i++) {
          assertEquals(e[i], a[i], 1e-5, out + " element " + i);
        }
      }
    }
  }

  private static List<Long> toList(long[] v) {
    List<Long> out = new ArrayList<>();
    for (long x : v) {
      out.add(x);
    }
    return out;
  }
}
