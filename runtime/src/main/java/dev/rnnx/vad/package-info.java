/**
 * Voice activity detection with Silero VAD on the step API: WAV reading, resampling to the
 * model's rate, frame stepping as Silero's reference wrapper does it, speech segments by
 * hysteresis, and a PNG plot of the result.
 */
package dev.rnnx.vad;
