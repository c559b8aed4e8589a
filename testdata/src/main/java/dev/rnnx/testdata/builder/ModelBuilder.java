package dev.rnnx.testdata.builder;

import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a whole ONNX model: the main graph (see {@link AbstractGraphBuilder}) plus opset
 * imports, IR version, producer and metadata.
 *
 * <pre>{@code
 * byte[] onnx = ModelBuilder.opset(17)
 *     .input("X", FLOAT, "seq", 1, 4)
 *     .initializer("W", w).initializer("R", r)
 *     .node("LSTM").inputs("X", "W", "R").outputs("Y", "Y_h").attr("hidden_size", 8).done()
 *     .output("Y_h", FLOAT, 1, 1, 8)
 *     .toBytes();
 * }</pre>
 */
public final class ModelBuilder extends AbstractGraphBuilder<ModelBuilder> {
  /** The producer name written unless {@link #producer} says otherwise. */
  public static final String DEFAULT_PRODUCER = "rnnx-testdata";

  private final Map<String, Long> opsets = new LinkedHashMap<>(); // domain ("" = default) -> version
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private Long irVersion; // null: derived from the default opset
  private String producerName = DEFAULT_PRODUCER;
  private String producerVersion = "";
  private String docString = "";

  private ModelBuilder(long defaultOpset) {
    super("main");
    opsets.put("", defaultOpset);
  }

  /**
   * Starts a model importing the default domain ({@code ai.onnx}) at a version.
   *
   * @param version the default-domain opset, e.g. 17
   * @return the builder
   */
  public static ModelBuilder opset(long version) {
    return new ModelBuilder(version);
  }

  @Override
  protected ModelBuilder self() {
    return this;
  }

  /**
   * Imports another operator set domain, or changes the version of one already imported.
   *
   * @param domain e.g. {@code "com.microsoft"}; {@code ""} or {@code "ai.onnx"} for the default
   * @param version the domain's opset version
   * @return this
   */
  public ModelBuilder importOpset(String domain, long version) {
    opsets.put(domain.equals("ai.onnx") ? "" : domain, version);
    return this;
  }

  /**
   * Overrides the IR version (by default {@link IrVersions#forOpset} of the default opset).
   *
   * @param version the IR version
   * @return this
   */
  public ModelBuilder irVersion(long version) {
    this.irVersion = version;
    return this;
  }

  /**
   * @param name the producer name
   * @param version the producer version
   * @return this
   */
  public ModelBuilder producer(String name, String version) {
    this.producerName = name;
    this.producerVersion = version;
    return this;
  }

  /**
   * @param doc the model's documentation string
   * @return this
   */
  public ModelBuilder modelDocString(String doc) {
    this.docString = doc;
    return this;
  }

  /**
   * Adds a {@code metadata_props} entry.
   *
   * @param key the key
   * @param value the value
   * @return this
   */
  public ModelBuilder metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  /** @return the model */
  public ModelProto toProto() {
    Long defaultOpset = opsets.get("");
    long ir = irVersion != null ? irVersion
        : IrVersions.forOpset(defaultOpset != null ? defaultOpset : 1);
    ModelProto.Builder model = ModelProto.newBuilder()
        .setIrVersion(ir)
        .setProducerName(producerName)
        .setProducerVersion(producerVersion)
        .setDocString(docString)
        .setGraph(buildGraph());
    opsets.forEach((domain, version) -> model.addOpsetImport(
        OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
    metadata.forEach((k, v) -> model.addMetadataProps(
        StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build();
  }

  /** @return the serialized model, the bytes of an {@code .onnx} file */
  public byte[] toBytes() {
    return toProto().toByteArray();
  }

  /**
   * Writes the model file, creating parent directories.
   *
   * @param file the {@code .onnx} file
   * @throws UncheckedIOException if it cannot be written
   */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.write(file, toBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
