/**
 * A small fluent builder that writes ONNX {@code ModelProto}s directly with the generated
 * protobuf classes, bypassing the converter's IR so that tests get models from a source
 * independent of the code that reads them.
 *
 * <pre>{@code
 * byte[] onnx = ModelBuilder.opset(17)
 *     .input("X", FLOAT, "seq", 1, 4)
 *     .initializer("W", w).initializer("R", r)
 *     .node("LSTM").inputs("X", "W", "R").outputs("Y", "Y_h").attr("hidden_size", 8).done()
 *     .output("Y_h", FLOAT, 1, 1, 8)
 *     .toBytes();
 * }</pre>
 */
package dev.rnnx.testdata.builder;
