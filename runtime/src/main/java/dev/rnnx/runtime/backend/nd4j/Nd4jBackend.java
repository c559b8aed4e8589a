package dev.rnnx.runtime.backend.nd4j;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.runtime.backend.nd4j.heap.HeapExecutable;
import dev.rnnx.runtime.backend.nd4j.heap.HeapProgram;
import dev.rnnx.runtime.backend.nd4j.kernels.KernelRegistry;
import dev.rnnx.runtime.spi.Backend;
import dev.rnnx.runtime.spi.Executable;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs graphs on ND4J's native CPU backend with an interpreter of RNNX's IR: one kernel per
 * node, If/Loop/Scan bodies as nested programs, recurrent operators as one input projection
 * for the whole sequence plus one matmul and a fused gate update per step. It covers the
 * operators of {@link KernelRegistry#standard()}, opset-27 LinearAttention and
 * CausalConvWithState among them, which ONNX Runtime does not load. Graphs whose every node
 * the heap path covers (streaming models' per-frame graphs, recurrent layers) run there
 * instead, on Java arrays and OpenBLAS, without ND4J's per-op overhead.
 */
public final class Nd4jBackend implements Backend {
  private static final KernelRegistry REGISTRY = KernelRegistry.standard();
  private static final System.Logger LOG = System.getLogger("dev.rnnx.runtime");

  private final boolean heapPath;

  /** A backend that runs graphs the heap path covers there, every other on ND4J kernels. */
  public Nd4jBackend() {
    this(true);
  }

  /**
   * @param heapPath false to run every graph on the ND4J kernels, even those the heap path
   *     ({@link HeapProgram}) covers: the two are each other's test oracle
   */
  public Nd4jBackend(boolean heapPath) {
    this.heapPath = heapPath;
  }

  /** @return the operators this backend implements (default domain) */
  public static Set<String> supportedOperators() {
    return Set.copyOf(REGISTRY.operators());
  }

  /** @return true when ND4J's native library loads on this machine */
  public static boolean available() {
    try {
      Nd4j.getExecutioner();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public Optional<String> unsupportedReason(IrModel model) {
    Map<String, List<String>> missing = new TreeMap<>(); // op -> node descriptions
    collectUnsupported(model.graph(), model.defaultOpset(), missing);
    if (!missing.isEmpty()) {
      return Optional.of("unsupported operators: " + missing.entrySet().stream()
          .map(e -> e.getKey() + " (" + (e.getValue().size() == 1 ? "node " : "nodes ")
              + String.join(", ", e.getValue()) + ")")
          .collect(Collectors.joining("; ")));
    }
    if (!available()) {
      return Optional.of("ND4J's native library does not load on this machine");
    }
    return Optional.empty();
  }

  private static void collectUnsupported(Graph g, long opset, Map<String, List<String>> out) {
    List<Node> nodes = g.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (REGISTRY.find(n, opset).isEmpty()) {
        String op = n.domain().equals(Node.DEFAULT_DOMAIN) ? n.opType()
            : n.domain() + "." + n.opType();
        out.computeIfAbsent(op, k -> new ArrayList<>())
            .add(n.name().isEmpty() ? "#" + i + " of graph '" + g.name() + "'"
                : "'" + n.name() + "'");
      }
      n.subgraphs().forEach(sub -> collectUnsupported(sub, opset, out));
    }
  }

  /**
   * {@inheritDoc}
   *
   * @param threads ND4J's and OpenBLAS's threads for their native kernels (process-wide
   *     settings), 0 for their defaults
   * @throws RnnxException UNSUPPORTED naming every unsupported operator and its nodes
   */
  @Override
  public Executable compile(IrModel model, int threads) {
    unsupportedReason(model).ifPresent(reason -> {
      throw new RnnxException(available() ? ErrorCode.UNSUPPORTED
          : ErrorCode.BACKEND_UNAVAILABLE, "backend nd4j cannot run this model: " + reason);
    });
    if (threads > 0) {
      Nd4j.getEnvironment().setMaxThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      Nd4j.factory().blas().setMaxThreads(threads); // OpenBLAS, which the heap path calls too
    }
    if (heapPath) {
      Optional<HeapProgram> heap = HeapProgram.compile(model.graph(), model.defaultOpset());
      if (heap.isPresent()) {
        OpenBlasTuning.adviseOnce();
        return new HeapExecutable(heap.get());
      }
      LOG.log(Level.DEBUG, () -> "nd4j: graph '" + model.graph().name() + "' runs on ND4J"
          + " kernels, the heap path declines it: " + HeapProgram.declineReason(model.graph(),
              model.defaultOpset()).orElse(""));
    }
    Constants constants = Constants.root();
    try {
      GraphProgram program = GraphProgram.main(model.graph(), REGISTRY, model.defaultOpset(),
          constants);
      return new Nd4jExecutable(program, constants, model.graph().outputs());
    } catch (RuntimeException e) {
      constants.close();
      throw e;
    }
  }
}
