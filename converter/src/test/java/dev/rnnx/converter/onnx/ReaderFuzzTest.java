package dev.rnnx.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.ValueInfoProto;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads 10,000 seeded mutants of 100 real models: each is either read (and then survives export
 * and reimport) or refused with {@link ModelFormatException}. Any other throwable fails the test
 * with the mutant's description. Allocation per read is bounded, so a mutant claiming 2^31
 * elements cannot allocate them.
 */
class ReaderFuzzTest {
  /** Fixed, so that every run reads the same mutants; -Dfuzz.seed=N explores others. */
  private static final long SEED = Long.getLong("fuzz.seed", 0x5eed_0f_f022L);
  private static final int MODELS = 100;
  /** -Dfuzz.mutants=N for a longer run. */
  private static final int MUTANTS_PER_MODEL = Integer.getInteger("fuzz.mutants", 100);
  /** Models every run includes: the recurrent ops and control flow RNNX is about. */
  private static final List<String> REQUIRED = List.of("test_lstm_defaults",
      "test_gru_defaults", "test_rnn_seq_length", "test_lstm_with_peepholes", "test_if",
      "test_scan9_sum", "test_scan_sum", "test_loop11", "test_loop13_seq", "test_constant",
      "test_affine_grid_2d_expanded", "test_range_float_type_positive_delta_expanded");
  /** What one read may allocate: generous for the conversion, far below a claimed 2^31. */
  private static final long MAX_ALLOCATION_PER_READ = 64L << 20;

