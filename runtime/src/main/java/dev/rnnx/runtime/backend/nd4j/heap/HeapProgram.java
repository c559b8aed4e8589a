package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.runtime.backend.nd4j.kernels.NodeFailure;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One graph compiled for the heap path: constants converted once, a kernel per node in
 * topological order. Values live in Java arrays and are left to the garbage collector, so a
 * run makes no native allocation and no per-op JNI call except the BLAS products kernels make.
 * If bodies are programs too, reading outer values through their {@link HeapScope}.
 */
public final class HeapProgram implements AutoCloseable {
  private static final HeapRegistry REGISTRY = HeapRegistry.standard();

  private record Step(Node node, HeapKernel kernel, String[] inputs, String[] outputs) {}

  private final List<String> inputNames;
  private final List<String> outputNames;
  private final Map<String, Dense> constants;
  private final Map<String, Dense> defaults = new HashMap<>(); // initializers that are inputs
  private final List<Step> steps = new ArrayList<>();
  private final Function<String, Optional<ValueType>> types; // this graph's, then outer ones

  private HeapProgram(Graph g, Map<String, Dense> outerConstants,
      Function<String, Optional<ValueType>> outerTypes) {
    this.types = name -> g.typeOf(name).or(() -> outerTypes.apply(name));
    this.inputNames = g.inputs().stream().map(ValueInfo::name).toList();
    this.outputNames = g.outputs().stream().map(ValueInfo::name).toList();
    this.constants = new HashMap<>(outerConstants);
  }

  /**
   * Compiles a main graph for the heap path.
   *
   * @param g the graph
   * @param opset the model's default-domain opset
   * @return the program, or empty when a node, a value type or a subgraph is outside what the
   *     heap path covers (the caller then uses the ND4J kernels)
   */
  public static Optional<HeapProgram> compile(Graph g, long opset) {
    return compile(g, opset, Map.of(), name -> Optional.empty());
  }

  private static Optional<HeapProgram> compile(Graph g, long opset,
      Map<String, Dense> outerConstants, Function<String, Optional<ValueType>> outerTypes) {
    HeapProgram p = new HeapProgram(g, outerConstants, outerTypes);
    try {
      if (p.build(g, opset) == null) {
        return Optional.of(p);
      }
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    p.close();
    return Optional.empty();
  }

  /**
   * @param g a main graph
   * @param opset the model's default-domain opset
   * @return why the heap path declines the graph, or empty when it takes it
   */
  public static Optional<String> declineReason(Graph g, long opset) {
    HeapProgram p = new HeapProgram(g, Map.of(), name -> Optional.empty());
    try {
      return Optional.ofNullable(p.build(g, opset));
    } finally {
      p.close();
    }
  }

  /** @return null once every node has its kernel, else why the graph is declined */
  private String build(Graph g, long opset) {
    String uncovered = uncovered(g, opset); // before any weight is copied
    if (uncovered != null) {
      return uncovered;
    }
    for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) {
      Dense value = Dense.of(e.getValue());
      if (inputNames.contains(e.getKey())) {
        defaults.put(e.getKey(), value);
      } else {
        constants.put(e.getKey(), value);
      }
    }
    for (Node n : g.nodes()) {
      if (isConstant(n)) {
        constants.put(n.outputs().get(0), Dense.of(n.attribute("value").get().asTensor()));
        continue;
      }
      HeapKernel k = REGISTRY.find(n, opset).get().create(n, context(n, opset));
      if (k == null) {
        return "the heap kernel declines node " + n.describe();
      }
      steps.add(new Step(n, k, n.inputs().toArray(String[]::new),
          n.outputs().toArray(String[]::new)));
    }
    return null;
  }

  /**
   * @return why the graph is outside the heap path by its types and operators alone, or null
   *     (its kernels may still decline their nodes)
   */
  private String uncovered(Graph g, long opset) {
    for (ValueInfo v : g.inputs()) {
      if (!carried(Optional.ofNullable(v.type()))) {
        return "input '" + v.name() + "' is not of a carried type " + Dense.TYPES;
      }
    }
    for (Map.Entry<String, Tensor> e : g.initializers().entrySet()) {
      if (!Dense.carries(e.getValue().type())) {
        return "initializer '" + e.getKey() + "' is " + e.getValue().type();
      }
    }
    for (Node n : g.nodes()) {
      for (String out : n.outputs()) {
        if (!out.isEmpty() && !carried(types.apply(out))) {
          return "output '" + out + "' of node " + n.describe()
              + " has no declared type the heap path carries";
        }
      }
      if (isConstant(n)) {
        Optional<Tensor> value = n.attribute("value").map(a -> a.asTensor());
        if (value.isEmpty() || !Dense.carries(value.get().type())) {
          return "Constant node " + n.describe() + " has no carried 'value'";
        }
      } else if (REGISTRY.find(n, opset).isEmpty()) {
        return "no heap kernel for node " + n.describe();
      }
    }
    return null;
  }

