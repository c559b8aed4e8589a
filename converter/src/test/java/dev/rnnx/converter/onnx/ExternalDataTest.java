package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.boxed;
import static dev.rnnx.converter.onnx.Protos.floatValue;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.node;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensor data kept in files beside the model, and locations that must be refused. */
class ExternalDataTest {
  private static final float[] VALUES = {1.5f, -2f, 3.25f};

  @TempDir Path root;
  private Path modelDir;
  private Path modelFile;

  @BeforeEach
  void makeModelDir() throws IOException {
    modelDir = Files.createDirectory(root.resolve("model"));
    modelFile = modelDir.resolve("model.onnx");
  }

  /** 8 bytes of padding, then {@link #VALUES} as little-endian floats. */
  private static byte[] paddedValues() {
    ByteBuffer b = ByteBuffer.allocate(8 + 4 * VALUES.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(0x0123456789abcdefL);
    for (float v : VALUES) {
      b.putFloat(v);
    }
    return b.array();
  }

  /** Writes a model whose initializer W (float[3]) is stored externally under these entries. */
  private void writeModel(String... keyValues) throws IOException {
    TensorProto.Builder w = TensorProto.newBuilder().setName("W")
        .setDataType(TensorProto.DataType.FLOAT_VALUE).addAllDims(boxed(3))
        .setDataLocation(TensorProto.DataLocation.EXTERNAL);
    for (int i = 0; i < keyValues.length; i += 2) {
      w.addExternalData(StringStringEntryProto.newBuilder().setKey(keyValues[i])
          .setValue(keyValues[i + 1]));
    }
    GraphProto.Builder g = GraphProto.newBuilder().setName("main")
        .addInput(floatValue("X", 3)).addInitializer(w)
        .addNode(node("add", "Add", List.of("X", "W"), List.of("Y")))
        .addOutput(floatValue("Y", 3));
    Files.write(modelFile, model(g).build().toByteArray());
  }

  private String refusal() {
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> OnnxReader.read(modelFile));
    String prefix = modelFile + ": graph 'main' initializer: tensor 'W' (float[3]): ";
    assertEquals(prefix, e.getMessage().substring(0, Math.min(prefix.length(),
        e.getMessage().length())), e.getMessage());
    return e.getMessage().substring(prefix.length());
  }

  @Test
  void dataBesideTheModelIsReadAtItsOffset() throws IOException {
    Files.write(modelDir.resolve("weights.bin"), paddedValues());
    writeModel("location", "weights.bin", "offset", "8", "length", "12");
    IrModel m = OnnxReader.read(modelFile);
    assertArrayEquals(VALUES, m.graph().initializers().get("W").toFloatArray());
  }

  @Test
  void withoutALengthTheDataRunsToTheEndOfTheFile() throws IOException {
    Files.write(modelDir.resolve("weights.bin"), paddedValues());
    writeModel("location", "weights.bin", "offset", "8", "checksum", "ignored");
    IrModel m = OnnxReader.read(Files.readAllBytes(modelFile), modelDir);
    assertArrayEquals(VALUES, m.graph().initializers().get("W").toFloatArray());
  }

  @Test
  void dataInASubdirectoryAndThroughAnInsideLinkIsRead() throws IOException {
    Files.createDirectory(modelDir.resolve("data"));
    Files.write(modelDir.resolve("data/w.bin"), paddedValues());
    Files.createSymbolicLink(modelDir.resolve("alias.bin"), Path.of("data/w.bin"));
    writeModel("location", "./data/../alias.bin", "offset", "8");
    assertArrayEquals(VALUES, OnnxReader.read(modelFile).graph().initializers().get("W")
        .toFloatArray());
  }

  @Test
  void aLocationAboveTheModelDirectoryIsRefusedWithoutLookingAtIt() throws IOException {
    // the file does not exist: the refusal must come before any look at the file system
    writeModel("location", "../secret.bin");
    assertEquals("external data location '../secret.bin' leaves the model's directory "
        + modelDir.toRealPath() + "; refused", refusal());
    writeModel("location", "data/../../secret.bin");
    assertEquals("external data location 'data/../../secret.bin' leaves the model's directory "
        + modelDir.toRealPath() + "; refused", refusal());
  }

  @Test
  void anAbsoluteLocationIsRefused() throws IOException {
    Path inside = Files.write(modelDir.resolve("weights.bin"), paddedValues());
    writeModel("location", inside.toAbsolutePath().toString(), "offset", "8");
    assertEquals("external data location '" + inside.toAbsolutePath()
        + "' is absolute; refused", refusal());
  }