  @TempDir Path root;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyMutantIsReadOrRefusedWithModelFormatException() throws IOException {
    Path modelDir = layOutDataFiles();
    Map<String, ModelProto> corpus = corpus();
    assertEquals(MODELS, corpus.size());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ModelMutator mutator = new ModelMutator(new Random(SEED));
    List<String> failures = new ArrayList<>();
    int accepted = 0;
    int refused = 0;
    long maxAllocated = 0;
    long start = System.nanoTime();
    for (Map.Entry<String, ModelProto> base : corpus.entrySet()) {
      for (int i = 0; i < MUTANTS_PER_MODEL; i++) {
        ModelMutator.Mutant mutant = mutator.mutate(base.getValue());
        String name = base.getKey() + " mutant " + i + " (" + mutant.description() + ")";
        long before = threads.getCurrentThreadAllocatedBytes();
        IrModel read = null;
        try {
          read = OnnxReader.read(mutant.bytes(), modelDir);
          accepted++;
        } catch (ModelFormatException e) {
          refused++;
          if (!e.getMessage().startsWith("<model bytes>: ")) {
            failures.add(name + ": message does not name the source: " + e.getMessage());
          }
        } catch (Throwable t) { // anything else is the bug this test is for
          failures.add(name + ": " + t + " at " + t.getStackTrace()[0]);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        maxAllocated = Math.max(maxAllocated, allocated);
        if (allocated > MAX_ALLOCATION_PER_READ) {
          failures.add(name + ": allocated " + allocated + " bytes");
        }
        if (read != null) {
          checkRoundTrip(read, name, failures);
        }
      }
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("fuzz: %d mutants of %d models, %d read, %d refused, %d ms,"
        + " at most %d KiB allocated per read%n", accepted + refused + failures.size(), MODELS,
        accepted, refused, millis, maxAllocated >> 10);
    assertEquals("", failures.stream().limit(30).collect(Collectors.joining("\n")),
        failures.size() + " failures");
    assertEquals(MODELS * MUTANTS_PER_MODEL, accepted + refused);
    assertTrue(accepted + refused >= 10_000, "too few mutants: " + (accepted + refused));
    assertTrue(refused > accepted, "most mutants should be malformed: " + refused + " refused");
    Runtime rt = Runtime.getRuntime();
    assertTrue(rt.totalMemory() - rt.freeMemory() < 1L << 30, "heap in use after the loop: "
        + (rt.totalMemory() - rt.freeMemory()));
  }

  /** What was read must survive export and reimport unchanged. */
  private static void checkRoundTrip(IrModel m, String name, List<String> failures) {
    try {
      if (!m.equals(OnnxReader.read(OnnxWriter.toBytes(m), null))) {
        failures.add(name + ": read, but changed by export and reimport");
      }
    } catch (RuntimeException e) {
      failures.add(name + ": read, but its export is refused: " + e);
    }
  }

  /** The files external-data mutants point at: w.bin, a link out, a directory, one outside. */
  private Path layOutDataFiles() throws IOException {
    Path modelDir = Files.createDirectory(root.resolve("model"));
    byte[] data = new byte[64];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    Files.write(modelDir.resolve("w.bin"), data);
    Files.createDirectory(modelDir.resolve("sub"));
    Path outside = Files.write(root.resolve("outside.bin"), data);
    Files.createSymbolicLink(modelDir.resolve("link.bin"), outside);
    return modelDir;
  }

  /**
   * The required models plus a seeded sample of the others, 100 in all; every other one has
   * its graph inputs after the first turned into initializers from its test data, half of
   * those as typed fields, so that initializers get mutated too.
   */
  private static Map<String, ModelProto> corpus() throws IOException {
    List<OnnxTestCase> all = new ArrayList<>(NodeTestSuite.cases());
    Map<String, OnnxTestCase> byName = new LinkedHashMap<>();
    all.forEach(c -> byName.put(c.name(), c));
    List<OnnxTestCase> chosen = new ArrayList<>();
    REQUIRED.forEach(n -> chosen.add(byName.get(n)));
    Collections.shuffle(all, new Random(SEED));
    for (OnnxTestCase c : all) {
      if (chosen.size() == MODELS) {
        break;
      }
      if (!chosen.contains(c)) {
        chosen.add(c);
      }
    }
    Map<String, ModelProto> corpus = new LinkedHashMap<>();
    int withInitializers = 0;
    for (int i = 0; i < chosen.size(); i++) {
      OnnxTestCase c = chosen.get(i);
      ModelProto m = ModelProto.parseFrom(Files.readAllBytes(c.model()));
      if (i % 2 == 0) {
        m = withInitializers(m, c, i % 4 == 0);
      }
      OnnxReader.read(m.toByteArray(), null); // the mutants start from a valid model
      withInitializers += m.getGraph().getInitializerCount() > 0 ? 1 : 0;
      corpus.put(c.name(), m);
    }
    assertTrue(withInitializers >= 20, withInitializers + " models with initializers");
    return corpus;
  }

  private static ModelProto withInitializers(ModelProto m, OnnxTestCase c, boolean typed)
      throws IOException {
    if (c.dataSets().isEmpty()) {
      return m;
    }
    List<Path> files = OnnxTestCase.files(c.dataSets().get(0), "input");
    GraphProto.Builder g = m.getGraph().toBuilder();
    List<ValueInfoProto> keep = new ArrayList<>();
    for (int i = 0; i < g.getInputCount(); i++) {
      ValueInfoProto in = g.getInput(i);
      TensorProto t = i == 0 || i >= files.size() || !in.getType().hasTensorType() ? null
          : TensorProto.parseFrom(Files.readAllBytes(files.get(i)));
      if (t == null || t.getDataType() != in.getType().getTensorType().getElemType()) {
        keep.add(in);
        continue;
      }
      g.addInitializer(typed ? typedFields(t, in.getName()) : t.toBuilder().setName(in.getName())
          .build());
      if (m.getIrVersion() < 4) {
        keep.add(in); // before IR 4 every initializer is also a graph input
      }
    }
    g.clearInput().addAllInput(keep);
    return m.toBuilder().setGraph(g).build();
  }

  /** @return the tensor with float, int64 or int32 values moved from raw_data to typed fields */
  private static TensorProto typedFields(TensorProto raw, String name) {
    Tensor t = TensorProtos.fromProto(raw);
    TensorProto.Builder b = raw.toBuilder().setName(name).clearRawData();
    switch (t.type()) {
      case FLOAT -> {
        for (float v : t.toFloatArray()) {
          b.addFloatData(v);
        }
      }
      case INT64 -> {
        for (long v : t.toLongArray()) {
          b.addInt64Data(v);
        }
      }
      case INT32 -> {
        for (long v : t.toLongArray()) {
          b.addInt32Data((int) v);
        }
      }
      default -> {
        return raw.toBuilder().setName(name).build();
      }
    }
    return b.build();
  }
}
