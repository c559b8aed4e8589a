package dev.rnnx.vad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnx.RnnxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAV decoding, mixing to mono, and the one-line errors for what it refuses. */
class WavReaderTest {
  @TempDir Path tmp;

  @Test
  void readsPcm16ScaledBy32768() {
    float[] samples = {0f, 0.5f, -0.5f, -1f, 32767f / 32768};
    Audio a = WavReader.parse(Wavs.of(Wavs.PCM, 16000, 1, samples));
    assertEquals(16000, a.sampleRate());
    assertArrayEquals(samples, a.samples());
  }

  @Test
  void readsFloat32AsIs() {
    float[] samples = {0.1f, -0.25f, 0.3333f, 1f};
    Audio a = WavReader.parse(Wavs.of(Wavs.FLOAT, 8000, 1, samples));
    assertEquals(8000, a.sampleRate());
    assertArrayEquals(samples, a.samples());
  }

  @Test
  void mixesStereoToMonoByAveraging() {
    float[] interleaved = {0.5f, -0.5f, 0.75f, 0.25f, -0.25f, -0.75f};
    assertArrayEquals(new float[] {0f, 0.5f, -0.5f},
        WavReader.parse(Wavs.of(Wavs.FLOAT, 16000, 2, interleaved)).samples());
    assertArrayEquals(new float[] {0f, 0.5f, -0.5f},
        WavReader.parse(Wavs.of(Wavs.PCM, 16000, 2, interleaved)).samples());
  }

  @Test
  void readsExtensibleFormatAndSkipsOtherChunks() {
    ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    data.putFloat(0.25f).putFloat(-0.5f);
    byte[] wav = Wavs.riff(Wavs.chunk("LIST", new byte[] {1, 2, 3}),
        Wavs.chunk("fmt ", Wavs.extensibleFmt(Wavs.FLOAT, 48000, 1, 32)),
        Wavs.chunk("fact", new byte[4]), Wavs.chunk("data", data.array()));
    Audio a = WavReader.parse(wav);
    assertEquals(48000, a.sampleRate());
    assertArrayEquals(new float[] {0.25f, -0.5f}, a.samples());
  }

  @Test
  void aStreamedDataSizeMeansTheRestOfTheFile() {
    byte[] wav = Wavs.of(Wavs.PCM, 16000, 1, new float[] {0.5f, -0.5f});
    ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1); // data size 0xFFFFFFFF
    assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.parse(wav).samples());
  }

  @Test
  void refusesWhatItCannotRead() {
    byte[] good = Wavs.of(Wavs.PCM, 16000, 1, new float[] {0.5f, -0.5f, 0.25f});
    assertRefused("not a WAV file (no RIFF/WAVE header)", "RIFX....WAVE".getBytes());
    assertRefused("not a WAV file (no RIFF/WAVE header)", new byte[5]);
    assertRefused("unsupported encoding PCM 24-bit (supported: PCM 16-bit, IEEE float 32-bit)",
        Wavs.riff(Wavs.chunk("fmt ", Wavs.fmt(Wavs.PCM, 16000, 1, 24)),
            Wavs.chunk("data", new byte[6])));
    assertRefused("unsupported encoding format tag 6 8-bit (supported: PCM 16-bit, IEEE float"
        + " 32-bit)", Wavs.riff(Wavs.chunk("fmt ", Wavs.fmt(6, 8000, 1, 8)),
            Wavs.chunk("data", new byte[6])));
    assertRefused("unsupported encoding IEEE float 64-bit (supported: PCM 16-bit, IEEE float"
        + " 32-bit)", Wavs.riff(Wavs.chunk("fmt ", Wavs.extensibleFmt(Wavs.FLOAT, 8000, 1, 64)),
            Wavs.chunk("data", new byte[8])));
    assertRefused("no fmt chunk", Wavs.riff(Wavs.chunk("LIST", new byte[2])));
    assertRefused("no data chunk", Arrays.copyOf(good, 36));
    assertRefused("the data chunk comes before any fmt chunk",
        Wavs.riff(Wavs.chunk("data", new byte[4]), Wavs.chunk("fmt ",
            Wavs.fmt(Wavs.PCM, 16000, 1, 16))));
    assertRefused("the data chunk declares 6 bytes but only 4 follow (truncated file?)",
        Arrays.copyOf(good, good.length - 2));
    assertRefused("fmt chunk of 12 bytes is too short",
        Wavs.riff(Wavs.chunk("fmt ", new byte[12]), Wavs.chunk("data", new byte[2])));
    byte[] badAlign = Wavs.fmt(Wavs.PCM, 16000, 2, 16);
    badAlign[12] = 2;
    assertRefused("fmt chunk declares 2-byte frames, expected 4 for 2 x 16-bit samples",
        Wavs.riff(Wavs.chunk("fmt ", badAlign), Wavs.chunk("data", new byte[4])));
    assertRefused("fmt chunk declares 0 channels at 16000 Hz",
        Wavs.riff(Wavs.chunk("fmt ", Wavs.fmt(Wavs.PCM, 16000, 0, 16)),
            Wavs.chunk("data", new byte[4])));
  }

  @Test
  void fileErrorsNameTheFileOnOneLine() throws IOException {
    Path bad = tmp.resolve("bad.wav");
    Files.write(bad, "RIFF\0\0\0\0AVI LIST".getBytes());
    RnnxException e = assertThrows(RnnxException.class, () -> WavReader.read(bad));
    assertEquals(RnnxException.ErrorCode.INVALID_ARGUMENT, e.code());
    assertEquals(bad + ": not a WAV file (no RIFF/WAVE header)", e.getMessage());
    RnnxException missing = assertThrows(RnnxException.class,
        () -> WavReader.read(tmp.resolve("none.wav")));
    assertEquals(RnnxException.ErrorCode.IO, missing.code());
    assertEquals(1, missing.getMessage().lines().count(), missing.getMessage());
  }

  private static void assertRefused(String message, byte[] wav) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WavReader.parse(wav));
    assertEquals(message, e.getMessage());
  }
}
