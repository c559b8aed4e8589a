package dev.rnnx.converter.onnx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which operators each standard domain defines at each opset version, read from
 * {@code operator-versions.tsv} (generated from ONNX's Changelog.md by
 * {@code tools/gen-operator-versions.sh}).
 */
public final class OperatorSets {
  /** Highest default-domain opset this table describes. */
  public static final long MAX_DEFAULT_OPSET = 28;

  private static final Map<String, TreeSet<Long>> VERSIONS = load(); // "domain/op" -> versions
  private static final Set<String> DOMAINS =
      Set.of("ai.onnx", "ai.onnx.preview", "ai.onnx.preview.training");

  private OperatorSets() {}

  /**
   * @param domain a domain name, {@code ai.onnx} for the default
   * @return true when this table knows the domain's operators
   */
  public static boolean describes(String domain) {
    return DOMAINS.contains(domain);
  }

  /**
   * The version of an operator in effect at an opset: the newest definition not newer than it.
   *
   * @param domain the domain
   * @param op the operator name
   * @param opset the model's opset version for that domain
   * @return the operator's since-version, or empty when it is not defined at that opset
   */
  public static Optional<Long> sinceVersion(String domain, String op, long opset) {
    TreeSet<Long> versions = VERSIONS.get(domain + "/" + op);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.floor(opset));
  }

  /**
   * @param domain the domain
   * @param op the operator name
   * @return every opset version that (re)defines the operator, empty if unknown
   */
  public static Set<Long> versions(String domain, String op) {
    TreeSet<Long> versions = VERSIONS.get(domain + "/" + op);
    return versions == null ? Set.of() : java.util.Collections.unmodifiableSet(versions);
  }

  private static Map<String, TreeSet<Long>> load() {
    Map<String, TreeSet<Long>> map = new HashMap<>();
    try (InputStream in = OperatorSets.class.getResourceAsStream("operator-versions.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] cols = line.split("\t");
        TreeSet<Long> versions = new TreeSet<>();
        for (String v : cols[2].split(",")) {
          versions.add(Long.parseLong(v));
        }
        map.put(cols[0] + "/" + cols[1], versions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading operator-versions.tsv", e);
    }
    return map;
  }
}
