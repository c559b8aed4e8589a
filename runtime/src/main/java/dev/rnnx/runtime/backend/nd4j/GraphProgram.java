package dev.rnnx.runtime.backend.nd4j;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.runtime.backend.nd4j.kernels.CompileContext;
import dev.rnnx.runtime.backend.nd4j.kernels.Kernel;
import dev.rnnx.runtime.backend.nd4j.kernels.NodeFailure;
import dev.rnnx.runtime.backend.nd4j.kernels.KernelRegistry;
import dev.rnnx.runtime.backend.nd4j.kernels.NdTensors;
import dev.rnnx.runtime.backend.nd4j.kernels.Scope;
import dev.rnnx.runtime.backend.nd4j.kernels.Subgraph;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One graph compiled for the interpreter: its constants converted once, a kernel per node in
 * topological order, and for each step the values whose last reader it is, freed right after
 * it. Subgraph bodies are programs too, reading outer values through their {@link Scope}.
 */
final class GraphProgram implements Subgraph {
  /** One node to run: its kernel, where its inputs come from, what it frees afterwards. */
  private record Step(Node node, Kernel kernel, String[] inputs, String[] outputs,
      List<String> dying) {}

  private final Constants constants;
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final List<Step> steps = new ArrayList<>();
  private final List<String> unusedInputs;
  private final Map<String, INDArray> defaults = new HashMap<>(); // initializers that are inputs

  private GraphProgram(Graph g, Constants constants, KernelRegistry registry, long opset) {
    this.constants = constants;
    this.inputNames = g.inputs().stream().map(ValueInfo::name).toList();
    this.outputNames = g.outputs().stream().map(ValueInfo::name).toList();
    g.initializers().forEach((name, t) -> {
      INDArray value = constants.pin(NdTensors.toNd4j(t));
      if (inputNames.contains(name)) {
        defaults.put(name, value);
      } else {
        constants.put(name, value);
      }
    });
    List<Node> nodes = new ArrayList<>();
    for (Node n : g.nodes()) {
      Kernel k = compileNode(g, n, registry, opset);
      if (n.opType().equals("Constant") && n.domain().equals(Node.DEFAULT_DOMAIN)) {
        constants.put(n.outputs().get(0), constants.pin(k.run(new INDArray[0], null)[0]));
      } else {
        nodes.add(n);
        steps.add(new Step(n, k, n.inputs().toArray(String[]::new),
            n.outputs().toArray(String[]::new), new ArrayList<>()));
      }
    }
    this.unusedInputs = planFrees(nodes);
  }

  /**
   * Compiles a main graph. Its initializers become constants pinned in {@code constants}; one
   * that is also a graph input is the default used when a run feeds none.
   */
  static GraphProgram main(Graph g, KernelRegistry registry, long opset, Constants constants) {
    return new GraphProgram(g, constants, registry, opset);
  }

