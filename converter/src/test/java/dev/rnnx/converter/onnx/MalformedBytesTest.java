package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.IrModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes that are no ONNX model: not protobuf, truncated, empty, or a model without a graph. */
class MalformedBytesTest {
  @TempDir Path dir;

  @Test
  void aValidModelIsRead() {
    IrModel m = OnnxReader.read(model(reluGraph()).build().toByteArray(), null);
    assertEquals(1, m.graph().nodes().size());
    assertEquals("Relu", m.graph().nodes().get(0).opType());
    assertEquals(Protos.OPSET, m.defaultOpset());
  }

  @Test
  void textIsNotAModel() {
    String message = refused("hello, this is not protobuf".getBytes(StandardCharsets.UTF_8));
    assertTrue(message.startsWith("not an ONNX model"), message);
  }

  @Test
  void everyTruncationOfAModelIsRefused() {
    byte[] whole = model(reluGraph()).build().toByteArray();
    for (int n = 1; n < whole.length; n++) {
      byte[] part = Arrays.copyOf(whole, n);
      ModelFormatException e = assertThrows(ModelFormatException.class,
          () -> OnnxReader.read(part, null), "truncated to " + n + " bytes");
      assertTrue(e.getMessage().startsWith("<model bytes>: "), e.getMessage());
    }
  }

  @Test
  void anEmptyFileIsRefusedNamingTheFile() throws IOException {
    Path file = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxReader.read(file));
    assertEquals(file + ": empty file, not an ONNX model", e.getMessage());
    assertEquals(RnnxException.ErrorCode.MODEL_FORMAT, e.code());
  }

  @Test
  void aMissingFileIsRefusedNamingIt() {
    Path file = dir.resolve("absent.onnx");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ": cannot read"), e.getMessage());
  }

  @Test
  void aFileBeyondProtobufsLimitIsRefusedWithoutReadingIt() throws IOException {
    Path file = dir.resolve("huge.onnx");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(1L << 31); // sparse: no disk space used
    }
    long allocated = Protos.allocatedBytes(() -> OnnxReader.read(file));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxReader.read(file));
    assertEquals(file + ": 2147483648 bytes, more than an ONNX file holds (2147483639); larger"
        + " models keep tensors in external data", e.getMessage());
  }

  @Test
  void aModelWithoutAGraphIsRefused() {
    assertEquals("the model has no graph", refused(model(reluGraph()).clearGraph()));
  }

  @Test
  void anUnterminatedGroupIsRefused() {
    // field 1, wire type 4 (end group) where no group was opened
    String message = refused(new byte[] {0x0c});
    assertTrue(message.startsWith("not an ONNX model"), message);
  }

  @Test
  void aStreamIsReadLikeBytes() {
    byte[] bytes = model(reluGraph()).build().toByteArray();
    IrModel m = OnnxReader.read(new ByteArrayInputStream(bytes), null);
    assertEquals(OnnxReader.read(bytes, null), m);
    ModelFormatException e = assertThrows(ModelFormatException.class,
        () -> OnnxReader.read(new ByteArrayInputStream(Arrays.copyOf(bytes, 5)), null));
    assertTrue(e.getMessage().startsWith("<model stream>: not an ONNX model"), e.getMessage());
  }
}
