package dev.rnnx.flink.serde;

import dev.rnnx.flink.RejectedFrame;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Tells Flink's type extraction to use {@link RecordTypes#REJECTED_FRAME} for
 * {@link RejectedFrame}.
 */
public final class RejectedFrameTypeInfoFactory extends TypeInfoFactory<RejectedFrame> {
  /** Made by Flink's type extraction. */
  public RejectedFrameTypeInfoFactory() {}

  @Override
  public TypeInformation<RejectedFrame> createTypeInfo(Type t,
      Map<String, TypeInformation<?>> genericParameters) {
    return RecordTypes.REJECTED_FRAME;
  }
}
