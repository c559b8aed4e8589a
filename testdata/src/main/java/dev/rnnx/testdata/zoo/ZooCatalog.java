package dev.rnnx.testdata.zoo;

import java.util.ArrayList;
import java.util.List;

/** Every model of the zoo, in the order of the README's table. */
public final class ZooCatalog {
  private ZooCatalog() {}

  /** @return the specs, {@code lstm_tiny} first */
  public static List<ZooSpec> all() {
    List<ZooSpec> out = new ArrayList<>();
    out.add(TinyModel.lstmTiny());
    out.addAll(RecurrentZoo.all());
    out.addAll(ExporterZoo.all());
    out.addAll(ConvLstmZoo.all());
    out.addAll(StatefulZoo.all());
    return out;
  }
}
