package dev.rnnx.converter.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads tensor bytes kept in files beside a model (ONNX ExternalData.md), refusing any location
 * that is absolute or resolves (symbolic links followed) outside the model's directory. Where a
 * location is refused, the file it names is not touched.
 */
final class ExternalData {
  private final Path modelDir; // real path of the model's directory, or null for in-memory models

  ExternalData(Path modelDir) {
    Path real = null;
    if (modelDir != null) {
      try {
        real = modelDir.toRealPath();
      } catch (IOException e) {
        real = modelDir.toAbsolutePath().normalize();
      }
    }
    this.modelDir = real;
  }

  /**
   * @param location the {@code location} entry, relative to the model's directory
   * @param offset byte offset, 0 when absent
   * @param length byte count, or null for "to the end of the file"
   * @param expectedLength the byte size the tensor's dims and type call for
   * @return exactly {@code expectedLength} bytes
   */
  byte[] read(String location, long offset, Long length, int expectedLength) {
    if (modelDir == null) {
      throw new ModelFormatException("tensor data is stored in external file '" + location
          + "', but the model was read from memory with no model directory");
    }
    Path file = insideModelDir(location);
    try {
      long fileSize = Files.size(file);
      long count = checkRange(location, offset, length, fileSize);
      if (count != expectedLength) {
        throw new ModelFormatException("external data '" + location + "' holds " + count
            + " bytes, expected " + expectedLength);
      }
      ByteBuffer buffer = ByteBuffer.allocate(expectedLength);
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        while (buffer.hasRemaining()) {
          if (ch.read(buffer, offset + buffer.position()) < 0) {
            throw new ModelFormatException("external data '" + location + "' is truncated");
          }
        }
      }
      return buffer.array();
    } catch (IOException e) {
      throw new ModelFormatException("reading external data '" + location + "': " + e, e);
    }
  }

  /** @return the real path of the regular file a location names, checked to lie inside */
  private Path insideModelDir(String location) {
    if (location.isEmpty()) {
      throw new ModelFormatException("external data location is empty");
    }
    Path relative;
    try {
      relative = Path.of(location);
    } catch (InvalidPathException e) {
      throw new ModelFormatException("external data location '" + location
          + "' is not a path: " + e.getReason());
    }
    if (relative.isAbsolute()) {
      throw new ModelFormatException("external data location '" + location
          + "' is absolute; refused");
    }
    // the lexical check comes first, so that nothing outside is even looked at
    if (!modelDir.resolve(relative).normalize().startsWith(modelDir)) {
      throw new ModelFormatException("external data location '" + location
          + "' leaves the model's directory " + modelDir + "; refused");
    }
    Path real;
    try {
      real = modelDir.resolve(relative).normalize().toRealPath();
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("external data file '" + location + "' not found in "
          + modelDir);
    } catch (IOException e) {
      throw new ModelFormatException("external data location '" + location + "': " + e, e);
    }
    if (!real.startsWith(modelDir)) {
      throw new ModelFormatException("external data location '" + location
          + "' links outside the model's directory " + modelDir + "; refused");
    }
    if (!Files.isRegularFile(real)) {
      throw new ModelFormatException("external data location '" + location
          + "' is not a regular file");
    }
    return real; // opened by its real path, so a link swapped in now is not followed
  }

  /** @return the byte count the entries select, checked to lie inside the file */
  private static long checkRange(String location, long offset, Long length, long fileSize) {
    String what = "external data '" + location + "': ";
    if (offset < 0) {
      throw new ModelFormatException(what + "offset " + offset + " is negative");
    }
    if (length != null && length < 0) {
      throw new ModelFormatException(what + "length " + length + " is negative");
    }
    if (offset > fileSize) {
      throw new ModelFormatException(what + "offset " + offset
          + " lies past the end of the file's " + fileSize + " bytes");
    }
    long count = length == null ? fileSize - offset : length;
    if (count > fileSize - offset) { // not offset + count: that may overflow
      throw new ModelFormatException(what + "offset " + offset + " length " + count
          + " runs past the end of the file's " + fileSize + " bytes");
    }
    return count;
  }
}
