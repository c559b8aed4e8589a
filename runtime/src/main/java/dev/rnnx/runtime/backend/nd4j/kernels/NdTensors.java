package dev.rnnx.runtime.backend.nd4j.kernels;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.EnumMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies between RNNX {@link Tensor}s and ND4J arrays; both hold little-endian packed data.
 * ONNX's 8- and 4-bit floats and 4- and 2-bit integers have no ND4J type: they are carried as
 * float (decoded values) and int8/uint8 arrays, and encoded again where a graph output
 * declares such a type.
 */
public final class NdTensors {
  private static final Map<ElementType, DataType> TYPES = new EnumMap<>(Map.ofEntries(
      Map.entry(ElementType.FLOAT, DataType.FLOAT), Map.entry(ElementType.DOUBLE, DataType.DOUBLE),
      Map.entry(ElementType.FLOAT16, DataType.HALF),
      Map.entry(ElementType.BFLOAT16, DataType.BFLOAT16),
      Map.entry(ElementType.INT8, DataType.BYTE), Map.entry(ElementType.UINT8, DataType.UBYTE),
      Map.entry(ElementType.INT16, DataType.SHORT),
      Map.entry(ElementType.UINT16, DataType.UINT16), Map.entry(ElementType.INT32, DataType.INT),
      Map.entry(ElementType.UINT32, DataType.UINT32), Map.entry(ElementType.INT64, DataType.LONG),
      Map.entry(ElementType.UINT64, DataType.UINT64), Map.entry(ElementType.BOOL, DataType.BOOL)));

  private static final Map<ElementType, DataType> CARRIERS = new EnumMap<>(Map.of(
      ElementType.FLOAT8E4M3FN, DataType.FLOAT, ElementType.FLOAT8E4M3FNUZ, DataType.FLOAT,
      ElementType.FLOAT8E5M2, DataType.FLOAT, ElementType.FLOAT8E5M2FNUZ, DataType.FLOAT,
      ElementType.FLOAT8E8M0, DataType.FLOAT, ElementType.FLOAT4E2M1, DataType.FLOAT,
      ElementType.INT4, DataType.BYTE, ElementType.INT2, DataType.BYTE,
      ElementType.UINT4, DataType.UBYTE, ElementType.UINT2, DataType.UBYTE));

  private NdTensors() {}

  /** @return true for the types carried in a wider ND4J type */
  public static boolean isCarried(ElementType type) {
    return CARRIERS.containsKey(type);
  }

  /** @return the ND4J type that holds values of an element type */
  public static DataType holder(ElementType type) {
    DataType carrier = CARRIERS.get(type);
    return carrier != null ? carrier : dataType(type);
  }

  /** @return the ND4J type of an element type */
  public static DataType dataType(ElementType type) {
    DataType t = TYPES.get(type);
    if (t == null) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "the nd4j backend has no " + type
          + " tensors (supported: " + TYPES.keySet() + ")");
    }
    return t;
  }

  /** @return the element type of an ND4J type */
  public static ElementType elementType(DataType type) {
    for (Map.Entry<ElementType, DataType> e : TYPES.entrySet()) {
      if (e.getValue() == type) {
        return e.getKey();
      }
    }
    throw new RnnxException(ErrorCode.UNSUPPORTED, "ND4J type " + type + " has no ONNX type");
  }

  /** @return a new native array holding a copy of the tensor (carried types decoded) */
  public static INDArray toNd4j(Tensor t) {
    if (isCarried(t.type())) {
      return NdArrays.of(holder(t.type()), t.shape(), t.toDoubleArray());
    }
    return NdArrays.fromBytes(dataType(t.type()), t.shape(), t.toBytes());
  }

  /** @return a tensor holding a copy of the array */
  public static Tensor fromNd4j(INDArray a) {
    return Tensor.fromBytes(elementType(a.dataType()), a.shape(), NdArrays.bytes(a));
  }

  /**
   * @param a an array
   * @param declared the type the graph declares for it, or null when unknown
   * @return a tensor of the declared type: carried values encoded back into it
   */
  public static Tensor fromNd4j(INDArray a, ElementType declared) {
    if (declared != null && isCarried(declared) && a.dataType() == holder(declared)) {
      return Tensor.ofDoubles(declared, NdArrays.doubles(a), a.shape());
    }
    return fromNd4j(a);
  }
}
