/**
 * The RNNX runtime API: {@link dev.rnnx.runtime.Model} loads an ONNX model,
 * {@link dev.rnnx.runtime.Session} runs it on a backend chosen by
 * {@link dev.rnnx.runtime.SessionOptions}.
 */
package dev.rnnx.runtime;
