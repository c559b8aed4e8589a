package dev.rnnx.testdata.zoo;

/** Which independent implementation computed a zoo model's golden outputs. */
public enum GoldenSource {
  /** ONNX Runtime's own Java API, run by {@link ZooGenerator}. */
  ONNX_RUNTIME("onnxruntime"),
  /**
   * The plain-Java reference kernels of {@link dev.rnnx.testdata.reference}, for models ONNX
   * Runtime cannot run (recurrent {@code layout=1}; opset-27 operators).
   */
  REFERENCE("reference");

  private final String label;

  GoldenSource(String label) {
    this.label = label;
  }

  /** @return the spelling used in {@code model.properties} and the README */
  public String label() {
    return label;
  }

  /**
   * @param label {@code onnxruntime} or {@code reference}
   * @return the source
   */
  public static GoldenSource parse(String label) {
    for (GoldenSource s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown golden source " + label);
  }
}
