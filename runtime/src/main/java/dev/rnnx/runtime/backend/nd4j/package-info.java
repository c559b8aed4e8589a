/**
 * The native ND4J backend: an interpreter of RNNX's IR on ND4J arrays. Graphs compile to a
 * list of kernels with per-step frees (reference counts per native buffer, so views are safe);
 * constants are converted once and pinned for the compiled model's lifetime; If, Loop and Scan
 * bodies run as nested programs that see outer-scope values.
 */
package dev.rnnx.runtime.backend.nd4j;
