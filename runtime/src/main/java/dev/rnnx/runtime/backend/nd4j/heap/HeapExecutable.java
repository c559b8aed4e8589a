package dev.rnnx.runtime.backend.nd4j.heap;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.spi.Executable;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for the heap path. Each run copies the inputs into Java arrays, runs the
 * kernels and copies the outputs into tensors; its only native memory is the kernels' BLAS
 * operands, freed by {@link #close}. Not safe for concurrent runs, like the Session owning it.
 */
public final class HeapExecutable implements Executable {
  private final HeapProgram program;
  private volatile boolean closed;

  /** @param program the compiled main graph, owned (closed) by this executable */
  public HeapExecutable(HeapProgram program) {
    this.program = program;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    if (closed) {
      throw new RnnxException(ErrorCode.CLOSED, "nd4j session is closed");
    }
    List<Dense> feeds = new ArrayList<>();
    for (String name : program.inputNames()) {
      Tensor t = inputs.get(name);
      feeds.add(t == null ? null : Dense.of(t));
    }
    List<Dense> results = program.run(feeds);
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      out.put(program.outputNames().get(i), results.get(i).toTensor());
    }
    return out;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      program.close();
    }
  }
}
