package dev.rnnx.flink.job;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The order a source emits the frames of many streams in: round t holds frame t of every stream
 * that has one, so streams advance together and the step operator sees many keys at once while
 * each stream's frames stay in order. Maps a source index 0..total-1 to (stream, frame) without
 * listing the frames.
 */
final class RoundRobinOrder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Which frame of which stream a source index is. */
  record Position(int stream, int frame) {}

  private final int[] byLength; // stream indices, longest first (ties by index)
  private final long[] roundStart; // index of the first frame of each round; one past the end

  /** @param frames each stream's frame count, by stream index */
  RoundRobinOrder(int[] frames) {
    this.byLength = IntStream.range(0, frames.length).boxed()
        .sorted(Comparator.comparingInt((Integer s) -> -frames[s]).thenComparing(s -> s))
        .mapToInt(Integer::intValue).toArray();
    int rounds = frames.length == 0 ? 0 : frames[byLength[0]];
    this.roundStart = new long[rounds + 1];
    int alive = frames.length;
    for (int t = 0; t < rounds; t++) {
      while (alive > 0 && frames[byLength[alive - 1]] <= t) {
        alive--;
      }
      roundStart[t + 1] = roundStart[t] + alive;
    }
  }

  /** @return the number of frames of all streams together */
  long total() {
    return roundStart[roundStart.length - 1];
  }

  /**
   * @param index a source index below {@link #total()}
   * @return the stream and frame it stands for
   */
  Position at(long index) {
    if (index < 0 || index >= total()) {
      throw new IndexOutOfBoundsException("index " + index + " of " + total() + " frames");
    }
    int found = Arrays.binarySearch(roundStart, index); // strictly increasing: no round is empty
    int round = found >= 0 ? found : -found - 2;
    return new Position(byLength[(int) (index - roundStart[round])], round);
  }
}
