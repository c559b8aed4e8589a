package dev.rnnx.runtime.upgrade;

import dev.rnnx.converter.ir.Attribute;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.Node;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.converter.passes.OpsetUpgrade;
import dev.rnnx.runtime.BackendChoice;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.Session;
import dev.rnnx.runtime.SessionOptions;
import dev.rnnx.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model at an old opset, built node by node with IR version 3, whose inputs are fed from
 * tensors and which runs through RNNX's standard passes (the opset upgrade among them) on
 * ONNX Runtime.
 */
final class LegacyModel {
  private final Graph graph = new Graph("legacy");
  private final long opset;
  private final Map<String, Tensor> feeds = new LinkedHashMap<>();

  private LegacyModel(long opset) {
    this.opset = opset;
  }

  static LegacyModel at(long opset) {
    return new LegacyModel(opset);
  }

  /** A graph input of the tensor's type and shape, fed that tensor. */
  LegacyModel input(String name, Tensor value) {
    graph.inputs().add(new ValueInfo(name, ValueType.tensor(value.type(),
        Shape.of(value.shape()))));
    feeds.put(name, value);
    return this;
  }

  LegacyModel constant(String name, Tensor value) {
    return node("Constant", List.of(), List.of(name), Attribute.of("value", value));
  }

  LegacyModel node(String op, List<String> inputs, List<String> outputs,
      Attribute... attributes) {
    graph.nodes().add(Node.of(op.toLowerCase() + graph.nodes().size(), op, inputs, outputs,
        Arrays.asList(attributes)));
    return this;
  }

  /** Declares graph outputs; their types are left to inference. */
  LegacyModel outputs(String... outputs) {
    for (String o : outputs) {
      graph.outputs().add(new ValueInfo(o, null));
    }
    return this;
  }

  /** @return the model as built, at its old opset */
  IrModel model() {
    return new IrModel(3, Map.of(Node.DEFAULT_DOMAIN, opset), Map.of(), "legacy-test", "", "",
        graph);
  }

  /** @return the tensors fed to the inputs */
  Map<String, Tensor> feeds() {
    return feeds;
  }

  /** Declares the outputs, runs the model through RNNX on ONNX Runtime and returns them. */
  List<Tensor> run(String... outputs) {
    outputs(outputs);
    return runOnOrt(model());
  }

  /**
   * Like {@link #run}, but first brings the model to the newest opset of the upgrade's window
   * whatever its own, so that upgrades beyond the default window's oldest opset run too.
   */
  List<Tensor> runUpgraded(String... outputs) {
    outputs(outputs);
    OpsetUpgrade all = new OpsetUpgrade(OpsetUpgrade.NEWEST_OPSET, OpsetUpgrade.NEWEST_OPSET);
    return runOnOrt(all.apply(model()));
  }

  private List<Tensor> runOnOrt(IrModel ir) {
    try (Session s = Model.of(ir).newSession(SessionOptions.defaults()
        .withBackend(BackendChoice.ORT))) {
      return new ArrayList<>(s.run(feeds).values());
    }
  }
}
