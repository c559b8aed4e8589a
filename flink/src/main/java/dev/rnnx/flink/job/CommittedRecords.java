package dev.rnnx.flink.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputViewStreamWrapper;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Records written exactly once through Flink's {@link FileSink}, in their serializer's binary
 * form, and read back. The sink writes hidden in-progress files and makes them visible
 * ({@code part-*.rnnx}) only when the checkpoint that covers them completes, rolling at every
 * checkpoint; after a failure, in-progress files are truncated to the last checkpoint. So the
 * visible files hold each record of a completed checkpoint exactly once.
 */
final class CommittedRecords {
  private static final String PREFIX = "part";
  private static final String SUFFIX = ".rnnx";

  private CommittedRecords() {}

  /**
   * @param dir the folder the sink commits into
   * @param serializer the records' serializer
   * @param <T> the record type
   * @return an exactly-once sink of the records
   */
  static <T> FileSink<T> sink(Path dir, TypeSerializer<T> serializer) {
    return FileSink.forRowFormat(new org.apache.flink.core.fs.Path(dir.toAbsolutePath().toUri()),
            new SerializerEncoder<>(serializer))
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(PREFIX)
            .withPartSuffix(SUFFIX).build())
        .build();
  }

  /**
   * @param dir a folder a {@link #sink} committed into
   * @param serializer the records' serializer
   * @param <T> the record type
   * @return every committed record, file by file in name order
   * @throws IOException when a file cannot be read or holds a broken record
   */
  static <T> List<T> read(Path dir, TypeSerializer<T> serializer) throws IOException {
    List<T> records = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return records;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().startsWith(PREFIX + "-")
          && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      DataInputDeserializer in = new DataInputDeserializer(Files.readAllBytes(file));
      while (in.available() > 0) {
        records.add(serializer.deserialize(in));
      }
    }
    return records;
  }

  /** Writes each record in its serializer's binary form; records need no separator. */
  private static final class SerializerEncoder<T> implements Encoder<T> {
    private static final long serialVersionUID = 1L;
    private final TypeSerializer<T> serializer;

    SerializerEncoder(TypeSerializer<T> serializer) {
      this.serializer = serializer;
    }

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
      serializer.serialize(element, new DataOutputViewStreamWrapper(stream));
    }
  }
}
