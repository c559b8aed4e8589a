package dev.rnnx.testdata.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link Zoo} finds its folder, and what it lists. */
class ZooLocateTest {
  @Test
  void searchesUpwardForTestdataModels() {
    // surefire runs in the module folder testdata/, whose parent holds testdata/models
    String saved = System.clearProperty(Zoo.PROPERTY);
    try {
      Path found = Zoo.locate();
      assertEquals(Path.of("testdata", "models"), found.subpath(found.getNameCount() - 2,
          found.getNameCount()));
      assertTrue(Files.isRegularFile(found.resolve("lstm_tiny").resolve("model.onnx")));
    } finally {
      if (saved != null) {
        System.setProperty(Zoo.PROPERTY, saved);
      }
    }
  }

  @Test
  void propertyOverridesTheSearch(@TempDir Path dir) throws Exception {
    Path model = Files.createDirectories(dir.resolve("m1"));
    Files.writeString(model.resolve("model.properties"),
        "name=m1\nexercises=x\ngolden=reference\ninputs=a,b\noutputs=y\nopset=27\n");
    Files.createDirectories(dir.resolve("not_a_model")); // no model.properties: not listed
    String saved = System.setProperty(Zoo.PROPERTY, dir.toString());
    try {
      assertEquals(dir, Zoo.locate());
      ZooModel m = Zoo.model("m1");
      assertEquals(java.util.List.of("a", "b"), m.inputs());
      assertEquals(dir.resolve("m1").resolve("inputs").resolve("a.npy"), m.inputFile("a"));
      assertEquals(dir.resolve("m1").resolve("golden").resolve("y.npy"), m.goldenFile("y"));
      assertFalse(m.ortCanRun());
      assertEquals(1, Zoo.models().size());
    } finally {
      if (saved == null) {
        System.clearProperty(Zoo.PROPERTY);
      } else {
        System.setProperty(Zoo.PROPERTY, saved);
      }
    }
  }
}
