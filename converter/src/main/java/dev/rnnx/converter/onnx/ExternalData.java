package dev.rnnx.converter.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads tensor bytes kept in files beside a model (ONNX ExternalData.md), refusing any location
 * that is absolute or resolves (symbolic links followed) outside the model's directory.
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
   * @param length byte count, or -1 for "to the end of the file"
   * @param expectedLength the byte size the tensor's dims and type call for
   */
  byte[] read(String location, long offset, long length, long expectedLength) {
    if (modelDir == null) {
      throw new ModelFormatException("tensor data is stored in external file '" + location
          + "', but the model was read from memory with no model directory");
    }
    if (location.isEmpty() || location.indexOf('\0') >= 0) {
      throw new ModelFormatException("external data location '" + location + "' is not a path");
    }
    Path relative = Path.of(location);
    Path file = modelDir.resolve(relative).normalize();
    if (relative.isAbsolute() || !file.startsWith(modelDir)) {
      throw new ModelFormatException("external data location '" + location
          + "' leaves the model's directory " + modelDir + "; refused");
    }
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.exists(file)
          && !file.toRealPath().startsWith(modelDir)) {
        throw new ModelFormatException("external data location '" + location
            + "' links outside the model's directory " + modelDir + "; refused");
      }
      if (!Files.exists(file)) {
        throw new ModelFormatException("external data file '" + location + "' not found in "
            + modelDir);
      }
      if (!file.toRealPath().startsWith(modelDir)) {
        throw new ModelFormatException("external data location '" + location
            + "' links outside the model's directory " + modelDir + "; refused");
      }
      long fileSize = Files.size(file);
      long count = length < 0 ? fileSize - offset : length;
      if (offset < 0 || offset > fileSize || count < 0 || offset + count > fileSize) {
        throw new ModelFormatException("external data '" + location + "' offset " + offset
            + " length " + count + " lies outside the file's " + fileSize + " bytes");
      }
      if (count != expectedLength) {
        throw new ModelFormatException("external data '" + location + "' holds " + count
            + " bytes but the tensor's dims and type need " + expectedLength);
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(count));
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
}