  @Test
  void aLinkPointingOutsideIsRefused() throws IOException {
    Path outside = Files.write(root.resolve("outside.bin"), paddedValues());
    Files.createSymbolicLink(modelDir.resolve("link.bin"), outside);
    writeModel("location", "link.bin", "offset", "8");
    assertEquals("external data location 'link.bin' links outside the model's directory "
        + modelDir.toRealPath() + "; refused", refusal());
  }

  @Test
  void aLinkedDirectoryPointingOutsideIsRefused() throws IOException {
    Path outsideDir = Files.createDirectory(root.resolve("elsewhere"));
    Files.write(outsideDir.resolve("w.bin"), paddedValues());
    Files.createSymbolicLink(modelDir.resolve("sub"), outsideDir);
    writeModel("location", "sub/w.bin", "offset", "8");
    assertEquals("external data location 'sub/w.bin' links outside the model's directory "
        + modelDir.toRealPath() + "; refused", refusal());
  }

  @Test
  void aMissingFileIsRefused() throws IOException {
    writeModel("location", "nowhere.bin");
    assertEquals("external data file 'nowhere.bin' not found in " + modelDir.toRealPath(),
        refusal());
  }

  @Test
  void aDirectoryIsNoDataFile() throws IOException {
    Files.createDirectory(modelDir.resolve("dir.bin"));
    writeModel("location", "dir.bin");
    assertEquals("external data location 'dir.bin' is not a regular file", refusal());
  }

  @Test
  void rangesOutsideTheFileAreRefused() throws IOException {
    Files.write(modelDir.resolve("weights.bin"), paddedValues()); // 20 bytes
    writeModel("location", "weights.bin", "offset", "21");
    assertEquals("external data 'weights.bin': offset 21 lies past the end of the file's 20"
        + " bytes", refusal());
    writeModel("location", "weights.bin", "offset", "12", "length", "12");
    assertEquals("external data 'weights.bin': offset 12 length 12 runs past the end of the"
        + " file's 20 bytes", refusal());
    writeModel("location", "weights.bin", "offset", "8", "length", String.valueOf(Long.MAX_VALUE));
    assertEquals("external data 'weights.bin': offset 8 length " + Long.MAX_VALUE
        + " runs past the end of the file's 20 bytes", refusal());
    writeModel("location", "weights.bin", "offset", "-4");
    assertEquals("external data 'weights.bin': offset -4 is negative", refusal());
    writeModel("location", "weights.bin", "offset", "0", "length", "-1");
    assertEquals("external data 'weights.bin': length -1 is negative", refusal());
    writeModel("location", "weights.bin", "offset", "eight");
    assertEquals("external data offset 'eight' is not an integer", refusal());
  }

  @Test
  void aLengthThatDisagreesWithTheDimsIsRefused() throws IOException {
    Files.write(modelDir.resolve("weights.bin"), paddedValues());
    writeModel("location", "weights.bin");
    assertEquals("external data 'weights.bin' holds 20 bytes, expected 12", refusal());
  }

  @Test
  void noLocationIsRefused() throws IOException {
    writeModel("offset", "0");
    assertEquals("external data without a location", refusal());
  }

  @Test
  void aModelReadFromMemoryWithoutADirectoryCannotUseExternalData() throws IOException {
    writeModel("location", "weights.bin");
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> OnnxReader.read(Files.readAllBytes(modelFile), null));
    assertEquals("<model bytes>: graph 'main' initializer: tensor 'W' (float[3]): tensor data"
        + " is stored in external file 'weights.bin', but the model was read from memory with"
        + " no model directory", e.getMessage());
  }

  @Test
  void aTensorTooLargeForOneArrayIsRefusedBeforeReading() throws IOException {
    // a sparse 3 GiB file: exactly the size float[805306368] needs, more than one byte[] holds
    try (RandomAccessFile f = new RandomAccessFile(modelDir.resolve("big.bin").toFile(), "rw")) {
      f.setLength(3L << 30);
    }
    TensorProto.Builder w = TensorProto.newBuilder().setName("W")
        .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(805306368L)
        .setDataLocation(TensorProto.DataLocation.EXTERNAL)
        .addExternalData(StringStringEntryProto.newBuilder().setKey("location")
            .setValue("big.bin"));
    Files.write(modelFile, model(Protos.reluGraph().addInitializer(w)).build().toByteArray());
    ModelFormatException e =
        assertThrows(ModelFormatException.class, () -> OnnxReader.read(modelFile));
    assertEquals(modelFile + ": graph 'main' initializer: tensor 'W': float[805306368] takes"
        + " 3221225472 bytes, more than one array holds (2147483639)", e.getMessage());
  }
}
