package dev.rnnx.converter.onnx;

import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Shape;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.onnx.proto.OnnxProto.TensorShapeProto;
import dev.rnnx.onnx.proto.OnnxProto.TypeProto;
import dev.rnnx.tensor.ElementType;
import java.util.ArrayList;
import java.util.List;

/** Converts between ONNX {@code TypeProto}s and {@link ValueType}s. */
final class TypeProtos {
  private TypeProtos() {}

  /** @return the type, or null for a type proto with no value set */
  static ValueType fromProto(TypeProto t, String what) {
    return switch (t.getValueCase()) {
      case TENSOR_TYPE -> ValueType.tensor(
          element(t.getTensorType().getElemType(), what),
          t.getTensorType().hasShape() ? shape(t.getTensorType().getShape(), what) : null);
      case SPARSE_TENSOR_TYPE -> new ValueType.SparseTensorType(
          element(t.getSparseTensorType().getElemType(), what),
          t.getSparseTensorType().hasShape()
              ? shape(t.getSparseTensorType().getShape(), what) : null);
      case SEQUENCE_TYPE -> new ValueType.SequenceType(
          t.getSequenceType().hasElemType()
              ? fromProto(t.getSequenceType().getElemType(), what) : null);
      case OPTIONAL_TYPE -> new ValueType.OptionalType(
          t.getOptionalType().hasElemType()
              ? fromProto(t.getOptionalType().getElemType(), what) : null);
      case MAP_TYPE -> new ValueType.MapType(
          element(t.getMapType().getKeyType(), what),
          t.getMapType().hasValueType() ? fromProto(t.getMapType().getValueType(), what) : null);
      case OPAQUE_TYPE -> new ValueType.OpaqueType(
          t.getOpaqueType().getDomain(), t.getOpaqueType().getName());
      case VALUE_NOT_SET -> null;
    };
  }

  private static ElementType element(int code, String what) {
    return ElementType.fromOnnx(code).orElseThrow(() -> new ModelFormatException(
        what + " has unknown element type " + code));
  }

  private static Shape shape(TensorShapeProto s, String what) {
    List<Dim> dims = new ArrayList<>();
    for (TensorShapeProto.Dimension d : s.getDimList()) {
      switch (d.getValueCase()) {
        case DIM_VALUE -> {
          if (d.getDimValue() < 0) {
            throw new ModelFormatException(what + " has negative dimension " + d.getDimValue());
          }
          dims.add(Dim.of(d.getDimValue()));
        }
        case DIM_PARAM -> dims.add(d.getDimParam().isEmpty() ? Dim.UNKNOWN
            : Dim.of(d.getDimParam()));
        case VALUE_NOT_SET -> dims.add(Dim.UNKNOWN);
      }
    }
    return new Shape(dims);
  }

  static TypeProto toProto(ValueType type) {
    TypeProto.Builder b = TypeProto.newBuilder();
    if (type instanceof ValueType.TensorType t) {
      TypeProto.Tensor.Builder tb = TypeProto.Tensor.newBuilder()
          .setElemType(t.elementType().onnxCode());
      if (t.shape() != null) {
        tb.setShape(shapeProto(t.shape()));
      }
      b.setTensorType(tb);
    } else if (type instanceof ValueType.SparseTensorType t) {
      TypeProto.SparseTensor.Builder tb = TypeProto.SparseTensor.newBuilder()
          .setElemType(t.elementType().onnxCode());
      if (t.shape() != null) {
        tb.setShape(shapeProto(t.shape()));
      }
      b.setSparseTensorType(tb);
    } else if (type instanceof ValueType.SequenceType t) {
      TypeProto.Sequence.Builder sb = TypeProto.Sequence.newBuilder();
      if (t.elementType() != null) {
        sb.setElemType(toProto(t.elementType()));
      }
      b.setSequenceType(sb);
    } else if (type instanceof ValueType.OptionalType t) {
      TypeProto.Optional.Builder ob = TypeProto.Optional.newBuilder();
      if (t.elementType() != null) {
        ob.setElemType(toProto(t.elementType()));
      }
      b.setOptionalType(ob);
    } else if (type instanceof ValueType.MapType t) {
      TypeProto.Map.Builder mb = TypeProto.Map.newBuilder().setKeyType(t.keyType().onnxCode());
      if (t.valueType() != null) {
        mb.setValueType(toProto(t.valueType()));
      }
      b.setMapType(mb);
    } else if (type instanceof ValueType.OpaqueType t) {
      b.setOpaqueType(TypeProto.Opaque.newBuilder().setDomain(t.domain()).setName(t.name()));
    }
    return b.build();
  }

  private static TensorShapeProto shapeProto(Shape shape) {
    TensorShapeProto.Builder sb = TensorShapeProto.newBuilder();
    for (Dim d : shape.dims()) {
      TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Dim.Fixed f) {
        db.setDimValue(f.size());
      } else if (d instanceof Dim.Symbolic s) {
        db.setDimParam(s.name());
      }
      sb.addDim(db);
    }
    return sb.build();
  }
}
