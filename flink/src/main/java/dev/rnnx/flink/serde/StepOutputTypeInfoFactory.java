package dev.rnnx.flink.serde;

import dev.rnnx.flink.StepOutput;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction to use {@link RecordTypes#STEP_OUTPUT} for {@link StepOutput}. */
public final class StepOutputTypeInfoFactory extends TypeInfoFactory<StepOutput> {
  /** Made by Flink's type extraction. */
  public StepOutputTypeInfoFactory() {}

  @Override
  public TypeInformation<StepOutput> createTypeInfo(Type t,
      Map<String, TypeInformation<?>> genericParameters) {
    return RecordTypes.STEP_OUTPUT;
  }
}
