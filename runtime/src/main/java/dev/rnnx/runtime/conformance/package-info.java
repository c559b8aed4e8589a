/**
 * Conformance runs: every ONNX backend test case under a folder run on one backend and judged
 * against its reference outputs with ONNX's tolerances.
 *
 * <p>{@link dev.rnnx.runtime.conformance.ConformanceRunner} runs the cases, each in a worker JVM
 * ({@link dev.rnnx.runtime.conformance.ConformanceWorker}) so that a crash, a hang past the
 * time limit or an exhausted heap fails that case alone; a failed worker is replaced for the
 * next case. Each case yields a {@link dev.rnnx.runtime.conformance.CaseResult};
 * {@link dev.rnnx.runtime.conformance.ConformanceSummary} counts them and
 * {@link dev.rnnx.runtime.conformance.MarkdownReport} tabulates them per operator.
 */
package dev.rnnx.runtime.conformance;
