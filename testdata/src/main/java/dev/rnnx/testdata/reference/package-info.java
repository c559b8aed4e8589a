/**
 * Plain-Java reference kernels for the operators RNNX cares most about, written loop by loop from
 * the ONNX operator spec so that a reader can check each line against its equations. They are
 * test oracles only: slow, double-precision, and never the code under test.
 *
 * <p>Recurrent: {@link dev.rnnx.testdata.reference.Lstm}, {@link dev.rnnx.testdata.reference.Gru}
 * and {@link dev.rnnx.testdata.reference.Rnn} with every attribute and optional input. Others:
 * {@link dev.rnnx.testdata.reference.Conv2d}, {@link dev.rnnx.testdata.reference.MatMul},
 * {@link dev.rnnx.testdata.reference.Gemm}, {@link dev.rnnx.testdata.reference.Elementwise}, and
 * the opset-27 {@link dev.rnnx.testdata.reference.LinearAttention} and
 * {@link dev.rnnx.testdata.reference.CausalConvWithState}.
 */
package dev.rnnx.testdata.reference;