  private static boolean isConstant(Node n) {
    return n.opType().equals("Constant") && n.domain().equals(Node.DEFAULT_DOMAIN);
  }

  private static boolean carried(Optional<ValueType> type) {
    return type.isPresent() && type.get() instanceof ValueType.TensorType t
        && Dense.carries(t.elementType());
  }

  private HeapContext context(Node n, long opset) {
    return new HeapContext() {
      @Override
      public Optional<Dense> constant(int input) {
        return n.input(input).map(constants::get);
      }

      @Override
      public Optional<ElementType> type(int input) {
        return n.input(input).flatMap(types).map(HeapProgram::elementType);
      }

      @Override
      public Optional<ElementType> outputType(int output) {
        return n.output(output).flatMap(types).map(HeapProgram::elementType);
      }

      @Override
      public Optional<HeapProgram> compile(Graph body) {
        return HeapProgram.compile(body, opset, constants, types);
      }
    };
  }

  private static ElementType elementType(ValueType t) {
    return t instanceof ValueType.TensorType tt ? tt.elementType() : null;
  }

  /** @return the names of the graph inputs, in order */
  public List<String> inputNames() {
    return inputNames;
  }

  /** @return the names of the graph outputs, in order */
  public List<String> outputNames() {
    return outputNames;
  }

  /**
   * Runs the graph.
   *
   * @param inputs by position; null for an input left to its initializer default
   * @param outer the enclosing scope, null for a main graph
   * @return the outputs in order
   */
  List<Dense> run(List<Dense> inputs, HeapScope outer) {
    Frame frame = new Frame(outer);
    for (int i = 0; i < inputNames.size(); i++) {
      Dense v = i < inputs.size() && inputs.get(i) != null ? inputs.get(i)
          : defaults.get(inputNames.get(i));
      if (v == null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no value for graph input '"
            + inputNames.get(i) + "'");
      }
      frame.values.put(inputNames.get(i), v);
    }
    for (Step s : steps) {
      Dense[] in = new Dense[s.inputs.length];
      for (int i = 0; i < in.length; i++) {
        in[i] = s.inputs[i].isEmpty() ? null : frame.lookup(s.inputs[i]);
      }
      Dense[] out = runStep(s, in, frame);
      for (int k = 0; k < s.outputs.length; k++) {
        if (!s.outputs[k].isEmpty()) {
          frame.values.put(s.outputs[k], out[k]);
        }
      }
    }
    List<Dense> results = new ArrayList<>(outputNames.size());
    for (String o : outputNames) {
      results.add(frame.lookup(o));
    }
    return results;
  }

  /**
   * Runs a main graph.
   *
   * @param inputs by position; null for an input left to its initializer default
   * @return the outputs in order
   */
  public List<Dense> run(List<Dense> inputs) {
    return run(inputs, null);
  }

  private static Dense[] runStep(Step s, Dense[] in, Frame frame) {
    return NodeFailure.run(s.node(), s.outputs.length, () -> s.kernel().run(in, frame));
  }

  /** Frees the native memory of every kernel (BLAS weights). */
  @Override
  public void close() {
    steps.forEach(s -> s.kernel().close());
  }

  /** The values of one graph run, and the scope they are looked up in. */
  private final class Frame implements HeapScope {
    private final HeapScope outer;
    private final Map<String, Dense> values = new HashMap<>();

    Frame(HeapScope outer) {
      this.outer = outer;
    }

    @Override
    public Dense lookup(String name) {
      Dense v = values.get(name);
      if (v != null) {
        return v;
      }
      v = constants.get(name);
      if (v != null) {
        return v;
      }
      if (outer == null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no value named '" + name + "'");
      }
      return outer.lookup(name);
    }
  }
}
