package dev.rnnx.flink.bench;

import dev.rnnx.flink.Frame;
import dev.rnnx.flink.RecurrentStepConfig;
import dev.rnnx.flink.RecurrentSteps;
import dev.rnnx.flink.StepModel;
import dev.rnnx.flink.TestModels;
import dev.rnnx.flink.serde.RecordTypes;
import dev.rnnx.flink.serde.RecurrentStateSerializer;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.RecurrentState;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.runtime.StreamBatcher;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Throughput of the step operator on a local mini-cluster against the single-process
 * {@link StreamBatcher} on the same frames, for several key counts, and the state bytes per
 * key. Not a test: run it by hand (see the README) on a quiet machine.
 */
@Command(name = "StepThroughputBenchmark", mixinStandardHelpOptions = true,
    description = "Frames/s of the Flink step operator vs. one StreamBatcher; state per key.")
public final class StepThroughputBenchmark implements Callable<Integer> {
  @Option(names = "--model", description = "An .onnx model (default: the tests' 2-layer LSTM,"
      + " hidden 5).")
  Path model;

  @Option(names = "--keys", split = ",", defaultValue = "1000,10000,100000",
      description = "Key counts to run (default: ${DEFAULT-VALUE}).")
  List<Integer> keys;

  @Option(names = "--frames", defaultValue = "300000",
      description = "Frames per run, spread evenly over the keys (default: ${DEFAULT-VALUE}).")
  long frames;

  @Option(names = "--parallelism", defaultValue = "2",
      description = "Parallelism of the step operator (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(names = "--max-batch", defaultValue = "256",
      description = "Frames per backend call, in Flink and in the baseline (default:"
          + " ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--state-backend", defaultValue = "hashmap",
      description = "hashmap or rocksdb (default: ${DEFAULT-VALUE}).")
  String stateBackend;

  @Option(names = "--checkpoint-ms", defaultValue = "1000",
      description = "Checkpoint interval during the Flink runs (default: ${DEFAULT-VALUE}).")
  long checkpointMs;

  /** @param args the command line; {@code --help} lists the options */
  public static void main(String[] args) {
    System.exit(new CommandLine(new StepThroughputBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    StepModel m = (model == null ? TestModels.lstm() : StepModel.load(model))
        .withBackend(BackendChoice.ORT).withThreads(1);
    List<TensorSpec> inputs;
    int stateBytes;
    long dataBytes;
    try (StepSession s = m.model().newStepSession(m.options())) {
      inputs = s.frameInputs();
      s.step(new SyntheticFrames(1, inputs).frame(0));
      RecurrentState state = s.state();
      DataOutputSerializer out = new DataOutputSerializer(1024);
      RecurrentStateSerializer.INSTANCE.serialize(state, out);
      stateBytes = out.length();
      dataBytes = state.dataBytes();
    }
    System.out.printf("state per key: %d bytes in Flink state (%d bytes of tensor data)%n",
        stateBytes, dataBytes);
    flink(m, inputs, keys.get(0), 20_000); // warm-up: JIT, ONNX Runtime, Flink's classes
    batcher(m, inputs, keys.get(0), 20_000);
    System.out.printf("%8s %9s %14s %14s %16s %10s%n", "keys", "frames", "flink fr/s",
        "flink fr/s/core", "batcher fr/s", "state MB");
    for (int k : keys) {
      long perKey = Math.max(1, frames / k);
      long total = perKey * k;
      double flink = flink(m, inputs, k, total);
      double batcher = batcher(m, inputs, k, total);
      System.out.printf("%8d %9d %14.0f %14.0f %16.0f %10.1f%n", k, total, flink,
          flink / parallelism, batcher, k * (double) stateBytes / 1e6);
    }
    return 0;
  }

  /** Frames/s through source, step operator and a discarding sink, over the job's runtime. */
  private double flink(StepModel m, List<TensorSpec> inputs, int k, long total) throws Exception {
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(checkpointMs));
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Files.createTempDirectory(
        "rnnx-bench-checkpoints").toUri().toString());
    conf.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
        parallelism, conf);
    DataGeneratorSource<Frame> source = new DataGeneratorSource<>(new SyntheticFrames(k, inputs),
        total, RecordTypes.FRAME);
    RecurrentSteps.apply(env.fromSource(source, WatermarkStrategy.noWatermarks(), "frames")
            .setParallelism(1), m, RecurrentStepConfig.defaults().withMaxBatchFrames(maxBatch))
        .sinkTo(new DiscardingSink<>());
    JobExecutionResult result = env.execute("rnnx step benchmark, " + k + " keys");
    return total * 1000.0 / result.getNetRuntime();
  }

  /** Frames/s of one StreamBatcher stepping the same frames in batches of the same size. */
  private double batcher(StepModel m, List<TensorSpec> inputs, int k, long total) {
    SyntheticFrames frames = new SyntheticFrames(k, inputs);
    try (StreamBatcher b = m.openBatcher()) {
      long start = System.nanoTime();
      Set<String> joined = new HashSet<>();
      Map<String, Map<String, Tensor>> batch = new LinkedHashMap<>();
      for (long i = 0; i < total; i++) {
        String key = "k" + (i % k);
        if (batch.size() == maxBatch || batch.containsKey(key)) {
          b.step(batch);
          batch.clear();
        }
        if (joined.add(key)) {
          b.join(key);
        }
        batch.put(key, frames.frame(i));
      }
      b.step(batch);
      return total * 1e9 / (System.nanoTime() - start);
    }
  }
}
