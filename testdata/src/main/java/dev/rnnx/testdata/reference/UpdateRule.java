package dev.rnnx.testdata.reference;

/** The {@code update_rule} attribute of {@code LinearAttention}. */
public enum UpdateRule {
  /** {@code S_t = S_{t-1} + k_t (x) v_t}. */
  LINEAR("linear"),
  /** {@code S_t = exp(g_t) * S_{t-1} + k_t (x) v_t}. */
  GATED("gated"),
  /** {@code S_t = S_{t-1} + beta_t * k_t (x) (v_t - S_{t-1}^T k_t)}. */
  DELTA("delta"),
  /**
   * {@code S_t = exp(g_t) * S_{t-1} + beta_t * k_t (x) (v_t - (exp(g_t) * S_{t-1})^T k_t)}: the
   * default.
   */
  GATED_DELTA("gated_delta");

  private final String onnxName;

  UpdateRule(String onnxName) {
    this.onnxName = onnxName;
  }

  /** @return the attribute's spelling */
  public String onnxName() {
    return onnxName;
  }

  /** @return whether the rule decays the state by {@code exp(decay)} each step */
  public boolean isGated() {
    return this == GATED || this == GATED_DELTA;
  }

  /** @return whether the rule writes the error {@code v - S^T k} scaled by {@code beta} */
  public boolean isDelta() {
    return this == DELTA || this == GATED_DELTA;
  }

  /**
   * @param attribute the attribute's value
   * @return the rule
   */
  public static UpdateRule parse(String attribute) {
    for (UpdateRule r : values()) {
      if (r.onnxName.equals(attribute)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown update_rule " + attribute);
  }
}
