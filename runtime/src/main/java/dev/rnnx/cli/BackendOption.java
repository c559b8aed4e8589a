package dev.rnnx.cli;

import dev.rnnx.runtime.BackendChoice;
import picocli.CommandLine.Option;

/** The {@code --backend} option every running command shares, its help listing every backend. */
final class BackendOption {
  @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "auto",
      completionCandidates = BackendNames.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  String backend;

  /** @return the chosen backend; an unknown name fails listing the valid ones */
  BackendChoice choice() {
    return BackendChoice.parse(backend);
  }
}
