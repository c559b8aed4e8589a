package dev.rnnx.converter.streaming;

/**
 * A graph input that carries hidden state and the graph output that carries its next value.
 *
 * @param input the state input, e.g. {@code h}
 * @param output the next-state output, e.g. {@code hn}
 */
public record StatePair(String input, String output) {
  @Override
  public String toString() {
    return input + "=" + output;
  }
}
