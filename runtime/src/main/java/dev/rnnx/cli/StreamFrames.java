package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole input streams cut into the frames of each step, along axis 0: when a stream has one
 * more dim than its model input, each frame is one slice with that axis removed; when the ranks
 * are equal, each frame is a length-1 slice along axis 0. Shared by {@code rnnx step} and the
 * Flink step job.
 */
public final class StreamFrames {
  private final Map<String, Tensor> streams;
  private final Map<String, Boolean> keepAxis; // true: equal ranks, frames of length 1
  private final int count;

  /**
   * @param specs the model's frame inputs
   * @param streams a whole stream for each frame input, by input name
   * @throws RnnxException (INVALID_ARGUMENT) when a frame input has no stream, a stream is not a
   *     frame input, a rank cannot be cut into frames or the streams' frame counts differ
   */
  public StreamFrames(List<TensorSpec> specs, Map<String, Tensor> streams) {
    this.streams = streams;
    this.keepAxis = new LinkedHashMap<>();
    int frames = -1;
    for (TensorSpec s : specs) {
      Tensor stream = streams.get(s.name());
      if (stream == null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no --input for frame input '"
            + s.name() + "' (" + s.describe() + ")");
      }
      int rank = s.dims() == null ? stream.rank() : s.dims().size();
      if (stream.rank() != rank && stream.rank() != rank + 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "input '" + s.name() + "' is "
            + stream.describe() + ": a stream needs rank " + rank + " (frames of length 1)"
            + " or " + (rank + 1) + " (frames along axis 0) for model input " + s.describe());
      }
      keepAxis.put(s.name(), stream.rank() == rank);
      int n = Math.toIntExact(stream.dim(0));
      if (frames >= 0 && n != frames) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "input '" + s.name() + "' has "
            + n + " frames, the others " + frames);
      }
      frames = n;
    }
    for (String name : streams.keySet()) {
      if (!keepAxis.containsKey(name)) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "'" + name + "' is not a frame"
            + " input (frame inputs: " + String.join(", ", keepAxis.keySet()) + ")");
      }
    }
    this.count = Math.max(frames, 0);
  }

  /** @return the number of frames in every stream */
  public int count() {
    return count;
  }

  /**
   * @param t a frame index below {@link #count()}
   * @return that frame of every stream, by input name
   */
  public Map<String, Tensor> at(int t) {
    Map<String, Tensor> frame = new LinkedHashMap<>();
    streams.forEach((name, stream) -> {
      Tensor slice = stream.slice0(t);
      if (keepAxis.get(name)) {
        long[] shape = new long[stream.rank()];
        shape[0] = 1;
        System.arraycopy(slice.shape(), 0, shape, 1, slice.rank());
        slice = slice.reshape(shape);
      }
      frame.put(name, slice);
    });
    return frame;
  }
}
