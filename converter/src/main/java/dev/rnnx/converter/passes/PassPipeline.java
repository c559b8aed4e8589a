package dev.rnnx.converter.passes;

import dev.rnnx.RnnxException;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.onnx.ModelFormatException;
import java.util.List;
import java.util.Objects;

/** Runs passes in order, each on the model the previous one returned. */
public final class PassPipeline {
  private final List<GraphPass> passes;

  /** @param passes the passes, in order */
  public PassPipeline(List<GraphPass> passes) {
    this.passes = List.copyOf(passes);
  }

  /** @return the passes, in order */
  public List<GraphPass> passes() {
    return passes;
  }

  /**
   * Runs every pass.
   *
   * @param model the model; its graph is rewritten in place
   * @return the model after the last pass
   * @throws RnnxException of the failing pass's kind, its message prefixed with
   *     {@code pass NAME: }
   */
  public IrModel run(IrModel model) {
    IrModel current = Objects.requireNonNull(model);
    for (GraphPass pass : passes) {
      try {
        current = Objects.requireNonNull(pass.apply(current), pass.name() + " returned null");
      } catch (ModelFormatException e) {
        throw new ModelFormatException(prefix(pass, e), e);
      } catch (RnnxException e) {
        throw new RnnxException(e.code(), prefix(pass, e), e);
      }
    }
    return current;
  }

  private static String prefix(GraphPass pass, RuntimeException e) {
    return "pass " + pass.name() + ": " + e.getMessage();
  }
}
