package dev.rnnx.flink.job;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.cli.ConstantValues;
import dev.rnnx.flink.RecurrentStepConfig;
import dev.rnnx.flink.StepModel;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code FlinkStepJob}: steps every stream of an input folder through a recurrent model on
 * Flink, exactly once, and writes {@code OUT/<key>.<output>.npy} as {@code rnnx step} would.
 * Run with {@code java -jar} it starts an embedded local mini-cluster; submitted with
 * {@code flink run} it runs on that cluster.
 */
@Command(name = "FlinkStepJob", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Steps every stream in DIR through MODEL on Flink and writes"
        + " OUT/<key>.<output>.npy for every model output, stacked per step along a new axis 0,"
        + " and OUT/rejected.tsv listing frames the model refused.",
        "DIR holds <key>.npy per stream (<key>.<input>.npy per frame input when the model has"
        + " several); frames are taken along axis 0 as in rnnx step."})
public final class FlinkStepJob implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "The .onnx model (all tensor data inline); shipped to the tasks with the job.")
  Path model;

  @Option(names = "--input-dir", required = true, paramLabel = "DIR",
      description = "The streams; on a cluster, a folder every task manager can read.")
  Path inputDir;

  @Option(names = "--output-dir", required = true, paramLabel = "OUT",
      description = "Where outputs go; on a cluster, a folder shared by the task managers and"
          + " this client.")
  Path outputDir;

  @Option(names = "--state", paramLabel = "IN=OUT",
      description = "Pair state input IN with output OUT; unpaired states are found by name.")
  List<String> states = new ArrayList<>();

  @Option(names = "--constant", paramLabel = "NAME=VALUE_OR_FILE",
      description = "Bind an input for the whole job, e.g. sr=16000.")
  List<String> constants = new ArrayList<>();

  @Option(names = "--parallelism", paramLabel = "P",
      description = "Parallelism of the step operator and sinks (default: the environment's).")
  Integer parallelism;

  @Option(names = "--checkpoint-ms", paramLabel = "N", defaultValue = "1000",
      description = "Checkpoint interval; outputs are committed at each checkpoint"
          + " (default: ${DEFAULT-VALUE}).")
  long checkpointMs;

  @Option(names = "--checkpoint-dir", paramLabel = "DIR",
      description = "Where checkpoints go (default: OUT/.rnnx-checkpoints); on a cluster, a"
          + " shared file system.")
  Path checkpointDir;

  @Option(names = "--fail-after", paramLabel = "N", defaultValue = "0",
      description = "Make the first step task throw once after N outputs, to show recovery.")
  long failAfter;

  @Option(names = "--frames-per-checkpoint", paramLabel = "N", defaultValue = "0",
      description = "Let the source emit at most N frames between checkpoints (0: no limit).")
  int framesPerCheckpoint;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "256",
      description = "Most frames stepped in one backend call (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--max-delay-ms", paramLabel = "N", defaultValue = "5",
      description = "Longest a frame waits for others to share its call (default:"
          + " ${DEFAULT-VALUE}).")
  long maxDelayMs;

  @Option(names = "--idle-timeout-ms", paramLabel = "N", defaultValue = "0",
      description = "Clear a key's state after N ms without a frame (0: never).")
  long idleTimeoutMs;

  @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "auto",
      description = "auto, ort or ort-cuda (default: ${DEFAULT-VALUE}).")
  String backend;

  @Spec
  CommandSpec spec;

  /**
   * Runs the job and exits with its status.
   *
   * @param args the command line; {@code --help} lists the options
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** @return the command line, with errors reported as one line */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new FlinkStepJob());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("FlinkStepJob: " + rootMessage(e));
      return 1;
    });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (checkpointMs <= 0) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--checkpoint-ms must be positive:"
          + " outputs are committed at checkpoints");
    }
    StepJob job = new StepJob(stepModel(), stepConfig(), inputDir, outputDir);
    out.println(job.streams().size() + " streams, " + job.frames() + " frames");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        StepJob.environment(Duration.ofMillis(checkpointMs),
            checkpointDir != null ? checkpointDir : job.defaultCheckpointDir()));
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
    job.addTo(env, framesPerCheckpoint, failAfter);
    JobExecutionResult result = env.execute("rnnx step " + model.getFileName());
    OutputAssembler.Summary summary = job.assemble();
    out.println("wrote " + summary.keys() + " keys, " + summary.steps() + " steps to "
        + outputDir + "; " + summary.rejected() + " frames rejected (" + OutputAssembler
        .REJECTED_FILE + "); " + result.getNetRuntime() + " ms");
    out.flush();
    return 0;
  }

  private StepModel stepModel() {
    StepModel m = StepModel.load(model).withBackend(BackendChoice.parse(backend));
    for (Map.Entry<String, Tensor> c : ConstantValues.parse(constants, m.model()).entrySet()) {
      m = m.withConstant(c.getKey(), c.getValue());
    }
    for (String pair : states) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--state expects IN=OUT, got '"
            + pair + "'");
      }
      m = m.withState(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return m;
  }

  private RecurrentStepConfig stepConfig() {
    RecurrentStepConfig c = RecurrentStepConfig.defaults().withMaxBatchFrames(maxBatch)
        .withMaxBatchDelay(Duration.ofMillis(maxDelayMs));
    return idleTimeoutMs > 0 ? c.withIdleTimeout(Duration.ofMillis(idleTimeoutMs)) : c;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof RnnxException)) {
      t = t.getCause();
    }
    return t instanceof RnnxException || t instanceof IllegalStateException
        || t instanceof IllegalArgumentException ? t.getMessage() : t.toString();
  }
}
