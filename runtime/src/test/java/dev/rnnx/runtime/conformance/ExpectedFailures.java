package dev.rnnx.runtime.conformance;

import dev.rnnx.runtime.BackendChoice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The node-test cases a backend is known to fail, and why: the test resource
 * {@code conformance/<backend>-expected-failures.txt}, one {@code case<TAB>reason} per line
 * ({@code #} comments and blank lines aside). A backend is checked against the node tests
 * exactly when it has such a file, so adding one enables a new backend.
 *
 * @param backend the backend
 * @param resource the file's resource name, for messages
 * @param reasons why each listed case fails, by case name
 */
record ExpectedFailures(BackendChoice backend, String resource, Map<String, String> reasons) {
  /** Copies the reasons. */
  ExpectedFailures {
    reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
  }

  /** @return the expectations of every backend that has a file, in BackendChoice order */
  static List<ExpectedFailures> ofEveryBackend() {
    List<ExpectedFailures> all = new ArrayList<>();
    for (BackendChoice b : BackendChoice.values()) {
      String resource = "/conformance/" + b.cliName() + "-expected-failures.txt";
      try (InputStream in = ExpectedFailures.class.getResourceAsStream(resource)) {
        if (in != null) {
          all.add(parse(b, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(resource, e);
      }
    }
    return all;
  }

  /**
   * @param backend the backend
   * @param resource the file's name, for messages
   * @param text the file's text
   * @return its expectations
   * @throws IllegalArgumentException naming the line of a malformed or repeated entry
   */
  static ExpectedFailures parse(BackendChoice backend, String resource, String text) {
    Map<String, String> reasons = new LinkedHashMap<>();
    List<String> lines = Arrays.asList(text.split("\n", -1));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = lines.get(i).split("\t", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new IllegalArgumentException(resource + ":" + (i + 1)
            + ": expected case<TAB>reason, got '" + line + "'");
      }
      if (reasons.put(parts[0].strip(), parts[1].strip()) != null) {
        throw new IllegalArgumentException(resource + ":" + (i + 1) + ": " + parts[0].strip()
            + " is listed twice");
      }
    }
    return new ExpectedFailures(backend, resource, reasons);
  }

  /** @return why a case is expected to fail, or null when it is expected to pass */
  String reason(String name) {
    return reasons.get(Objects.requireNonNull(name));
  }
}