  private Kernel compileNode(Graph graph, Node n, KernelRegistry registry, long opset) {
    KernelRegistry.Factory f = registry.find(n, opset).orElseThrow(() -> new RnnxException(
        ErrorCode.UNSUPPORTED, "node " + n.describe() + " is not supported by the nd4j backend"));
    CompileContext ctx = new CompileContext() {
      @Override
      public Optional<INDArray> constant(int input) {
        return n.input(input).flatMap(constants::find);
      }

      @Override
      public Subgraph compile(Graph body) {
        return new GraphProgram(body, constants.child(), registry, opset);
      }

      @Override
      public Optional<ElementType> declaredType(int input) {
        return n.input(input).flatMap(graph::typeOf)
            .map(t -> t instanceof ValueType.TensorType tt ? tt.elementType() : null);
      }

      @Override
      public INDArray keep(INDArray value) {
        return constants.pin(value);
      }
    };
    try {
      return f.create(n, ctx);
    } catch (RnnxException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "node " + n.describe() + ": "
          + e.getMessage(), e);
    }
  }

  /** Marks at each step the values it reads last; returns inputs nothing reads. */
  private List<String> planFrees(List<Node> nodes) {
    Map<String, Integer> lastUse = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String v : reads(nodes.get(i))) {
        lastUse.put(v, i);
      }
    }
    Set<String> kept = new HashSet<>(outputNames);
    Set<String> produced = new HashSet<>(inputNames);
    for (Step s : steps) {
      produced.addAll(List.of(s.outputs));
    }
    produced.remove("");
    List<String> unused = new ArrayList<>();
    for (String v : produced) {
      if (kept.contains(v)) {
        continue;
      }
      Integer at = lastUse.get(v);
      if (at != null) {
        steps.get(at).dying().add(v);
      } else if (inputNames.contains(v)) {
        unused.add(v);
      } else {
        steps.stream().filter(s -> List.of(s.outputs).contains(v)).findFirst()
            .ifPresent(s -> s.dying().add(v)); // an output nothing reads
      }
    }
    return unused;
  }

  /** @return the names a node reads: its inputs and what its subgraphs read from outside */
  private static Set<String> reads(Node n) {
    Set<String> names = new HashSet<>();
    n.inputs().stream().filter(s -> !s.isEmpty()).forEach(names::add);
    for (Graph sub : n.subgraphs()) {
      names.addAll(freeNames(sub));
    }
    return names;
  }

  private static Set<String> freeNames(Graph g) {
    Set<String> defined = new HashSet<>(g.initializers().keySet());
    g.inputs().forEach(v -> defined.add(v.name()));
    Set<String> free = new HashSet<>();
    for (Node n : g.nodes()) {
      for (String r : reads(n)) {
        if (!defined.contains(r)) {
          free.add(r);
        }
      }
      defined.addAll(n.outputs());
    }
    g.outputs().stream().map(ValueInfo::name).filter(o -> !defined.contains(o))
        .forEach(free::add);
    return free;
  }

  /** @return the names of the inputs a run is fed, in order */
  List<String> inputNames() {
    return inputNames;
  }

  @Override
  public int inputCount() {
    return inputNames.size();
  }

  @Override
  public int outputCount() {
    return outputNames.size();
  }

  @Override
  public List<INDArray> run(List<INDArray> inputs, Scope outer) {
    return execute(inputs, outer, ((Frame) outer).buffers);
  }

  /**
   * Runs the graph. Each output comes with one reference for the caller; an input nothing
   * else holds a reference to is freed once the graph is done with it.
   *
   * @param inputs by position, null for an input left to its initializer default
   * @param outer the enclosing scope, null for a main graph
   * @param buffers the run's reference counts
   * @return the outputs in order
   */
  List<INDArray> execute(List<INDArray> inputs, Scope outer, Buffers buffers) {
    Frame frame = new Frame(outer, buffers);
    for (int i = 0; i < inputNames.size(); i++) {
      INDArray v = i < inputs.size() && inputs.get(i) != null ? inputs.get(i)
          : defaults.get(inputNames.get(i));
      if (v == null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no value for graph input '"
            + inputNames.get(i) + "'");
      }
      frame.bind(inputNames.get(i), v);
    }
    unusedInputs.forEach(frame::drop);
    for (Step s : steps) {
      INDArray[] in = new INDArray[s.inputs.length];
      for (int i = 0; i < in.length; i++) {
        in[i] = s.inputs[i].isEmpty() ? null : frame.lookup(s.inputs[i]);
      }
      INDArray[] out = runStep(s, in, frame);
      boolean owned = s.kernel().returnsReferences();
      for (int k = 0; k < out.length; k++) {
        if (k < s.outputs.length && !s.outputs[k].isEmpty()) {
          frame.bind(s.outputs[k], out[k]);
        }
        if (owned && out[k] != null) {
          buffers.release(out[k]); // the binding holds it now
        }
      }
      s.dying().forEach(frame::drop);
    }
    List<INDArray> results = new ArrayList<>();
    for (String o : outputNames) {
      INDArray v = frame.lookup(o);
      buffers.retain(v);
      results.add(v);
    }
    frame.dropAll();
    return results;
  }

  private static INDArray[] runStep(Step s, INDArray[] in, Frame frame) {
    return NodeFailure.run(s.node(), s.outputs.length, () -> s.kernel().run(in, frame));
  }

  /** The values of one graph run, and the scope they are looked up in. */
  private final class Frame implements Scope {
    private final Scope outer;
    private final Buffers buffers;
    private final Map<String, INDArray> values = new HashMap<>();

    Frame(Scope outer, Buffers buffers) {
      this.outer = outer;
      this.buffers = buffers;
    }

    void bind(String name, INDArray value) {
      buffers.retain(value);
      INDArray old = values.put(name, value);
      if (old != null) {
        buffers.release(old);
      }
    }

    void drop(String name) {
      INDArray v = values.remove(name);
      if (v != null) {
        buffers.release(v);
      }
    }

    void dropAll() {
      values.values().forEach(buffers::release);
      values.clear();
    }

    @Override
    public INDArray lookup(String name) {
      INDArray v = values.get(name);
      if (v != null) {
        return v;
      }
      Optional<INDArray> c = constants.find(name);
      if (c.isPresent()) {
        return c.get();
      }
      if (outer == null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no value named '" + name + "'");
      }
      return outer.lookup(name);
    }

    @Override
    public void release(INDArray value) {
      buffers.release(value);
    }

    @Override
    public void retain(INDArray value) {
      buffers.retain(value);
    }
  }
}
