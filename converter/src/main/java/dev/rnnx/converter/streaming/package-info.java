/**
 * Streaming: which inputs carry state ({@link dev.rnnx.converter.streaming.StatePairing}),
 * and rewriting whole-sequence recurrent models to be fed one frame at a time
 * ({@link dev.rnnx.converter.streaming.Streamifier}), with per-operator time-axis rules.
 */
package dev.rnnx.converter.streaming;
