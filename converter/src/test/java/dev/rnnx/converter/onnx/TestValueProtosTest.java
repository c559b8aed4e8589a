package dev.rnnx.converter.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.MessageLite;
import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.onnx.proto.OnnxProto.MapProto;
import dev.rnnx.onnx.proto.OnnxProto.OptionalProto;
import dev.rnnx.onnx.proto.OnnxProto.SequenceProto;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test value files are parsed as the declared type says: tensor, sequence or optional. */
class TestValueProtosTest {
  private static final ValueType FLOAT = ValueType.tensor(ElementType.FLOAT, null);
  private static final ValueType SEQ = new ValueType.SequenceType(FLOAT);
  private static final ValueType OPT = new ValueType.OptionalType(FLOAT);

  @TempDir Path dir;

  private Path write(MessageLite proto) throws IOException {
    Path file = dir.resolve("value_" + System.nanoTime() + ".pb");
    Files.write(file, proto.toByteArray());
    return file;
  }

  private static Tensor vector(float... v) {
    return Tensor.of(v, v.length);
  }

  @Test
  void aTensorFileIsReadAsATensorWhenTheTypeIsATensorOrUnknown() throws IOException {
    Path file = write(TensorProtos.toProto(vector(1, 2), "x"));
    TestValue expected = new TestValue.TensorValue(vector(1, 2));
    assertEquals(expected, TestValueProtos.readFile(file, FLOAT));
    assertEquals(expected, TestValueProtos.readFile(file, null));
  }

  @Test
  void aSequenceKeepsItsTensorsInOrder() throws IOException {
    Path file = write(SequenceProto.newBuilder().setElemType(1)
        .addTensorValues(TensorProtos.toProto(vector(1, 2), ""))
        .addTensorValues(TensorProtos.toProto(vector(3), "")).build());
    TestValue v = TestValueProtos.readFile(file, SEQ);
    assertEquals(new TestValue.SequenceValue(List.of(new TestValue.TensorValue(vector(1, 2)),
        new TestValue.TensorValue(vector(3)))), v);
    assertEquals("seq(float[2], float[1])", v.describe());
  }

  @Test
  void anEmptySequenceHasNoElements() throws IOException {
    Path file = write(SequenceProto.newBuilder().setElemType(1).build());
    assertEquals(new TestValue.SequenceValue(List.of()), TestValueProtos.readFile(file, SEQ));
  }

  @Test
  void anOptionalIsEmptyWhenItHoldsNoValue() throws IOException {
    TestValue empty = TestValueProtos.readFile(write(OptionalProto.newBuilder().setElemType(1)
        .build()), OPT);
    assertFalse(((TestValue.OptionalValue) empty).isPresent());
    assertEquals("optional(empty)", empty.describe());
    TestValue full = TestValueProtos.readFile(write(OptionalProto.newBuilder().setElemType(1)
        .setTensorValue(TensorProtos.toProto(vector(5), "")).build()), OPT);
    assertTrue(((TestValue.OptionalValue) full).isPresent());
    assertEquals("optional(float[1])", full.describe());
  }

  @Test
  void anOptionalSequenceNestsBoth() throws IOException {
    Path file = write(OptionalProto.newBuilder().setElemType(3).setSequenceValue(
        SequenceProto.newBuilder().setElemType(1)
            .addTensorValues(TensorProtos.toProto(vector(7), ""))).build());
    assertEquals("optional(seq(float[1]))", TestValueProtos.readFile(file,
        new ValueType.OptionalType(SEQ)).describe());
  }

  @Test
  void mapsAreRefusedAsUnsupported() throws IOException {
    Path file = write(SequenceProto.newBuilder().setElemType(4)
        .addMapValues(MapProto.newBuilder().setKeyType(7).addKeys(1)).build());
    RnnxException e = assertThrows(RnnxException.class, () -> TestValueProtos.readFile(file,
        SEQ));
    assertEquals(RnnxException.ErrorCode.UNSUPPORTED, e.code());
    ValueType map = new ValueType.MapType(ElementType.INT64, FLOAT);
    assertTrue(assertThrows(RnnxException.class, () -> TestValueProtos.readFile(file, map))
        .getMessage().endsWith("map(int64, float[*]) values are not supported (only tensors,"
            + " sequences and optionals)"));
  }

  @Test
  void aFileThatIsNotTheDeclaredKindIsAFormatError() throws IOException {
    Path file = dir.resolve("broken.pb");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    String message = assertThrows(ModelFormatException.class,
        () -> TestValueProtos.readFile(file, SEQ)).getMessage();
    assertTrue(message.startsWith(file + ": not a SequenceProto: "), message);
  }

  @Test
  void valuesOfADataSetFollowTheDeclaredTypesInOrder() throws IOException {
    Path dataSet = Files.createDirectory(dir.resolve("test_data_set_0"));
    Files.write(dataSet.resolve("input_0.pb"), TensorProtos.toProto(vector(1), "").toByteArray());
    Files.write(dataSet.resolve("input_1.pb"), SequenceProto.newBuilder().setElemType(1)
        .addTensorValues(TensorProtos.toProto(vector(2), "")).build().toByteArray());
    List<TestValue> values = OnnxTestCase.values(dataSet, "input", List.of(
        ValueType.tensor(ElementType.FLOAT, Shape.of(1)), SEQ));
    assertEquals(List.of("float[1]", "seq(float[1])"),
        values.stream().map(TestValue::describe).toList());
  }
}
