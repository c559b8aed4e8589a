package dev.rnnx.converter.onnx;

import static dev.rnnx.converter.onnx.Protos.model;
import static dev.rnnx.converter.onnx.Protos.node;
import static dev.rnnx.converter.onnx.Protos.read;
import static dev.rnnx.converter.onnx.Protos.refused;
import static dev.rnnx.converter.onnx.Protos.reluGraph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.onnx.proto.OnnxProto.GraphProto;
import dev.rnnx.onnx.proto.OnnxProto.ModelProto;
import dev.rnnx.onnx.proto.OnnxProto.NodeProto;
import dev.rnnx.onnx.proto.OnnxProto.OperatorSetIdProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IR versions, opset versions, operators unknown at the imported opset, domains not imported. */
class VersionCheckTest {
  @TempDir Path dir;

  private static ModelProto.Builder withOpset(GraphProto.Builder g, long opset) {
    ModelProto.Builder m = model(g);
    m.setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
    return m;
  }

  private static GraphProto.Builder oneNode(String op) {
    return reluGraph().setNode(0, node("n1", op, List.of("X"), List.of("Y")));
  }

  @Test
  void irVersionsOutsideTheSupportedRangeAreRefused() {
    assertEquals("unsupported IR version 2 (supported: 3 to 13)",
        refused(model(reluGraph()).setIrVersion(2)));
    assertEquals("unsupported IR version 14 (supported: 3 to 13)",
        refused(model(reluGraph()).setIrVersion(14)));
    assertEquals("unsupported IR version -1 (supported: 3 to 13)",
        refused(model(reluGraph()).setIrVersion(-1)));
    assertEquals(3, read(model(reluGraph()).setIrVersion(3)).irVersion());
    assertEquals(13, read(model(reluGraph()).setIrVersion(13)).irVersion());
  }

  @Test
  void defaultOpsetsOutsideTheTableAreRefused() {
    assertEquals("unsupported default opset 0 (supported: 1 to 28)",
        refused(withOpset(reluGraph(), 0)));
    assertEquals("unsupported default opset 29 (supported: 1 to 28)",
        refused(withOpset(reluGraph(), 29)));
    assertEquals(28, read(withOpset(reluGraph(), 28)).defaultOpset());
  }

  @Test
  void aDomainImportedTwiceIsRefused() {
    ModelProto.Builder m = model(reluGraph())
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("ai.onnx").setVersion(13));
    assertEquals("the model imports domain 'ai.onnx' twice", refused(m));
  }

  @Test
  void anOperatorNewerThanTheOpsetIsRefused() {
    // Scan exists from opset 8, Gelu from 20
    assertEquals("node 'n1' (Scan): operator Scan is unknown in domain 'ai.onnx' at opset 7"
        + " (it is defined from opset 8)", refused(withOpset(oneNode("Scan"), 7)));
    assertEquals("node 'n1' (Gelu): operator Gelu is unknown in domain 'ai.onnx' at opset 19"
        + " (it is defined from opset 20)", refused(withOpset(oneNode("Gelu"), 19)));
    assertEquals("Gelu", read(withOpset(oneNode("Gelu"), 20)).graph().nodes().get(0).opType());
  }

  @Test
  void lstmAtOpset6IsLstmVersion1AndAccepted() {
    // LSTM is defined at opsets 1, 7, 14 and 22: opset 6 still has LSTM-1
    assertEquals(List.of(1L, 7L, 14L, 22L), List.copyOf(OperatorSets.versions("ai.onnx", "LSTM")));
    assertEquals(1L, OperatorSets.sinceVersion("ai.onnx", "LSTM", 6).orElseThrow());
    assertEquals("LSTM", read(withOpset(oneNode("LSTM"), 6)).graph().nodes().get(0).opType());
  }

  @Test
  void anInventedOperatorIsRefusedNamingFileNodeAndOpset() throws IOException {
    Path file = dir.resolve("invented.onnx");
    Files.write(file, model(oneNode("Frobnicate")).build().toByteArray());
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxReader.read(file));
    assertEquals(file + ": node 'n1' (Frobnicate): operator Frobnicate is unknown in domain"
        + " 'ai.onnx' at opset 17", e.getMessage());
  }

  @Test
  void aNodeOfADomainNotImportedIsRefused() {
    NodeProto custom = node("c1", "Fancy", List.of("X"), List.of("Y")).toBuilder()
        .setDomain("com.example").build();
    assertEquals("node 'c1' (com.example.Fancy): domain 'com.example' is not imported by the"
        + " model (imported: [ai.onnx])", refused(model(reluGraph().setNode(0, custom))));
  }

  @Test
  void operatorsOfDomainsWithoutATableAreTakenOnTrust() {
    NodeProto custom = node("c1", "Fancy", List.of("X"), List.of("Y")).toBuilder()
        .setDomain("com.example").build();
    ModelProto.Builder m = model(reluGraph().setNode(0, custom))
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1));
    assertEquals("com.example", read(m).graph().nodes().get(0).domain());
  }

  @Test
  void aNodeWithoutOpTypeIsRefused() {
    assertEquals("node 'n1' has no op_type", refused(model(oneNode(""))));
  }
}
