package dev.rnnx.cli;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.TensorSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnx inspect}: inputs, outputs, opsets, op counts and recurrent layer shapes. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Prints a model's inputs, outputs, opsets, operator counts and, for every"
        + " LSTM/GRU/RNN node, a table of its shapes.")
final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "The .onnx model file.")
  Path model;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    Model m = Model.load(model);
    IrModel ir = m.ir();
    PrintWriter out = spec.commandLine().getOut();
    out.println("model: " + model);
    out.println("ir version: " + ir.irVersion() + (ir.producerName().isEmpty() ? ""
        : ", producer: " + (ir.producerName() + " " + ir.producerVersion()).strip()));
    out.println("opsets:");
    ir.opsets().forEach((domain, version) -> out.printf("  %-24s %d%n", domain, version));
    out.println("inputs:");
    for (TensorSpec s : m.inputs()) {
      boolean hasDefault = !m.requiredInputs().contains(s);
      out.printf("  %-24s %s%s%n", s.name(), s.describe(), hasDefault ? " (has default)" : "");
    }
    out.println("outputs:");
    for (TensorSpec s : m.outputs()) {
      out.printf("  %-24s %s%n", s.name(), s.describe());
    }
    out.println("ops:");
    for (Map.Entry<String, Integer> e : m.opCounts().entrySet()) {
      out.printf("  %-24s %d%n", e.getKey(), e.getValue());
    }
    RecurrentLayerTable.print(ir, out);
    return 0;
  }
}
