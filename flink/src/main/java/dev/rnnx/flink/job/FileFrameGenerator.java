package dev.rnnx.flink.job;

import dev.rnnx.cli.StreamFrames;
import dev.rnnx.flink.Frame;
import dev.rnnx.flink.job.InputStreams.KeyStream;
import dev.rnnx.runtime.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * The frames of the input folder's streams for Flink's data generator source, in
 * {@link RoundRobinOrder}. The source checkpoints its index, so after recovery it resumes at the
 * first frame not yet covered by a checkpoint. The files are read when the source task opens:
 * on a cluster the folder must be where the task managers can read it.
 */
final class FileFrameGenerator implements GeneratorFunction<Long, Frame> {
  private static final long serialVersionUID = 1L;

  private final String dir;
  private final ArrayList<KeyStream> streams;
  private final LinkedHashMap<String, Integer> ranks;
  private final RoundRobinOrder order;
  private transient List<StreamFrames> frames;

  /**
   * @param dir the input folder
   * @param streams its streams, as {@link InputStreams#scan} found them
   * @param specs the model's frame inputs
   */
  FileFrameGenerator(Path dir, List<KeyStream> streams, List<TensorSpec> specs) {
    this.dir = dir.toAbsolutePath().toString();
    this.streams = new ArrayList<>(streams);
    this.ranks = InputStreams.ranksOf(specs);
    this.order = new RoundRobinOrder(streams.stream().mapToInt(KeyStream::frames).toArray());
  }

  /** @return the number of frames of all streams */
  long count() {
    return order.total();
  }

  @Override
  public void open(SourceReaderContext context) {
    List<TensorSpec> specs = InputStreams.specsOfRanks(ranks);
    frames = new ArrayList<>();
    for (KeyStream s : streams) {
      frames.add(InputStreams.frames(Path.of(dir), s, specs));
    }
  }

  @Override
  public Frame map(Long index) {
    RoundRobinOrder.Position p = order.at(index);
    return new Frame(streams.get(p.stream()).key(), frames.get(p.stream()).at(p.frame()));
  }
}
