package dev.rnnx.converter.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The naming conventions by which exporters pair state inputs with next-state outputs:
 * {@code h/hn}, {@code c/cn}, {@code state/stateN}, {@code *_in/*_out}, {@code *_prev/*_next},
 * {@code past_*}/{@code present_*}, {@code initial_h/Y_h}, {@code h0/hn}, {@code h0/h_final} and
 * the like.
 */
final class StateNaming {
  private static final String[][] SUFFIXES = {
      {"_in", "_out"}, {".in", ".out"}, {"_prev", "_next"}, {".prev", ".next"},
      {"_previous", "_next"}, {"_old", "_new"}, {"_0", "_n"}, {"0", "n"}, {"_t", "_t1"},
      {"0", "_final"}, {"_0", "_final"}, {"_init", "_final"}, {"_initial", "_final"},
      {"initial_h", "Y_h"}, {"initial_c", "Y_c"}};
  private static final String[][] PREFIXES = {
      {"past_", "present_"}, {"past.", "present."}, {"in_", "out_"}, {"prev_", "next_"},
      {"initial_", "final_"}, {"input_", "output_"}};
  /** Inputs whose names suggest state even when no partner matches. */
  private static final Pattern LOOKS_LIKE_STATE = Pattern.compile(
      "(?i)(h|c|h0|c0|hx|cx|state|states|hidden|cell|memory|mem)(_\\w+)?"
          + "|.*(_in|_prev|_state|_hidden|initial_[hc]|_h0|_c0)|past_.*|.*\\.(in|prev|state)");

  private StateNaming() {}

  /** @return the output names a state input of this name is conventionally paired with */
  static List<String> partnersOf(String input) {
    List<String> names = new ArrayList<>();
    names.add(input + "n");
    names.add(input + "N");
    names.add(input + "_n");
    names.add(input + "_out");
    names.add(input + "_next");
    names.add(input + "_new");
    for (String[] s : SUFFIXES) {
      if (input.endsWith(s[0]) && input.length() > s[0].length() - 1) {
        names.add(input.substring(0, input.length() - s[0].length()) + s[1]);
      }
    }
    for (String[] p : PREFIXES) {
      if (input.startsWith(p[0]) && input.length() > p[0].length()) {
        names.add(p[1] + input.substring(p[0].length()));
      }
    }
    return names.stream().distinct().filter(n -> !n.equals(input)).toList();
  }

  /** @return true when the input's name suggests it carries state */
  static boolean looksLikeState(String input) {
    return LOOKS_LIKE_STATE.matcher(input).matches();
  }
}
