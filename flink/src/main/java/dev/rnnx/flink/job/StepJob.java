package dev.rnnx.flink.job;

import dev.rnnx.flink.Frame;
import dev.rnnx.flink.RecurrentStepConfig;
import dev.rnnx.flink.RecurrentSteps;
import dev.rnnx.flink.RejectedFrame;
import dev.rnnx.flink.StepModel;
import dev.rnnx.flink.StepOutput;
import dev.rnnx.flink.job.InputStreams.KeyStream;
import dev.rnnx.flink.serde.RecordTypes;
import dev.rnnx.flink.serde.RejectedFrameSerializer;
import dev.rnnx.flink.serde.StepOutputSerializer;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.runtime.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The step job's dataflow: the input folder's frames from a checkpointed source (parallelism 1,
 * so each key's frames stay in order), the step operator, optionally a one-time failure, and
 * exactly-once file sinks for the outputs and the rejected frames; then, once the job has
 * finished, the per-key {@code .npy} files assembled from what was committed.
 */
final class StepJob {
  /** Operator uids: savepoints map state to operators by these, so they never change. */
  static final String SOURCE_UID = "rnnx-frames";
  static final String STEP_UID = "rnnx-step";
  static final String OUTPUT_SINK_UID = "rnnx-outputs";
  static final String REJECTED_SINK_UID = "rnnx-rejected";
  /** Where the sinks commit, inside the output folder; removed once assembled. */
  static final String STAGING = ".rnnx-committed";

  private final StepModel model;
  private final RecurrentStepConfig config;
  private final Path inputDir;
  private final Path outputDir;
  private final List<TensorSpec> frameInputs;
  private final List<KeyStream> streams;

  /**
   * Reads the model's frame inputs and checks the input folder (on the client, before the job
   * is submitted).
   *
   * @param model the model and its step options
   * @param config the step operator's configuration
   * @param inputDir the input folder
   * @param outputDir the output folder; must hold no staging folder of an earlier run
   */
  StepJob(StepModel model, RecurrentStepConfig config, Path inputDir, Path outputDir) {
    this.model = model;
    this.config = config;
    this.inputDir = inputDir;
    this.outputDir = outputDir;
    try (StepSession session = model.model().newStepSession(model.options())) {
      this.frameInputs = session.frameInputs();
    }
    this.streams = InputStreams.scan(inputDir, frameInputs);
    if (Files.exists(staging())) {
      throw new IllegalStateException(staging() + " holds the uncommitted output of an earlier"
          + " run; remove it first");
    }
  }

  /**
   * The environment settings the job needs: checkpoints (the sinks commit at each) kept on a
   * file system (the job manager's memory holds only 5 MB of state), a short fixed-delay
   * restart strategy, and no Kryo fallback for any type.
   *
   * @param checkpointInterval time between checkpoints
   * @param checkpointDir where checkpoints go: on a cluster, a shared file system
   * @return the settings, for {@link StreamExecutionEnvironment#getExecutionEnvironment}
   */
  static Configuration environment(Duration checkpointInterval, Path checkpointDir) {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        checkpointDir.toAbsolutePath().toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    return conf;
  }

  /**
   * @return the default checkpoint folder, {@code OUT/.rnnx-checkpoints}; Flink removes a job's
   *     checkpoints when it finishes
   */
  Path defaultCheckpointDir() {
    return outputDir.resolve(".rnnx-checkpoints");
  }

  /** @return the streams found in the input folder, by key */
  List<KeyStream> streams() {
    return streams;
  }

  /** @return the frames of all streams */
  long frames() {
    return streams.stream().mapToLong(KeyStream::frames).sum();
  }

  /**
   * Adds the dataflow to an environment.
   *
   * @param env the environment; checkpointing must be on for the sinks to commit
   * @param framesPerCheckpoint when positive, the source emits at most this many frames between
   *     checkpoints (so a short run still spans several checkpoints); else as fast as it can
   * @param failAfter when positive, the step operator's first task fails once after this many
   *     outputs
   */
  void addTo(StreamExecutionEnvironment env, int framesPerCheckpoint, long failAfter) {
    FileFrameGenerator generator = new FileFrameGenerator(inputDir, streams, frameInputs);
    DataGeneratorSource<Frame> source = new DataGeneratorSource<>(generator, generator.count(),
        framesPerCheckpoint > 0 ? RateLimiterStrategy.perCheckpoint(framesPerCheckpoint)
            : RateLimiterStrategy.noOp(), RecordTypes.FRAME);
    DataStream<Frame> frames = env.fromSource(source, WatermarkStrategy.noWatermarks(),
        "rnnx-frames").setParallelism(1).uid(SOURCE_UID);
    SingleOutputStreamOperator<StepOutput> stepped = RecurrentSteps.apply(frames, model, config)
        .uid(STEP_UID);
    DataStream<StepOutput> outputs = failAfter > 0
        ? stepped.map(new FailOnce<StepOutput>(failAfter), RecordTypes.STEP_OUTPUT)
            .name("rnnx-fail-once")
        : stepped;
    outputs.sinkTo(CommittedRecords.sink(staging().resolve("outputs"),
        StepOutputSerializer.INSTANCE)).name("rnnx-outputs").uid(OUTPUT_SINK_UID);
    stepped.getSideOutput(RecurrentSteps.REJECTED)
        .sinkTo(CommittedRecords.sink(staging().resolve("rejected"),
            RejectedFrameSerializer.INSTANCE)).name("rnnx-rejected").uid(REJECTED_SINK_UID);
  }

  /** @return every step output committed so far */
  List<StepOutput> committedOutputs() throws IOException {
    return CommittedRecords.read(staging().resolve("outputs"), StepOutputSerializer.INSTANCE);
  }

  /** @return every rejected frame committed so far */
  List<RejectedFrame> committedRejections() throws IOException {
    return CommittedRecords.read(staging().resolve("rejected"),
        RejectedFrameSerializer.INSTANCE);
  }

  /**
   * Writes the per-key output files from what the finished job committed, then removes the
   * staging folder.
   *
   * @return what was written
   * @throws IllegalStateException when a key's committed steps are not exactly 0..n-1
   * @throws IOException when a file cannot be read or written
   */
  OutputAssembler.Summary assemble() throws IOException {
    OutputAssembler.Summary summary = OutputAssembler.assemble(committedOutputs(),
        committedRejections(), outputDir);
    if (Files.exists(staging())) {
      try (Stream<Path> files = Files.walk(staging())) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return summary;
  }

  private Path staging() {
    return outputDir.resolve(STAGING);
  }
}
