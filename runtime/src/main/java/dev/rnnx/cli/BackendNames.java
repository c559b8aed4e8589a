package dev.rnnx.cli;

import dev.rnnx.runtime.BackendChoice;
import java.util.Arrays;
import java.util.Iterator;

/** The command-line names of every {@link BackendChoice}, for usage help. */
final class BackendNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(BackendChoice.values()).map(BackendChoice::cliName).iterator();
  }
}
