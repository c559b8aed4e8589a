package dev.rnnx.testdata.reference;

import java.util.Locale;

/** The {@code direction} attribute of LSTM, GRU and RNN. */
public enum Direction {
  /** One direction, first to last step. */
  FORWARD,
  /** One direction, last to first step. */
  REVERSE,
  /** Both: direction 0 forward, direction 1 reverse. */
  BIDIRECTIONAL;

  /** @return 2 for bidirectional, else 1: the {@code num_directions} of the spec */
  public int count() {
    return this == BIDIRECTIONAL ? 2 : 1;
  }

  /**
   * @param index a direction index, below {@link #count()}
   * @return true when that direction walks the sequence from its end
   */
  public boolean isReverse(int index) {
    return this == REVERSE || (this == BIDIRECTIONAL && index == 1);
  }

  /** @return the attribute's spelling, e.g. {@code bidirectional} */
  public String onnxName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param attribute {@code forward}, {@code reverse} or {@code bidirectional}
   * @return the direction
   */
  public static Direction parse(String attribute) {
    return switch (attribute) {
      case "forward" -> FORWARD;
      case "reverse" -> REVERSE;
      case "bidirectional" -> BIDIRECTIONAL;
      default -> throw new IllegalArgumentException("unknown direction " + attribute);
    };
  }
}
