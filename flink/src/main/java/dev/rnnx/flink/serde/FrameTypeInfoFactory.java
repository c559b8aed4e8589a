package dev.rnnx.flink.serde;

import dev.rnnx.flink.Frame;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction to use {@link RecordTypes#FRAME} for {@link Frame}. */
public final class FrameTypeInfoFactory extends TypeInfoFactory<Frame> {
  /** Made by Flink's type extraction. */
  public FrameTypeInfoFactory() {}

  @Override
  public TypeInformation<Frame> createTypeInfo(Type t,
      Map<String, TypeInformation<?>> genericParameters) {
    return RecordTypes.FRAME;
  }
}
