package dev.rnnx.testdata.builder;

/**
 * The IR version a model gets by default: the one ONNX released together with the model's
 * default-domain opset (the table of {@code onnx.helper.VERSION_TABLE}), so that a model built
 * for opset N is what an exporter targeting opset N would write.
 */
public final class IrVersions {
  private IrVersions() {}

  /**
   * @param opset a default-domain opset version, at least 1
   * @return the matching IR version
   */
  public static long forOpset(long opset) {
    if (opset < 1) {
      throw new IllegalArgumentException("opset versions start at 1, got " + opset);
    }
    if (opset <= 8) {
      return 3;
    } else if (opset <= 9) {
      return 4;
    } else if (opset <= 10) {
      return 5;
    } else if (opset <= 11) {
      return 6;
    } else if (opset <= 14) {
      return 7;
    } else if (opset <= 18) {
      return 8;
    } else if (opset <= 20) {
      return 9;
    } else if (opset <= 22) {
      return 10;
    } else if (opset <= 23) {
      return 11;
    } else if (opset <= 24) {
      return 12;
    }
    return 13;
  }
}
