package dev.rnnx.runtime.backend.nd4j.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.converter.passes.Passes;
import dev.rnnx.tensor.Tensor;
import dev.rnnx.testdata.zoo.Zoo;
import dev.rnnx.testdata.zoo.ZooModel;
import dev.rnnx.vad.SileroModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models the nd4j speed targets are about run on the heap path: a change that makes it
 * decline one would quietly send it back to ND4J's per-op costs (Silero VAD went from 73 us to
 * 4.7 ms a frame that way). The zoo models it declines are listed with the reason.
 */
class HeapCoverageTest {
  /** Zoo models outside the heap path, with what the decline names. */
  private static final Map<String, String> DECLINED = Map.of(
      "convlstm_scan", "(Scan)",
      "matrix_state_rnn", "(Einsum)",
      "linear_attention_step", "(CausalConvWithState)");

  static Stream<String> zoo() {
    return Zoo.models().stream().map(ZooModel::name);
  }

  static Stream<String> silero() {
    return Arrays.stream(SileroModels.VERSIONS);
  }

  private static Optional<String> declineReason(Path model, Map<String, Tensor> constants) {
    IrModel prepared = Passes.specializing(constants).run(OnnxReader.read(model).copy());
    return HeapProgram.declineReason(prepared.graph(), prepared.defaultOpset());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("zoo")
  void zooModelsRunOnTheHeapPath(String name) {
    Optional<String> why = declineReason(Zoo.model(name).modelFile(), Map.of());
    if (DECLINED.containsKey(name)) {
      assertTrue(why.isPresent() && why.get().contains(DECLINED.get(name)), name + ": "
          + why.orElse("taken"));
    } else {
      assertEquals(Optional.empty(), why, name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("silero")
  void sileroRunsOnTheHeapPath(String version) {
    for (long rate : new long[] {8000, 16000}) {
      assertEquals(Optional.empty(), declineReason(SileroModels.require(version),
          Map.of("sr", Tensor.of(new long[] {rate}, new long[0]))), version + " at " + rate);
    }
  }
}
