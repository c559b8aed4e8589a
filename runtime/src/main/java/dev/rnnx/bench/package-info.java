/** Benchmarks behind {@code rnnx bench}: measured figures, never timed unit tests. */
package dev.rnnx.bench;
