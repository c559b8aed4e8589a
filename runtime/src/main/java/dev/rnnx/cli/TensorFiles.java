package dev.rnnx.cli;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import dev.rnnx.converter.onnx.TensorProtos;
import dev.rnnx.tensor.Npy;
import dev.rnnx.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code NAME=FILE} arguments and writes outputs as {@code .npy} files. */
public final class TensorFiles {
  private TensorFiles() {}

  /**
   * @param assignments {@code NAME=FILE} strings; FILE is {@code .npy} or an ONNX TensorProto
   *     {@code .pb}
   * @return the tensors by name, in argument order
   */
  static Map<String, Tensor> readAssignments(List<String> assignments) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String a : assignments) {
      int eq = a.indexOf('=');
      if (eq <= 0 || eq == a.length() - 1) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT,
            "--input expects NAME=FILE, got '" + a + "'");
      }
      String name = a.substring(0, eq);
      if (tensors.put(name, read(Path.of(a.substring(eq + 1)))) != null) {
        throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "input '" + name
            + "' is given twice");
      }
    }
    return tensors;
  }

  /** @return the tensor in a {@code .npy} or TensorProto {@code .pb} file */
  static Tensor read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RnnxException(ErrorCode.IO, "input file " + file + " does not exist");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".npy")) {
      return Npy.read(file);
    }
    if (name.endsWith(".pb")) {
      return TensorProtos.readFile(file);
    }
    throw new RnnxException(ErrorCode.INVALID_ARGUMENT, "input file " + file
        + " must end in .npy (NumPy) or .pb (ONNX TensorProto)");
  }

  /**
   * Writes each tensor to {@code dir/<name>.npy}; characters other than letters, digits,
   * {@code . _ -} in a name become {@code _}.
   *
   * @param tensors outputs by name
   * @param dir the output folder, created when missing
   * @return the files written, in order
   */
  static List<Path> writeAll(Map<String, Tensor> tensors, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot create output folder " + dir + ": " + e, e);
    }
    return tensors.entrySet().stream().map(e -> {
      Path file = dir.resolve(fileName(e.getKey()));
      Npy.write(e.getValue(), file);
      return file;
    }).toList();
  }

  /**
   * @param valueName a tensor's name
   * @return its file name: characters other than letters, digits, {@code . _ -} become
   *     {@code _}, then {@code .npy}
   */
  public static String fileName(String valueName) {
    return valueName.replaceAll("[^A-Za-z0-9._-]", "_") + ".npy";
  }
}
