package dev.rnnx.cli;

import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnx run}: runs a model once on input files and writes every output as .npy. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs MODEL once and writes DIR/<output>.npy for every model output.")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The .onnx model file.")
  Path model;

  @Option(names = "--input", paramLabel = "NAME=FILE",
      description = "An input tensor from a .npy or ONNX TensorProto .pb file; repeat per input.")
  List<String> inputs = new ArrayList<>();

  @Mixin
  BackendOption backend;

  @Option(names = "--threads", defaultValue = "0",
      description = "Intra-op threads; 0 for the backend's default.")
  int threads;

  @Option(names = "--output-dir", paramLabel = "DIR", required = true,
      description = "Where the outputs are written.")
  Path outputDir;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    BackendChoice choice = backend.choice();
    Map<String, Tensor> feeds = TensorFiles.readAssignments(inputs);
    Model m = Model.load(model);
    try (Session session = m.newSession(SessionOptions.defaults().withBackend(choice)
        .withThreads(threads))) {
      Map<String, Tensor> outputs = session.run(feeds);
      List<Path> files = TensorFiles.writeAll(outputs, outputDir);
      int i = 0;
      for (Tensor t : outputs.values()) {
        spec.commandLine().getOut().println("wrote " + files.get(i++) + "  " + t.describe());
      }
      spec.commandLine().getOut().println("backend: " + session.backendName());
    }
    return 0;
  }
}
