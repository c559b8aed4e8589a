package dev.rnnx.vad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds WAV file bytes for tests. */
public final class Wavs {
  /** The PCM format tag (16-bit here). */
  public static final int PCM = 1;
  /** The IEEE float format tag (32-bit here). */
  public static final int FLOAT = 3;

  private Wavs() {}

  /**
   * @param encoding {@link #PCM} (16-bit) or {@link #FLOAT} (32-bit)
   * @param rate sample rate
   * @param channels interleaved channels
   * @param samples interleaved samples in [-1, 1]
   * @return a canonical 44-byte-header WAV file
   */
  public static byte[] of(int encoding, int rate, int channels, float[] samples) {
    int bits = encoding == PCM ? 16 : 32;
    byte[] fmt = fmt(encoding, rate, channels, bits);
    ByteBuffer data = ByteBuffer.allocate(samples.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      if (encoding == PCM) {
        data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768))));
      } else {
        data.putFloat(s);
      }
    }
    return riff(chunk("fmt ", fmt), chunk("data", data.array()));
  }

  static byte[] fmt(int encoding, int rate, int channels, int bits) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) encoding).putShort((short) channels).putInt(rate)
        .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8))
        .putShort((short) bits);
    return b.array();
  }

  /** A WAVE_FORMAT_EXTENSIBLE fmt chunk body whose sub-format is {@code encoding}. */
  static byte[] extensibleFmt(int encoding, int rate, int channels, int bits) {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fmt(0xFFFE, rate, channels, bits));
    b.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
    b.putShort((short) encoding); // the rest of the GUID: 0000-0010-8000-00AA00389B71
    b.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
        (byte) 0x9B, 0x71});
    return b.array();
  }

  static byte[] chunk(String id, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1))
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
    return b.array();
  }

  static byte[] riff(byte[]... chunks) {
    int size = 4;
    for (byte[] c : chunks) {
      size += c.length;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      b.put(c);
    }
    return b.array();
  }
}
