package dev.rnnx.runtime.conformance;

import dev.rnnx.converter.onnx.OnnxTestCase;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Names the operator a case tests, for the per-operator report: the operators of the model's
 * main graph ({@code Constant} left out when others are there; more than one joined by
 * {@code +}, domain-qualified outside the default domain). An {@code _expanded} case, which
 * holds the function body of the operator under test, is named after its unexpanded sibling
 * when that is present. A model that cannot be read is named {@code ?}.
 */
final class CaseOperators {
  private static final String EXPANDED = "_expanded";

  private CaseOperators() {}

  /**
   * @param c a case
   * @return the operator it tests
   */
  static String of(OnnxTestCase c) {
    int cut = c.name().indexOf(EXPANDED);
    if (cut > 0) {
      Path sibling = c.dir().resolveSibling(c.name().substring(0, cut)).resolve("model.onnx");
      if (Files.isRegularFile(sibling)) {
        return ofModel(sibling);
      }
    }
    return ofModel(c.model());
  }

  private static String ofModel(Path model) {
    ModelProto proto;
    try (InputStream in = Files.newInputStream(model)) {
      proto = ModelProto.parseFrom(in);
    } catch (IOException e) {
      return "?";
    }
    Set<String> ops = new LinkedHashSet<>();
    for (NodeProto n : proto.getGraph().getNodeList()) {
      String domain = n.getDomain();
      ops.add(domain.isEmpty() || domain.equals("ai.onnx") ? n.getOpType()
          : domain + "." + n.getOpType());
    }
    if (ops.size() > 1) {
      ops.remove("Constant");
    }
    return ops.isEmpty() ? "?" : String.join("+", ops);
  }
}
