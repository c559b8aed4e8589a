package dev.rnnx.runtime.backend.nd4j;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.runtime.backend.nd4j.kernels.NdTensors;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph compiled for the ND4J interpreter. Each run converts the inputs to native arrays,
 * interprets the graph (freeing each value after its last reader) and copies the outputs
 * back; nothing of a run stays allocated after it returns. Not safe for concurrent runs, like
 * the Session that owns it.
 */
final class Nd4jExecutable implements Executable {
  private final GraphProgram program;
  private final Constants constants;
  private final List<String> outputs;
  private final List<ElementType> outputTypes; // as declared; null where unknown
  private volatile boolean closed;

  Nd4jExecutable(GraphProgram program, Constants constants, List<ValueInfo> outputs) {
    this.program = program;
    this.constants = constants;
    this.outputs = outputs.stream().map(ValueInfo::name).toList();
    this.outputTypes = outputs.stream().map(v -> v.tensorType() == null ? null
        : v.tensorType().elementType()).toList();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, "nd4j session is closed");
    }
    Buffers buffers = new Buffers(constants.pinned());
    try {
      List<INDArray> feeds = new ArrayList<>();
      for (String name : program.inputNames()) {
        Tensor t = inputs.get(name);
        feeds.add(t == null ? null : NdTensors.toNd4j(t));
      }
      List<INDArray> results = program.execute(feeds, null, buffers);
      Map<String, Tensor> out = new LinkedHashMap<>();
      for (int i = 0; i < outputs.size(); i++) {
        out.put(outputs.get(i), NdTensors.fromNd4j(results.get(i), outputTypes.get(i)));
        buffers.release(results.get(i));
      }
      return out;
    } finally {
      buffers.releaseAll();
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      constants.close();
    }
  }
}
