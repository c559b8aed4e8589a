package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.boxed;
import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.read;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnx.onnx.proto.OnnxProto.SparseTensorProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto.DataType;
import dev.rnnx.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sparse initializers: densified exactly, indices checked. */
class SparseTensorTest {
  private static SparseTensorProto.Builder sparse(TensorProto.Builder values,
      TensorProto.Builder indices, long... dims) {
    return SparseTensorProto.newBuilder().setValues(values.setName("S"))
        .setIndices(indices).addAllDims(boxed(dims));
  }

  private static TensorProto.Builder int64s(long[] dims, Long... values) {
    return TensorProto.newBuilder().setDataType(DataType.INT64_VALUE).addAllDims(boxed(dims))
        .addAllInt64Data(List.of(values));
  }

  private static Tensor densified(SparseTensorProto.Builder s) {
    return read(model(reluGraph().addSparseInitializer(s))).graph().initializers().get("S");
  }

  @Test
  void int64ValuesKeepEveryBit() {
    long big = (1L << 62) + 1; // not representable as a double
    Tensor dense = densified(sparse(int64s(new long[] {2}, big, -1L),
        int64s(new long[] {2}, 1L, 3L), 5));
    assertArrayEquals(new long[] {0, big, 0, -1, 0}, dense.toLongArray());
  }

  @Test
  void complexValuesKeepTheirImaginaryPart() {
    TensorProto.Builder values = TensorProto.newBuilder().setDataType(DataType.COMPLEX64_VALUE)
        .addDims(1).addAllFloatData(List.of(3f, 4f));
    Tensor dense = densified(sparse(values, int64s(new long[] {1}, 1L), 2));
    assertEquals(0f, dense.data().getFloat(0));
    assertEquals(3f, dense.data().getFloat(8));
    assertEquals(4f, dense.data().getFloat(12));
  }

  @Test
  void coordinateIndicesAreRowMajor() {
    TensorProto.Builder values = TensorProto.newBuilder().setDataType(DataType.FLOAT_VALUE)
        .addDims(2).addAllFloatData(List.of(1.5f, -2f));
    Tensor dense = densified(sparse(values, int64s(new long[] {2, 2}, 0L, 2L, 1L, 0L), 2, 3));
    assertArrayEquals(new float[] {0, 0, 1.5f, -2f, 0, 0}, dense.toFloatArray());
  }

  @Test
  void anIndexOutsideTheDenseShapeIsRefused() {
    SparseTensorProto.Builder s = sparse(int64s(new long[] {1}, 9L), int64s(new long[] {1}, 7L), 5);
    assertEquals("graph 'main' sparse initializer 'S': sparse index 7 lies outside 5 elements",
        refused(model(reluGraph().addSparseInitializer(s))));
  }

  @Test
  void indicesOfTheWrongShapeAreRefused() {
    SparseTensorProto.Builder s = sparse(int64s(new long[] {2}, 1L, 2L),
        int64s(new long[] {1}, 0L), 5);
    assertEquals("graph 'main' sparse initializer 'S': sparse indices must be integers of shape [2]"
        + " or [2, 1], got int64[1]", refused(model(reluGraph().addSparseInitializer(s))));
  }

  @Test
  void aFewValuesCannotClaimAHugeDenseTensor() {
    SparseTensorProto.Builder s = sparse(int64s(new long[] {1}, 5L), int64s(new long[] {1}, 0L),
        (1 << 22) + 1);
    assertEquals("graph 'main' sparse initializer 'S': 1 stored values would densify to 4194305"
        + " elements, more than 4194304 (at least 1 in 1024 must be stored)",
        refused(model(reluGraph().addSparseInitializer(s))));
    long allocated = Protos.allocatedBytes(() -> read(model(reluGraph().addSparseInitializer(s))));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void upTo4MebiElementsDensifyWhateverTheValues() {
    TensorProto.Builder none = TensorProto.newBuilder().setDataType(DataType.UINT8_VALUE)
        .addDims(0);
    Tensor dense = densified(sparse(none, int64s(new long[] {0}), 1 << 22));
    assertEquals(1 << 22, dense.size());
    assertEquals(0, dense.getLong((1 << 22) - 1));
  }

  @Test
  void aSparseInitializerWithoutANameIsRefused() {
    SparseTensorProto.Builder s = sparse(int64s(new long[] {0}), int64s(new long[] {0}), 4);
    s.getValuesBuilder().clearName();
    assertEquals("graph 'main' has a sparse initializer with no or a repeated name ''",
        refused(model(reluGraph().addSparseInitializer(s))));
  }

  @Test
  void aDenseShapeTooLargeForOneArrayIsRefused() {
    SparseTensorProto.Builder s = sparse(int64s(new long[] {0}), int64s(new long[] {0}),
        1L << 30);
    assertEquals("graph 'main' sparse initializer 'S': int64[1073741824] takes 8589934592 bytes,"
        + " more than one array holds (2147483639)",
        refused(model(reluGraph().addSparseInitializer(s))));
  }
}
