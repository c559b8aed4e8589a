/** A throughput benchmark of the Flink step operator; a main class, not a test. */
package dev.rnnx.flink.bench;
