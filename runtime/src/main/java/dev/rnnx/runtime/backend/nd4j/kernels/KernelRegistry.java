package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.OperatorSets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The operators the ND4J backend implements, each keyed by the opset version its semantics
 * start at; a node gets the newest implementation not newer than its operator's version in
 * effect ({@code floorEntry}).
 */
public final class KernelRegistry {
  /** Builds the kernel of one node, reading its attributes and constant inputs once. */
  @FunctionalInterface
  public interface Factory {
    /**
     * @param node the node
     * @param ctx constants and subgraph compilation
     * @return the kernel
     */
    Kernel create(Node node, CompileContext ctx);
  }

  private final Map<String, TreeMap<Long, Factory>> factories = new HashMap<>();

  /** @return the registry with every operator family registered */
  public static KernelRegistry standard() {
    KernelRegistry r = new KernelRegistry();
    ElementwiseKernels.registerAll(r);
    BinaryKernels.registerAll(r);
    ReductionKernels.registerAll(r);
    LayoutKernels.registerAll(r);
    IndexingKernels.registerAll(r);
    GeneratorKernels.registerAll(r);
    NormalizationKernels.registerAll(r);
    LinearAlgebraKernels.registerAll(r);
    ConvolutionKernels.registerAll(r);
    PoolingKernels.registerAll(r);
    RecurrentKernels.registerAll(r);
    ControlFlowKernels.registerAll(r);
    SequenceModelKernels.registerAll(r);
    return r;
  }

  /**
   * Registers an implementation.
   *
   * @param op the operator (default domain)
   * @param since the opset version these semantics start at
   * @param factory builds the kernel for a node
   */
  public void add(String op, long since, Factory factory) {
    factories.computeIfAbsent(op, k -> new TreeMap<>()).put(since, factory);
  }

  /** Registers a kernel that needs neither attributes nor scope. */
  public void simple(String op, long since, Function<INDArray[], INDArray> kernel) {
    add(op, since, (node, ctx) -> (in, scope) -> new INDArray[] {kernel.apply(in)});
  }

  /**
   * @param node a node
   * @param opset the model's opset for the node's domain
   * @return the factory for it, or empty when the operator (at that version) is not supported
   */
  public Optional<Factory> find(Node node, long opset) {
    return find(factories, node, opset);
  }

  /**
   * @param <T> the implementation type
   * @param byOperator implementations per operator, keyed by the opset their semantics start at
   * @param node a default-domain node
   * @param opset the model's opset
   * @return the newest implementation not newer than the node's operator version in effect
   */
  public static <T> Optional<T> find(Map<String, TreeMap<Long, T>> byOperator, Node node,
      long opset) {
    if (!node.domain().equals(Node.DEFAULT_DOMAIN)) {
      return Optional.empty();
    }
    TreeMap<Long, T> versions = byOperator.get(node.opType());
    if (versions == null) {
      return Optional.empty();
    }
    long version = OperatorSets.sinceVersion(node.domain(), node.opType(), opset).orElse(opset);
    return Optional.ofNullable(versions.floorEntry(version)).map(Map.Entry::getValue);
  }

  /** @return the supported operator names */
  public Set<String> operators() {
    return factories.keySet();
  }
}
