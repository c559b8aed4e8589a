package dev.rnnx.converter.passes;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.ir.Dim;
import dev.rnnx.converter.ir.Graph;
import dev.rnnx.converter.ir.IrModel;
import dev.rnnx.converter.ir.ValueInfo;
import dev.rnnx.converter.ir.ValueType;
import dev.rnnx.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns graph inputs into constants: each bound input leaves the input list and its value
 * becomes an initializer, so that folding and pruning can use it. The value must fit the
 * input's declared type: the same element type, the same rank, equal fixed dims, and one size
 * for each symbol.
 */
public final class InputBinding implements GraphPass {
  private final Map<String, Tensor> values;

  /** @param values the value to bind each input to, by input name */
  public InputBinding(Map<String, Tensor> values) {
    this.values = new LinkedHashMap<>(values);
  }

  @Override
  public String name() {
    return "input-binding";
  }

  @Override
  public IrModel apply(IrModel model) {
    IrModel current = model;
    for (Map.Entry<String, Tensor> e : values.entrySet()) {
      current = bindConstant(current, e.getKey(), e.getValue());
    }
    return current;
  }

  /**
   * Binds one graph input to a constant.
   *
   * @param model the model; its main graph is changed in place
   * @param inputName the graph input to bind
   * @param value its value from now on
   * @return the model to continue with (lifted to IR 4 when it was older)
   * @throws RnnxException with {@link ErrorCode#INVALID_ARGUMENT} when there is no such input
   *     (the message lists the valid names) or the value does not fit its declared type
   */
  public static IrModel bindConstant(IrModel model, String inputName, Tensor value) {
    Graph g = model.graph();
    Optional<ValueInfo> input = g.input(inputName);
    if (input.isEmpty()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "no graph input named '" + inputName
          + "'; the inputs are " + g.inputs().stream().map(ValueInfo::name).toList());
    }
    checkFits(input.get(), value);
    g.inputs().remove(input.get());
    g.initializers().put(inputName, value);
    return IrUpgrade.allowConstantInitializers(model);
  }

  private static void checkFits(ValueInfo input, Tensor value) {
    ValueType declared = input.type();
    if (declared == null) {
      return;
    }
    String what = "input '" + input.name() + "' is declared " + declared + ", cannot bind "
        + value.describe();
    if (!(declared instanceof ValueType.TensorType t)) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, what + ": not a tensor input");
    }
    if (t.elementType() != value.type()) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, what + ": element types differ");
    }
    if (t.shape() == null) {
      return;
    }
    long[] shape = value.shape();
    List<Dim> dims = t.shape().dims();
    if (dims.size() != shape.length) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, what + ": ranks differ");
    }
    Map<String, Long> symbols = new HashMap<>();
    for (int i = 0; i < shape.length; i++) {
      Dim d = dims.get(i);
      long size = shape[i];
      boolean fits = d instanceof Dim.Fixed f ? f.size() == size
          : !(d instanceof Dim.Symbolic sym)
              || symbols.computeIfAbsent(sym.name(), k -> size) == size;
      if (!fits) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, what + ": dim " + i + " is "
            + d + " but the value has shape " + Arrays.toString(shape));
      }
    }
  }
}
