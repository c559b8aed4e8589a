package dev.rnnx.flink.serde;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rnnx.flink.Frame;
import dev.rnnx.flink.RejectedFrame;
import dev.rnnx.flink.StepOutput;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer test suite over each record serializer, and Flink's type extraction
 * finding them.
 */
class RecordSerializerTests {
  @Test
  void typeExtractionUsesTheRecordSerializersNotKryo() {
    SerializerConfigImpl config = new SerializerConfigImpl();
    config.setGenericTypes(false);
    assertSame(FrameSerializer.INSTANCE, TypeInformation.of(Frame.class).createSerializer(config));
    assertSame(StepOutputSerializer.INSTANCE,
        TypeInformation.of(StepOutput.class).createSerializer(config));
    assertSame(RejectedFrameSerializer.INSTANCE,
        TypeInformation.of(RejectedFrame.class).createSerializer(config));
  }

  private static Map<String, Tensor> tensors(int seed) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("X", Tensor.of(new float[] {seed, -1.5f, 2, 0.25f}, 1, 1, 4));
    m.put("lens", Tensor.of(new int[] {seed}, 1));
    m.put("scalar", Tensor.scalar(seed * 0.5));
    m.put("empty", Tensor.zeros(ElementType.FLOAT16, 0, 3));
    m.put("words", Tensor.of(new String[] {"ä", "", "long ".repeat(20)}, 3));
    return m;
  }

  @Nested
  class FrameSerializerTest extends SerializerTestBase<Frame> {
    @Override
    protected TypeSerializer<Frame> createSerializer() {
      return FrameSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
      return -1;
    }

    @Override
    protected Class<Frame> getTypeClass() {
      return Frame.class;
    }

    @Override
    protected Frame[] getTestData() {
      return new Frame[] {new Frame("mic-1", tensors(1)), new Frame("", Map.of()),
          Frame.of("käy", "X", Tensor.of(new float[] {1, 2}, 2))};
    }
  }

  @Nested
  class StepOutputSerializerTest extends SerializerTestBase<StepOutput> {
    @Override
    protected TypeSerializer<StepOutput> createSerializer() {
      return StepOutputSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
      return -1;
    }

    @Override
    protected Class<StepOutput> getTypeClass() {
      return StepOutput.class;
    }

    @Override
    protected StepOutput[] getTestData() {
      return new StepOutput[] {new StepOutput("a", 0, tensors(2), Map.of()),
          new StepOutput("b", Long.MAX_VALUE, tensors(3), tensors(4))};
    }
  }

  @Nested
  class RejectedFrameSerializerTest extends SerializerTestBase<RejectedFrame> {
    @Override
    protected TypeSerializer<RejectedFrame> createSerializer() {
      return RejectedFrameSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
      return -1;
    }

    @Override
    protected Class<RejectedFrame> getTypeClass() {
      return RejectedFrame.class;
    }

    @Override
    protected RejectedFrame[] getTestData() {
      return new RejectedFrame[] {new RejectedFrame("a", tensors(5), "input 'X' expects ..."),
          new RejectedFrame("b", Map.of(), "")};
    }
  }
}
