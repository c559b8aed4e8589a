package dev.rnnx.flink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames waiting to be stepped, several per key possible, each key's in arrival order. Drained
 * as rounds: round r holds the r-th waiting frame of every key that has one, so a round never
 * names a key twice and can go to the batcher in one call.
 */
final class FrameBuffer {
  /** A buffered frame and the timestamp of its record. */
  record Pending(Frame frame, boolean hasTimestamp, long timestamp) {}

  private final Map<String, ArrayDeque<Pending>> byKey = new LinkedHashMap<>();
  private int size;

  void add(Pending pending) {
    byKey.computeIfAbsent(pending.frame().key(), k -> new ArrayDeque<>()).add(pending);
    size++;
  }

  /** @return the number of frames waiting */
  int size() {
    return size;
  }

  /** @return every waiting frame as rounds of distinct keys, each key's frames in order */
  List<Map<String, Pending>> drainRounds() {
    List<Map<String, Pending>> rounds = new ArrayList<>();
    for (Map.Entry<String, ArrayDeque<Pending>> e : byKey.entrySet()) {
      int r = 0;
      for (Pending p : e.getValue()) {
        if (rounds.size() == r) {
          rounds.add(new LinkedHashMap<>());
        }
        rounds.get(r++).put(e.getKey(), p);
      }
    }
    byKey.clear();
    size = 0;
    return rounds;
  }
}
