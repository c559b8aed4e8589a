package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.runtime.Model;
import dev.rnnx.runtime.TensorSpec;
import dev.rnnx.tensor.ElementType;
import dev.rnnx.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code --constant NAME=VALUE_OR_FILE}: a scalar typed as the input declares, or a file. */
public final class ConstantValues {
  private ConstantValues() {}

  /**
   * @param assignments {@code NAME=VALUE} or {@code NAME=FILE} strings
   * @param model the model whose inputs are bound
   * @return the constant tensors by input name, in argument order
   * @throws RnnxException (INVALID_ARGUMENT) for a malformed assignment, an unknown input or a
   *     value of the wrong type
   */
  public static Map<String, Tensor> parse(List<String> assignments, Model model) {
    Map<String, Tensor> constants = new LinkedHashMap<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT,
            "--constant expects NAME=VALUE or NAME=FILE, got '" + a + "'");
      }
      String name = a.substring(0, eq);
      String value = a.substring(eq + 1);
      TensorSpec spec = model.inputs().stream().filter(s -> s.name().equals(name)).findFirst()
          .orElseThrow(() -> new RnnxException(ErrorCode.INVALID_ARGUMENT, "--constant "
              + name + ": the model has no input '" + name + "' (inputs: "
              + String.join(", ", model.inputs().stream().map(TensorSpec::name).toList())
              + ")"));
      Path file = Path.of(value);
      constants.put(name, Files.isRegularFile(file) ? TensorFiles.read(file)
          : scalar(name, value, spec));
    }
    return constants;
  }

  private static Tensor scalar(String name, String text, TensorSpec spec) {
    ElementType type = spec.type() == null ? ElementType.FLOAT : spec.type();
    long[] shape = spec.dims() == null ? new long[0] : new long[spec.dims().size()];
    java.util.Arrays.fill(shape, 1);
    try {
      if (type == ElementType.STRING) {
        return Tensor.of(new String[] {text}, shape);
      }
      if (type == ElementType.BOOL) {
        return Tensor.ofLongs(type, new long[] {Boolean.parseBoolean(text) ? 1 : 0}, shape);
      }
      if (type.isInteger()) {
        return Tensor.ofLongs(type, new long[] {Long.parseLong(text)}, shape);
      }
      return Tensor.ofDoubles(type, new double[] {Double.parseDouble(text)}, shape);
    } catch (NumberFormatException e) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "--constant " + name + ": '" + text
          + "' is neither a file nor a " + type + " value (input " + spec.describe() + ")");
    }
  }
}
