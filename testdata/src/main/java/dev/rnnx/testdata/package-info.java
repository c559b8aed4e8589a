/**
 * Test support for RNNX that is independent of the code under test: an ONNX model builder
 * ({@link dev.rnnx.testdata.builder}), plain-Java reference kernels used as test oracles
 * ({@link dev.rnnx.testdata.reference}), and the model zoo with golden outputs
 * ({@link dev.rnnx.testdata.zoo}).
 */
package dev.rnnx.testdata;
