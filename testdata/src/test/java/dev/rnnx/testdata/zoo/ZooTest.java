package dev.rnnx.testdata.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.OnnxReader;
import dev.rnnx.testdata.Approx;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed zoo: it is what the catalog builds today, every model parses with the
 * converter's reader, and every golden agrees with the model's plain-Java evaluation. For the
 * models whose goldens came from ONNX Runtime that last check is an independent cross-check of
 * ORT against the reference kernels; for the others it guards the files.
 */
class ZooTest {
  private static final long MAX_ZOO_BYTES = 2L * 1024 * 1024;

  static List<ZooSpec> specs() {
    return ZooCatalog.all();
  }

  private static ZooModel onDisk(ZooSpec spec) {
    return Zoo.model(spec.name());
  }

  @Test
  void folderHoldsExactlyTheCatalog() {
    List<String> onDisk = Zoo.models().stream().map(ZooModel::name).sorted().toList();
    List<String> catalog = specs().stream().map(ZooSpec::name).sorted().toList();
    assertEquals(catalog, onDisk, "regenerate the zoo (testdata/README.md)");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void filesAreWhatTheCatalogBuilds(ZooSpec spec) throws IOException {
    ZooModel m = onDisk(spec);
    assertArrayEquals(spec.model(), Files.readAllBytes(m.modelFile()),
        spec.name() + ": model.onnx is stale; regenerate the zoo (testdata/README.md)");
    assertEquals(List.copyOf(spec.inputs().keySet()), m.inputs());
    assertEquals(spec.outputs(), m.outputs());
    assertEquals(spec.goldenSource(), m.goldenSource());
    Map<String, Tensor> inputs = m.readInputs();
    spec.inputs().forEach((name, t) -> assertEquals(t, inputs.get(name), name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void goldensAgreeWithTheReferenceEvaluation(ZooSpec spec) {
    ZooModel m = onDisk(spec);
    Map<String, Tensor> expected = spec.reference().evaluate(m.readInputs());
    Map<String, Tensor> goldens = m.readGoldens();
    for (String output : m.outputs()) {
      Approx.assertClose(expected.get(output), goldens.get(output),
          spec.name() + " " + output + " (golden from " + m.goldenSource().label() + ")");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void parsesWithTheConverter(ZooSpec spec) {
    ZooModel m = onDisk(spec);
    IrModel model = OnnxReader.read(m.modelFile());
    assertEquals(m.inputs(), model.graph().inputs().stream()
        .map(v -> v.name()).filter(n -> !model.graph().initializers().containsKey(n)).toList());
    assertEquals(m.outputs(), model.graph().outputs().stream().map(v -> v.name()).toList());
  }

  @Test
  void zooStaysSmall() throws IOException {
    long total;
    Path pretrained = Zoo.locate().resolve("pretrained"); // fetched, never committed
    try (Stream<Path> walk = Files.walk(Zoo.locate())) {
      total = walk.filter(Files::isRegularFile).filter(p -> !p.startsWith(pretrained))
          .mapToLong(p -> p.toFile().length()).sum();
    }
    assertTrue(total < MAX_ZOO_BYTES, "the zoo is " + total + " bytes");
  }
}
