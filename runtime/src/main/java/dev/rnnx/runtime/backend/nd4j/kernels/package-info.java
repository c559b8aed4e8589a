/**
 * The ND4J backend's operator kernels, one registration line per operator in each family's
 * {@code registerAll}, keyed by the opset version their semantics start at. Heavy math
 * (matmuls of MatMul, Gemm, Conv, ConvTranspose, and the recurrent projections and steps) runs
 * on ND4J; index-heavy and small work runs in plain Java over bulk copies of the data.
 */
package dev.rnnx.runtime.backend.nd4j.kernels;
