/**
 * The heap path of the nd4j backend: an interpreter of RNNX's IR on Java arrays, for graphs
 * whose every node and value type it covers. ND4J's per-op cost (an array allocation alone is
 * 5 to 20 microseconds, a small gemm through it 120) exceeds the whole arithmetic of a
 * streaming model's frame, so such graphs run here: plain-Java kernels that read like the
 * spec, matrix products on OpenBLAS (the BLAS under ND4J) with weights copied to native memory
 * once. Any graph with a node it declines runs on the ND4J kernels instead.
 */
package dev.rnnx.runtime.backend.nd4j.heap;
