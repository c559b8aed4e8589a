/**
 * Recurrent ONNX models on keyed Flink streams: {@link dev.rnnx.flink.RecurrentSteps} adds the
 * {@link dev.rnnx.flink.RecurrentStepOperator}, which batches the frames of many keys into one
 * backend call and keeps each key's hidden state in Flink keyed state.
 */
package dev.rnnx.flink;
