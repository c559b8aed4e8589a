package dev.rnnx.runtime;

import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.onnx.ModelFormatException;
import dev.rnnx.converter.onnx.OnnxReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ONNX model loaded into RNNX: its inputs, outputs and operators, and a factory for
 * sessions. A Model holds no native resources and may be shared by any number of threads and
 * sessions.
 */
public final class Model {
  private final IrModel ir; // as imported; never mutated (passes work on copies)
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> requiredInputs;
  private final List<TensorSpec> outputs;

  private Model(IrModel ir) {
    this.ir = ir;
    Graph g = ir.graph();
    this.inputs = g.inputs().stream().map(TensorSpec::of).toList();
    this.requiredInputs = g.requiredInputs().stream().map(TensorSpec::of).toList();
    this.outputs = g.outputs().stream().map(TensorSpec::of).toList();
  }

  /**
   * Loads an {@code .onnx} file; tensors kept as external data are read from its directory.
   *
   * @param file the model file
   * @return the model
   * @throws ModelFormatException when the file is not a valid ONNX model
   */
  public static Model load(Path file) {
    return new Model(OnnxReader.read(file));
  }

  /**
   * Loads a model held in memory (external data is refused).
   *
   * @param bytes a serialized ONNX {@code ModelProto}
   * @return the model
   * @throws ModelFormatException when the bytes are not a valid ONNX model
   */
  public static Model load(byte[] bytes) {
    return new Model(OnnxReader.read(bytes, null));
  }

  /**
   * Wraps a model already in RNNX's internal form (copied).
   *
   * @param ir the model
   * @return the model
   */
  public static Model of(IrModel ir) {
    return new Model(ir.copy());
  }

  /** @return every graph input, those with initializer defaults included */
  public List<TensorSpec> inputs() {
    return inputs;
  }

  /** @return the inputs a caller must feed (no initializer default) */
  public List<TensorSpec> requiredInputs() {
    return requiredInputs;
  }

  /** @return the graph outputs */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** @return imported operator set versions by domain */
  public Map<String, Long> opsets() {
    return ir.opsets();
  }

  /** @return how often each operator occurs, subgraphs included, keyed {@code domain.op} */
  public Map<String, Integer> opCounts() {
    Map<String, Integer> counts = new TreeMap<>();
    for (Node n : ir.graph().allNodes()) {
      String key = n.domain().equals(Node.DEFAULT_DOMAIN) ? n.opType()
          : n.domain() + "." + n.opType();
      counts.merge(key, 1, Integer::sum);
    }
    return counts;
  }

  /** @return a copy of the model in RNNX's internal form, for tools and passes */
  public IrModel ir() {
    return ir.copy();
  }

  /**
   * Opens a session with default options (backend {@code auto}).
   *
   * @return the session; close it
   */
  public Session newSession() {
    return newSession(SessionOptions.defaults());
  }

  /**
   * Prepares the graph (converter passes) and compiles it on the chosen backend.
   *
   * @param options backend and threads
   * @return the session; close it
   */
  public Session newSession(SessionOptions options) {
    return Session.open(ModelPreparation.prepare(ir, Map.of()), options);
  }

  /**
   * Opens a stateful session that is fed one frame at a time and carries the hidden state.
   *
   * @param options backend, constants and explicit state pairs
   * @return the session; close it
   * @throws dev.rnnx.RnnxException (INVALID_ARGUMENT) when the state pairs are ambiguous or
   *     wrong, (UNSUPPORTED) when a whole-sequence model cannot be streamed, naming the node
   */
  public StepSession newStepSession(StepOptions options) {
    return new StepSession(StepPreparation.prepare(ir, options), options.session());
  }

  /**
   * Opens a batcher that steps many independent streams of this model in one backend call.
   *
   * @param options backend, constants and explicit state pairs
   * @return the batcher; close it
   */
  public StreamBatcher newStreamBatcher(StepOptions options) {
    return new StreamBatcher(StepPreparation.prepare(ir, options), options.session());
  }
}
