package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.StepOptions;
import dev.rnnx.runtime.StepResult;
import dev.rnnx.runtime.StepSession;
import dev.rnnx.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnx step}: feeds whole streams to a model one frame at a time, the session carrying
 * the state, and writes every output stacked per step.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
    description = {"Steps MODEL frame by frame over input streams and writes DIR/<output>.npy"
        + " for every model output (state outputs included), stacked per step along a new"
        + " axis 0.",
        "Frames are taken along axis 0 of each input file: when the file has one more dim than"
        + " the model input, each frame is one slice with that axis removed; when the ranks"
        + " are equal, each frame is a length-1 slice along axis 0."})
final class StepCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The .onnx model file.")
  Path model;

  @Option(names = "--input", paramLabel = "NAME=FILE", required = true,
      description = "A whole input stream (.npy or .pb); repeat per frame input.")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--state", paramLabel = "IN=OUT",
      description = "Pair state input IN with output OUT; unpaired states are found by name.")
  List<String> states = new ArrayList<>();

  @Option(names = "--constant", paramLabel = "NAME=VALUE_OR_FILE",
      description = "Bind an input for the whole run, e.g. sr=16000.")
  List<String> constants = new ArrayList<>();

  @Mixin
  BackendOption backend;

  @Option(names = "--threads", defaultValue = "0",
      description = "Intra-op threads; 0 for the backend's default.")
  int threads;

  @Option(names = "--output-dir", paramLabel = "DIR", required = true,
      description = "Where the outputs are written.")
  Path outputDir;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Model m = Model.load(model);
    StepOptions options = StepOptions.defaults().backend(backend.choice())
        .threads(threads);
    for (Map.Entry<String, Tensor> c : ConstantValues.parse(constants, m).entrySet()) {
      options = options.constant(c.getKey(), c.getValue());
    }
    for (String pair : states) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--state expects IN=OUT, got '"
            + pair + "'");
      }
      options = options.state(pair.substring(0, eq), pair.substring(eq + 1));
    }
    Map<String, Tensor> streams = TensorFiles.readAssignments(inputs);
    try (StepSession session = m.newStepSession(options)) {
      out.println("state pairs: " + (session.statePairs().isEmpty() ? "none"
          : String.join(", ", session.statePairs().stream().map(Object::toString).toList())));
      StreamFrames frames = new StreamFrames(session.frameInputs(), streams);
      Map<String, List<Tensor>> stacked = new LinkedHashMap<>();
      for (int t = 0; t < frames.count(); t++) {
        StepResult r = session.step(frames.at(t));
        r.outputs().forEach((name, v) -> stacked.computeIfAbsent(name, k -> new ArrayList<>())
            .add(v));
      }
      Map<String, Tensor> results = new LinkedHashMap<>();
      stacked.forEach((name, list) -> results.put(name, Tensor.stack(list)));
      List<Path> files = TensorFiles.writeAll(results, outputDir);
      int i = 0;
      for (Tensor t : results.values()) {
        out.println("wrote " + files.get(i++) + "  " + t.describe());
      }
      out.println(frames.count() + " steps on backend " + session.backendName());
    }
    return 0;
  }
}
