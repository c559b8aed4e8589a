package dev.rnnx.runtime.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When to advise setting OPENBLAS_CORETYPE. */
class OpenBlasTuningTest {
  private static final String AVX512_CPU = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma"
      + " avx512f avx512dq avx512bw\n";
  private static final String AVX2_CPU = "processor\t: 0\nflags\t\t: fpu sse2 avx2 fma\n";

  @Test
  void advisesOnAvx512WithoutACoreType() {
    Optional<String> a = OpenBlasTuning.advice(AVX512_CPU, null);
    assertTrue(a.isPresent());
    assertTrue(a.get().contains("OPENBLAS_CORETYPE=SkylakeX"), a.get());
  }

  @Test
  void staysQuietOtherwise() {
    assertEquals(Optional.empty(), OpenBlasTuning.advice(AVX512_CPU, "Zen"));
    assertEquals(Optional.empty(), OpenBlasTuning.advice(AVX2_CPU, null));
    assertEquals(Optional.empty(), OpenBlasTuning.advice("flags : avx512fx", null));
    assertEquals(Optional.empty(), OpenBlasTuning.advice(null, null));
  }
}
