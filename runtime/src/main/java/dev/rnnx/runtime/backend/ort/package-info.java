/** The ONNX Runtime backend (CPU and CUDA execution providers). */
package dev.rnnx.runtime.backend.ort;
