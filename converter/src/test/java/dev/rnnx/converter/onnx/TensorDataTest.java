package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.boxed;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto.DataType;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensor data: lengths against dims, data types, dims, value ranges, and the values read. */
class TensorDataTest {
  private static TensorProto.Builder tensor(DataType type, long... dims) {
    return TensorProto.newBuilder().setName("W").setDataType(type.getNumber())
        .addAllDims(boxed(dims));
  }

  /** @return the message of refusing the tensor as an initializer of a model */
  private static String refusedInitializer(TensorProto.Builder t) {
    return refused(model(reluGraph().addInitializer(t)));
  }

  private static String refusedTensor(TensorProto.Builder t) {
    return assertThrows(ModelFormatException.class, () -> TensorProtos.fromProto(t.build()))
        .getMessage();
  }

  @Test
  void rawDataShorterThanTheDimsNeedIsRefusedInTheModel() {
    TensorProto.Builder t =
        tensor(DataType.FLOAT, 2, 3).setRawData(ByteString.copyFrom(new byte[20]));
    assertEquals("graph 'main' initializer: tensor 'W' (float[2, 3]): raw_data holds 20 bytes,"
        + " expected 24", refusedInitializer(t));
  }

  @Test
  void rawDataOfSubByteTypesRoundsUp() {
    TensorProto.Builder t = tensor(DataType.INT4, 3).setRawData(ByteString.copyFrom(new byte[] {
        0x21, 0x0f}));
    Tensor w = TensorProtos.fromProto(t.build());
    assertArrayEquals(new long[] {1, 2, -1}, w.toLongArray());
    assertEquals("tensor 'W' (int4[3]): raw_data holds 1 bytes, expected 2",
        refusedTensor(t.setRawData(ByteString.copyFrom(new byte[1]))));
  }

  @Test
  void typedFieldsOfTheWrongLengthAreRefused() {
    assertEquals("tensor 'W' (float[2, 3]): float_data holds 5 values, expected 6",
        refusedTensor(tensor(DataType.FLOAT, 2, 3).addAllFloatData(List.of(1f, 2f, 3f, 4f, 5f))));
    assertEquals("tensor 'W' (int64[2]): int64_data holds 3 values, expected 2",
        refusedTensor(tensor(DataType.INT64, 2).addAllInt64Data(List.of(1L, 2L, 3L))));
    assertEquals("tensor 'W' (double[1]): double_data holds 0 values, expected 1",
        refusedTensor(tensor(DataType.DOUBLE, 1)));
    assertEquals("tensor 'W' (int8[4]): int32_data holds 1 values, expected 4",
        refusedTensor(tensor(DataType.INT8, 4).addInt32Data(7)));
    assertEquals("tensor 'W' (uint64[2]): uint64_data holds 1 values, expected 2",
        refusedTensor(tensor(DataType.UINT64, 2).addUint64Data(7)));
    assertEquals("tensor 'W' (complex64[2]): float_data holds 2 values, expected 4",
        refusedTensor(tensor(DataType.COMPLEX64, 2).addAllFloatData(List.of(1f, 2f))));
    assertEquals("tensor 'W' (string[3]): string_data holds 2 values, expected 3",
        refusedTensor(tensor(DataType.STRING, 3).addStringData(ByteString.copyFromUtf8("a"))
            .addStringData(ByteString.copyFromUtf8("b"))));
  }

  @Test
  void rawDataAndATypedFieldTogetherAreRefused() {
    TensorProto.Builder t = tensor(DataType.FLOAT, 1).setRawData(ByteString.copyFrom(new byte[4]))
        .addFloatData(1f);
    assertEquals("tensor 'W' (float[1]): holds both raw_data and float_data",
        refusedTensor(t));
  }

  @Test
  void typedFieldsAreReadExactly() {
    float nanWithPayload = Float.intBitsToFloat(0x7fa00001); // a signalling NaN, kept bit for bit
    Tensor f = TensorProtos.fromProto(tensor(DataType.FLOAT, 3)
        .addAllFloatData(List.of(1.5f, -0f, nanWithPayload)).build());
    assertArrayEquals(new float[] {1.5f, -0f, nanWithPayload}, f.toFloatArray());
    assertEquals(0x7fa00001, f.data().getInt(8));

    Tensor l = TensorProtos.fromProto(tensor(DataType.INT64, 2)
        .addAllInt64Data(List.of(Long.MIN_VALUE, Long.MAX_VALUE)).build());
    assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, l.toLongArray());

    Tensor u = TensorProtos.fromProto(tensor(DataType.UINT64, 1).addUint64Data(-1L).build());
    assertEquals(-1L, u.getLong(0)); // 2^64 - 1, as bits

    Tensor u32 = TensorProtos.fromProto(tensor(DataType.UINT32, 1).addUint64Data(4294967295L)
        .build());
    assertEquals(4294967295L, u32.getLong(0));

    Tensor h = TensorProtos.fromProto(tensor(DataType.FLOAT16, 2).addInt32Data(0x3c00)
        .addInt32Data(0xc000).build());
    assertArrayEquals(new float[] {1f, -2f}, h.toFloatArray());

    Tensor b = TensorProtos.fromProto(tensor(DataType.BOOL, 2).addInt32Data(1).addInt32Data(0)
        .build());
    assertArrayEquals(new long[] {1, 0}, b.toLongArray());

