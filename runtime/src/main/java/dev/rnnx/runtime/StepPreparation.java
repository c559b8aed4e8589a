package dev.rnnx.runtime;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxWriter;
import dev.rnnx.converter.passes.DeadNodeElimination;
import dev.rnnx.converter.passes.PassPipeline;
import dev.rnnx.converter.passes.ShapeInference;
import dev.rnnx.converter.streaming.StatePair;
import dev.rnnx.converter.streaming.StatePairing;
import dev.rnnx.converter.streaming.Streamifier;
import dev.rnnx.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Prepares a model for stepping: constants bound, passes run, state pairs found or made. */
final class StepPreparation {
  private StepPreparation() {}

  /**
   * A model ready to step.
   *
   * @param model the prepared model
   * @param pairs its state pairs
   * @param modelInitial the initial value the model itself gives some state inputs
   * @param fingerprint identifies the prepared model in serialized states
   * @param sequenceLens for states of streamed recurrences with lengths, the frame input
   *     holding them ([batch]; 0 marks a stream that has ended)
   */
  record Prepared(IrModel model, List<StatePair> pairs, Map<String, Tensor> modelInitial,
      String fingerprint, Map<String, String> sequenceLens) {}

  static Prepared prepare(IrModel imported, StepOptions options) {
    IrModel model = ModelPreparation.prepare(imported, options.constants());
    Graph g = model.graph();
    List<StatePair> pairs = StatePairing.pair(g, options.states());
    Map<String, String> sequenceLens = Map.of();
    if (!pairs.isEmpty()) {
      Streamifier.checkSteppable(g);
    } else {
      Streamifier.Streamed streamed = Streamifier.streamify(g);
      pairs = streamed.pairs();
      sequenceLens = streamed.sequenceLens();
      model = new PassPipeline(List.of(new DeadNodeElimination(), new ShapeInference()))
          .run(model);
    }
    Set<String> stateOutputs = pairs.stream().map(StatePair::output).collect(Collectors.toSet());
    if (stateOutputs.size() != pairs.size()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "state pairs " + pairs
          + " share an output");
    }
    Map<String, Tensor> initial = new LinkedHashMap<>(
        Streamifier.modelInitialStates(model.graph(), pairs));
    return new Prepared(model, pairs, initial, fingerprint(model, pairs), sequenceLens);
  }

  private static String fingerprint(IrModel model, List<StatePair> pairs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(OnnxWriter.toBytes(model));
      sha.update(pairs.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
