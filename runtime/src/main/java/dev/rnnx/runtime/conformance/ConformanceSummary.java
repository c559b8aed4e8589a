package dev.rnnx.runtime.conformance;

import java.util.List;

/**
 * How many cases passed, failed and were skipped.
 *
 * @param passed cases that passed
 * @param failed cases that failed
 * @param skipped cases that could not be judged
 */
public record ConformanceSummary(int passed, int failed, int skipped) {
  /**
   * @param results some results
   * @return their counts
   */
  public static ConformanceSummary of(List<CaseResult> results) {
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    for (CaseResult r : results) {
      switch (r.outcome()) {
        case PASSED -> passed++;
        case FAILED -> failed++;
        case SKIPPED -> skipped++;
      }
    }
    return new ConformanceSummary(passed, failed, skipped);
  }

  /** @return every case counted */
  public int total() {
    return passed + failed + skipped;
  }

  /** @return {@code N passed, N failed, N skipped} */
  @Override
  public String toString() {
    return passed + " passed, " + failed + " failed, " + skipped + " skipped";
  }
}