    Tensor u4 = TensorProtos.fromProto(tensor(DataType.UINT4, 3).addInt32Data(0x21)
        .addInt32Data(0x0f).build());
    assertArrayEquals(new long[] {1, 2, 15}, u4.toLongArray());

    Tensor c = TensorProtos.fromProto(tensor(DataType.COMPLEX64, 1)
        .addAllFloatData(List.of(3f, 4f)).build());
    assertEquals(3f, c.data().getFloat(0));
    assertEquals(4f, c.data().getFloat(4));

    Tensor s = TensorProtos.fromProto(tensor(DataType.STRING, 2)
        .addStringData(ByteString.copyFromUtf8("ä")).addStringData(ByteString.EMPTY).build());
    assertEquals(List.of("ä", ""), s.strings());
  }

  @Test
  void int32DataOutOfRangeForTheTypeIsRefused() {
    assertEquals("tensor 'W' (uint8[2]): int32_data[1] = 300 is out of range for uint8",
        refusedTensor(tensor(DataType.UINT8, 2).addInt32Data(1).addInt32Data(300)));
    assertEquals("tensor 'W' (int8[1]): int32_data[0] = -129 is out of range for int8",
        refusedTensor(tensor(DataType.INT8, 1).addInt32Data(-129)));
    assertEquals("tensor 'W' (bool[1]): int32_data[0] = 2 is out of range for bool",
        refusedTensor(tensor(DataType.BOOL, 1).addInt32Data(2)));
    assertEquals("tensor 'W' (float16[1]): int32_data[0] = 65536 is out of range for float16",
        refusedTensor(tensor(DataType.FLOAT16, 1).addInt32Data(65536)));
    assertEquals("tensor 'W' (uint32[1]): uint64_data[0] = 4294967296 is out of range for uint32",
        refusedTensor(tensor(DataType.UINT32, 1).addUint64Data(1L << 32)));
    assertEquals(-128, TensorProtos.fromProto(tensor(DataType.INT8, 1).addInt32Data(-128).build())
        .getLong(0));
  }

  @Test
  void unknownDataTypesAreRefused() {
    assertEquals("tensor 'W' has unknown data_type 99 (expected 1 to 26)",
        refusedTensor(TensorProto.newBuilder().setName("W").setDataType(99)));
    assertEquals("tensor 'W' has unknown data_type 0 (expected 1 to 26)",
        refusedTensor(TensorProto.newBuilder().setName("W")));
  }

  @Test
  void negativeDimsAreRefused() {
    assertEquals("tensor 'W': negative dimension in shape [2, -3]",
        refusedTensor(tensor(DataType.FLOAT, 2, -3)));
  }

  @Test
  void dimsOfMoreThan2To31ElementsAreRefusedBeforeAllocating() {
    assertEquals("tensor 'W': shape [65536, 65536] has more than 2^31-1 elements",
        refusedTensor(tensor(DataType.FLOAT, 65536, 65536)));
    assertEquals("tensor 'W': shape [4294967296, 0] has more than 2^31-1 elements",
        refusedTensor(tensor(DataType.FLOAT, 1L << 32, 0)));
    assertEquals("tensor 'W': shape [9223372036854775807, 2] has more than 2^31-1 elements",
        refusedTensor(tensor(DataType.STRING, Long.MAX_VALUE, 2)));
    assertEquals("tensor 'W': uint8[2147483647] takes 2147483647 bytes, more than one array"
        + " holds (2147483639)", refusedTensor(tensor(DataType.UINT8, Integer.MAX_VALUE)));
    assertEquals("tensor 'W' (float[268435456]): raw_data holds 4 bytes, expected 1073741824",
        refusedTensor(tensor(DataType.FLOAT, 1 << 28)
            .setRawData(ByteString.copyFrom(new byte[4]))));
    assertEquals("tensor 'W': float[1073741824] takes 4294967296 bytes, more than one array"
        + " holds (2147483639)", refusedTensor(tensor(DataType.FLOAT, 1 << 30)));
  }

  @Test
  void dataLengthsAreCheckedBeforeTheTensorIsAllocated() {
    // 1 GiB claimed, 4 bytes given: refusing must not cost the gigabyte first
    TensorProto big = tensor(DataType.FLOAT, 1 << 28).addFloatData(1f).build();
    assertEquals("tensor 'W' (float[268435456]): float_data holds 1 values, expected 268435456",
        assertThrows(ModelFormatException.class, () -> TensorProtos.fromProto(big)).getMessage());
    long allocated = Protos.allocatedBytes(() -> TensorProtos.fromProto(big));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
    TensorProto strings = tensor(DataType.STRING, Integer.MAX_VALUE - 8).build();
    allocated = Protos.allocatedBytes(() -> TensorProtos.fromProto(strings));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void aZeroSizedTensorNeedsNoData() {
    Tensor t = TensorProtos.fromProto(tensor(DataType.FLOAT, 3, 0).build());
    assertEquals(0, t.size());
    assertArrayEquals(new long[] {3, 0}, t.shape());
  }

  @Test
  void segmentedTensorsAreRefused() {
    TensorProto.Builder t = tensor(DataType.FLOAT, 1).addFloatData(1)
        .setSegment(TensorProto.Segment.newBuilder().setBegin(0).setEnd(1));
    assertEquals("tensor 'W' (float[1]) is segmented; segmented tensors are not supported",
        refusedTensor(t));
  }

  @Test
  void everyElementTypeHasACode() {
    assertEquals(ElementType.INT2, ElementType.fromOnnx(26).orElseThrow());
    assertEquals(26, ElementType.values().length);
  }
}
