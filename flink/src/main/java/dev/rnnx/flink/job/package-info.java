/**
 * {@link dev.rnnx.flink.job.FlinkStepJob}: the example job that steps a folder of streams
 * through a model on Flink, exactly once, on an embedded mini-cluster or a real cluster.
 */
package dev.rnnx.flink.job;
