package dev.rnnx.runtime.backend.nd4j;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Says once per process when OpenBLAS is likely running slower kernels than the CPU allows:
 * OpenBLAS 0.3.19, the one under ND4J 1.0.0-M2.1, predates recent AVX-512 CPUs and picks its
 * AVX2 kernels on them unless {@code OPENBLAS_CORETYPE} names a core (read when the library
 * loads, so it must be in the environment before the JVM starts; the {@code rnnx} launcher
 * sets it).
 */
final class OpenBlasTuning {
  private static final System.Logger LOG = System.getLogger("dev.rnnx.runtime");
  private static final Pattern AVX512 = Pattern.compile("\\bavx512f\\b");
  private static final AtomicBoolean SAID = new AtomicBoolean();

  private OpenBlasTuning() {}

  /**
   * @param cpuInfo the text of /proc/cpuinfo, or null where there is none
   * @param coreType the OPENBLAS_CORETYPE environment variable, or null when unset
   * @return the advice, when the CPU has AVX-512 and no core type is set
   */
  static Optional<String> advice(String cpuInfo, String coreType) {
    if (coreType != null || cpuInfo == null || !AVX512.matcher(cpuInfo).find()) {
      return Optional.empty();
    }
    return Optional.of("nd4j: this CPU has AVX-512 but OPENBLAS_CORETYPE is unset, so OpenBLAS"
        + " may run its AVX2 kernels (about half the speed for matrix products); start the JVM"
        + " with OPENBLAS_CORETYPE=SkylakeX in the environment");
  }

  /** Logs {@link #advice} at INFO the first time it is called in this process. */
  static void adviseOnce() {
    if (SAID.compareAndSet(false, true)) {
      advice(cpuInfo(), System.getenv("OPENBLAS_CORETYPE"))
          .ifPresent(a -> LOG.log(Level.INFO, a));
    }
  }

  private static String cpuInfo() {
    try {
      Path p = Path.of("/proc/cpuinfo");
      return Files.isReadable(p) ? Files.readString(p) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
