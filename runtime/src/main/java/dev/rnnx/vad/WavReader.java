package dev.rnnx.vad;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files holding PCM 16-bit or IEEE float 32-bit samples (plain or
 * {@code WAVE_FORMAT_EXTENSIBLE}), any number of channels, mixed to mono by averaging. 16-bit
 * samples are scaled by 1/32768, as torchaudio and Silero's own reader do.
 */
public final class WavReader {
  private static final int PCM = 1;
  private static final int IEEE_FLOAT = 3;
  private static final int EXTENSIBLE = 0xFFFE;
  private static final long STREAMED = 0xFFFFFFFFL; // data size of a WAV written to a pipe

  private WavReader() {}

  /**
   * @param file a {@code .wav} file
   * @return its samples mixed to mono
   * @throws RnnxException IO when the file cannot be read, INVALID_ARGUMENT naming the file and
   *     what is wrong when it is not a WAV file of a supported encoding
   */
  public static Audio read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(bytes);
    } catch (IllegalArgumentException e) {
      throw new RnnxException(ErrorCode.INVALID_ARGUMENT, file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @param bytes the bytes of a WAV file
   * @return its samples mixed to mono
   * @throws IllegalArgumentException saying what is wrong with the header or the encoding
   */
  public static Audio parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != fourCc("RIFF") || b.getInt(8) != fourCc("WAVE")) {
      throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header)");
    }
    Format format = null;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == fourCc("fmt ")) {
        format = Format.read(b, body, size);
      } else if (id == fourCc("data")) {
        if (format == null) {
          throw new IllegalArgumentException("the data chunk comes before any fmt chunk");
        }
        long available = bytes.length - body;
        if (size > available && size != STREAMED) {
          throw new IllegalArgumentException("the data chunk declares " + size
              + " bytes but only " + available + " follow (truncated file?)");
        }
        return format.decode(b, body, (int) Math.min(size, available));
      }
      pos = Math.toIntExact(Math.min(bytes.length, body + size + (size & 1)));
    }
    throw new IllegalArgumentException(format == null ? "no fmt chunk" : "no data chunk");
  }

  private static int fourCc(String s) {
    return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
  }

  /** The fmt chunk's fields that decoding needs. */
  private record Format(int encoding, int channels, int sampleRate, int bits) {
    static Format read(ByteBuffer b, int at, long size) {
      if (size < 16 || at + 16 > b.limit()) {
        throw new IllegalArgumentException("fmt chunk of " + size + " bytes is too short");
      }
      int encoding = Short.toUnsignedInt(b.getShort(at));
      int channels = Short.toUnsignedInt(b.getShort(at + 2));
      int rate = b.getInt(at + 4);
      int blockAlign = Short.toUnsignedInt(b.getShort(at + 12));
      int bits = Short.toUnsignedInt(b.getShort(at + 14));
      if (encoding == EXTENSIBLE) {
        if (size < 40 || at + 26 > b.limit()) {
          throw new IllegalArgumentException("WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size
              + " bytes is too short");
        }
        encoding = Short.toUnsignedInt(b.getShort(at + 24)); // first two bytes of the GUID
      }
      Format f = new Format(encoding, channels, rate, bits);
      if (!(encoding == PCM && bits == 16) && !(encoding == IEEE_FLOAT && bits == 32)) {
        throw new IllegalArgumentException("unsupported encoding " + f.describe()
            + " (supported: PCM 16-bit, IEEE float 32-bit)");
      }
      if (channels < 1 || rate <= 0) {
        throw new IllegalArgumentException("fmt chunk declares " + channels + " channels at "
            + rate + " Hz");
      }
      if (blockAlign != channels * bits / 8) {
        throw new IllegalArgumentException("fmt chunk declares " + blockAlign
            + "-byte frames, expected " + channels * bits / 8 + " for " + channels + " x "
            + bits + "-bit samples");
      }
      return f;
    }

    String describe() {
      String name = switch (encoding) {
        case PCM -> "PCM";
        case IEEE_FLOAT -> "IEEE float";
        default -> "format tag " + encoding;
      };
      return name + " " + bits + "-bit";
    }

    Audio decode(ByteBuffer b, int at, int size) {
      int frameBytes = channels * bits / 8;
      int frames = size / frameBytes;
      float[] mono = new float[frames];
      float scale = 1f / channels;
      for (int i = 0; i < frames; i++) {
        int base = at + i * frameBytes;
        float sum = 0;
        for (int c = 0; c < channels; c++) {
          sum += encoding == PCM ? b.getShort(base + 2 * c) / 32768f : b.getFloat(base + 4 * c);
        }
        mono[i] = sum * scale;
      }
      return new Audio(mono, sampleRate);
    }
  }
}
