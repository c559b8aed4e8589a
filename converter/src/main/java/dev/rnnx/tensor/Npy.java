package dev.rnnx.tensor;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0 to 3.0, C order) for every
 * numeric and bool type; big-endian files are converted on reading.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z]\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Map<String, ElementType> TYPES = Map.ofEntries(
      Map.entry("f4", ElementType.FLOAT), Map.entry("f8", ElementType.DOUBLE),
      Map.entry("f2", ElementType.FLOAT16), Map.entry("i1", ElementType.INT8),
      Map.entry("i2", ElementType.INT16), Map.entry("i4", ElementType.INT32),
      Map.entry("i8", ElementType.INT64), Map.entry("u1", ElementType.UINT8),
      Map.entry("u2", ElementType.UINT16), Map.entry("u4", ElementType.UINT32),
      Map.entry("u8", ElementType.UINT64), Map.entry("b1", ElementType.BOOL),
      Map.entry("c8", ElementType.COMPLEX64), Map.entry("c16", ElementType.COMPLEX128));

  private Npy() {}

  /**
   * Reads a {@code .npy} file.
   *
   * @param file the file
   * @return the tensor
   * @throws RnnxException (code IO) when the file is unreadable or not a supported .npy
   */
  public static Tensor read(Path file) {
    try {
      return parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, file + ": cannot read: " + e, e);
    } catch (RnnxException e) {
      throw new RnnxException(ErrorCode.IO, file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code .npy} bytes.
   *
   * @param bytes the file's bytes
   * @return the tensor
   */
  public static Tensor parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (byte m : MAGIC) {
      if (!b.hasRemaining() || b.get() != m) {
        throw bad("not a .npy file (no \\x93NUMPY magic)");
      }
    }
    if (b.remaining() < 4) {
      throw bad("truncated header");
    }
    int major = b.get();
    b.get();
    long headerLength = major == 1 ? (b.getShort() & 0xffff) : (b.getInt() & 0xffffffffL);
    if (major < 1 || major > 3 || headerLength > b.remaining()) {
      throw bad("unsupported version " + major + " or truncated header");
    }
    String header = new String(bytes, b.position(), (int) headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    b.position(b.position() + (int) headerLength);
    Matcher descr = DESCR.matcher(header);
    Matcher fortran = FORTRAN.matcher(header);
    Matcher shapeM = SHAPE.matcher(header);
    if (!descr.find() || !fortran.find() || !shapeM.find()) {
      throw bad("header lacks descr, fortran_order or shape: " + header.trim());
    }
    ElementType type = TYPES.get(descr.group(2));
    if (type == null) {
      throw bad("unsupported dtype '" + descr.group(1) + descr.group(2) + "' (supported: "
          + TYPES.keySet() + ")");
    }
    if (fortran.group(1).equals("True")) {
      throw bad("Fortran-order arrays are not supported; save with C order");
    }
    List<Long> dims = new ArrayList<>();
    for (String part : shapeM.group(1).split(",")) {
      if (!part.isBlank()) {
        dims.add(Long.parseLong(part.trim().replace("L", "")));
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    long count = Tensor.elementCount(shape);
    long size = type.byteSize(count);
    if (b.remaining() != size) {
      throw bad("data holds " + b.remaining() + " bytes, shape " + dims + " of " + type
          + " needs " + size);
    }
    byte[] data = new byte[(int) size];
    b.get(data);
    if (descr.group(1).equals(">")) {
      swapBytes(data, type == ElementType.COMPLEX64 ? 4 : type == ElementType.COMPLEX128 ? 8
          : type.bits() / 8);
    }
    return Tensor.fromBytesOwned(type, shape, data);
  }

  private static void swapBytes(byte[] data, int width) {
    for (int i = 0; i + width <= data.length; i += width) {
      for (int k = 0; k < width / 2; k++) {
        byte t = data[i + k];
        data[i + k] = data[i + width - 1 - k];
        data[i + width - 1 - k] = t;
      }
    }
  }

  /**
   * Writes a tensor as a version 1.0 {@code .npy} file.
   *
   * @param tensor a numeric or bool tensor
   * @param file the file
   */
  public static void write(Tensor tensor, Path file) {
    try {
      Files.write(file, toBytes(tensor));
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, file + ": cannot write: " + e, e);
    }
  }

  /**
   * @param tensor a numeric or bool tensor
   * @return the bytes of a version 1.0 {@code .npy} file
   */
  public static byte[] toBytes(Tensor tensor) {
    String code = TYPES.entrySet().stream().filter(e -> e.getValue() == tensor.type())
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new RnnxException(ErrorCode.UNSUPPORTED,
            "a " + tensor.type() + " tensor cannot be written as .npy (supported: "
                + TYPES.values() + ")"));
    String dictionary = "{'descr': '" + (tensor.type().bits() == 8 ? "|" : "<") + code
        + "', 'fortran_order': False, 'shape': " + pythonTuple(tensor.shape()) + ", }";
    int unpadded = MAGIC.length + 4 + dictionary.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dictionary + " ".repeat(padding) + "\n";
    byte[] data = tensor.toBytes();
    ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length() + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return out.array();
  }

  /** NumPy's spelling of a shape: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
  private static String pythonTuple(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return s.append(')').toString();
  }

  private static RnnxException bad(String message) {
    return new RnnxException(ErrorCode.IO, message);
  }
}
