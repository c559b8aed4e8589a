package dev.rnnx.runtime.backend.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Copies tensors between RNNX {@link Tensor}s and ONNX Runtime {@link OnnxTensor}s. */
final class OrtTensors {
  private static final Map<ElementType, OnnxJavaType> JAVA_TYPES = javaTypes();

  private OrtTensors() {}

  /** In ElementType order, so that messages listing them read the same every run. */
  private static Map<ElementType, OnnxJavaType> javaTypes() {
    Map<ElementType, OnnxJavaType> m = new EnumMap<>(ElementType.class);
    m.put(ElementType.FLOAT, OnnxJavaType.FLOAT);
    m.put(ElementType.DOUBLE, OnnxJavaType.DOUBLE);
    m.put(ElementType.INT8, OnnxJavaType.INT8);
    m.put(ElementType.INT16, OnnxJavaType.INT16);
    m.put(ElementType.INT32, OnnxJavaType.INT32);
    m.put(ElementType.INT64, OnnxJavaType.INT64);
    m.put(ElementType.BOOL, OnnxJavaType.BOOL);
    m.put(ElementType.UINT8, OnnxJavaType.UINT8);
    m.put(ElementType.FLOAT16, OnnxJavaType.FLOAT16);
    m.put(ElementType.BFLOAT16, OnnxJavaType.BFLOAT16);
    return m;
  }

  /**
   * Wraps a copy of {@code t} as a native tensor. Numeric data is copied into {@code staging}
   * (or a larger replacement, returned through {@code holder}), which the tensor uses without
   * another copy; the caller closes the tensor before reusing the buffer.
   */
  static OnnxTensor toOrt(OrtEnvironment env, Tensor t, ByteBuffer[] holder)
      throws OrtException {
    if (t.type() == ElementType.STRING) {
      return OnnxTensor.createTensor(env, t.strings().toArray(String[]::new), t.shape());
    }
    OnnxJavaType javaType = JAVA_TYPES.get(t.type());
    if (javaType == null) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "ONNX Runtime's Java API cannot take "
          + t.type() + " inputs (supported: " + JAVA_TYPES.keySet() + ", string)");
    }
    ByteBuffer data = t.data();
    ByteBuffer staging = holder[0];
    if (staging == null || staging.capacity() < data.remaining()) {
      staging = ByteBuffer.allocateDirect(Math.max(data.remaining(), 16))
          .order(ByteOrder.LITTLE_ENDIAN);
      holder[0] = staging;
    }
    staging.clear();
    staging.put(data).flip();
    return OnnxTensor.createTensor(env, staging, t.shape(), javaType);
  }

  /** @return a copy of a native tensor's contents */
  static Tensor fromOrt(OnnxTensor t) throws OrtException {
    TensorInfo info = t.getInfo();
    long[] shape = info.getShape();
    ElementType type = elementType(info.onnxType);
    if (type == ElementType.STRING) {
      List<String> flat = new ArrayList<>();
      flattenStrings(t.getValue(), flat);
      return Tensor.of(flat.toArray(String[]::new), shape);
    }
    ByteBuffer bytes = t.getByteBuffer(); // a fresh copy made for this call
    if (bytes.hasArray() && bytes.arrayOffset() == 0 && bytes.position() == 0
        && bytes.remaining() == bytes.array().length) {
      return Tensor.adopt(type, shape, bytes.array());
    }
    byte[] data = new byte[bytes.remaining()];
    bytes.get(data);
    return Tensor.adopt(type, shape, data);
  }

  /** ONNX Runtime's Java enum numbers types its own way; its names follow ONNX's. */
  private static ElementType elementType(TensorInfo.OnnxTensorType ortType) {
    String name = ortType.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length());
    try {
      return ElementType.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "ONNX Runtime returned element type "
          + ortType, e);
    }
  }

  private static void flattenStrings(Object value, List<String> out) {
    if (value instanceof String s) {
      out.add(s);
    } else {
      for (int i = 0; i < Array.getLength(value); i++) {
        flattenStrings(Array.get(value, i), out);
      }
    }
  }
}
