package dev.rnnx.converter.onnx;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.onnx.proto.OnnxProto.OptionalProto;
import dev.rnnx.onnx.proto.OnnxProto.SequenceProto;
import dev.rnnx.onnx.proto.OnnxProto.TensorProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the value files of ONNX backend test cases. As ONNX's own test runner does, the type
 * the model declares for the value decides how a file is parsed: a {@code SequenceProto} for a
 * sequence, an {@code OptionalProto} for an optional, a {@code TensorProto} otherwise. Maps and
 * sparse tensors, which ONNX's runner does not read either, are refused.
 */
public final class TestValueProtos {
  private TestValueProtos() {}

  /**
   * @param file a {@code .pb} value file
   * @param declared the type the model declares for the value, or null when it does not say
   *     (read as a tensor then)
   * @return the value
   * @throws ModelFormatException when the file does not hold a valid value of that kind
   * @throws RnnxException with code UNSUPPORTED for maps and sparse tensors
   */
  public static TestValue readFile(Path file, ValueType declared) {
    ExternalData external = new ExternalData(file.getParent());
    try (InputStream in = Files.newInputStream(file)) {
      if (declared instanceof ValueType.SequenceType) {
        return sequence(SequenceProto.parseFrom(in), external);
      }
      if (declared instanceof ValueType.OptionalType) {
        return optional(OptionalProto.parseFrom(in), external);
      }
      if (declared == null || declared instanceof ValueType.TensorType) {
        return new TestValue.TensorValue(
            TensorProtos.fromProto(TensorProto.parseFrom(in), external));
      }
      throw new RnnxException(ErrorCode.UNSUPPORTED, file + ": " + declared
          + " values are not supported (only tensors, sequences and optionals)");
    } catch (IOException e) {
      throw new ModelFormatException(file + ": not a " + protoName(declared) + ": "
          + e.getMessage(), e);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e);
    }
  }

  private static String protoName(ValueType declared) {
    if (declared instanceof ValueType.SequenceType) {
      return "SequenceProto";
    }
    return declared instanceof ValueType.OptionalType ? "OptionalProto" : "TensorProto";
  }

  private static TestValue sequence(SequenceProto p, ExternalData external) {
    List<TestValue> elements = new ArrayList<>();
    p.getTensorValuesList().forEach(t ->
        elements.add(new TestValue.TensorValue(TensorProtos.fromProto(t, external))));
    p.getSequenceValuesList().forEach(s -> elements.add(sequence(s, external)));
    p.getOptionalValuesList().forEach(o -> elements.add(optional(o, external)));
    if (p.getMapValuesCount() > 0 || p.getSparseTensorValuesCount() > 0) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "sequences of maps or sparse tensors are"
          + " not supported");
    }
    int kinds = (p.getTensorValuesCount() > 0 ? 1 : 0) + (p.getSequenceValuesCount() > 0 ? 1 : 0)
        + (p.getOptionalValuesCount() > 0 ? 1 : 0);
    if (kinds > 1) {
      throw new ModelFormatException("a SequenceProto mixes tensors, sequences and optionals");
    }
    return new TestValue.SequenceValue(elements);
  }

  private static TestValue optional(OptionalProto p, ExternalData external) {
    if (p.hasMapValue() || p.hasSparseTensorValue()) {
      throw new RnnxException(ErrorCode.UNSUPPORTED, "optional maps or sparse tensors are not"
          + " supported");
    }
    if (p.hasTensorValue()) {
      return new TestValue.OptionalValue(
          new TestValue.TensorValue(TensorProtos.fromProto(p.getTensorValue(), external)));
    }
    if (p.hasSequenceValue()) {
      return new TestValue.OptionalValue(sequence(p.getSequenceValue(), external));
    }
    if (p.hasOptionalValue()) {
      return new TestValue.OptionalValue(optional(p.getOptionalValue(), external));
    }
    return new TestValue.OptionalValue(null);
  }
}
