package dev.rnnx.vad;

/**
 * Changes the sample rate by band-limited interpolation with a windowed sinc: each output
 * sample is the input convolved with a low-pass sinc kernel cut off at 95 % of the lower of the
 * two Nyquist frequencies, 16 zero crossings either side, Blackman window. The kernel is
 * tabulated at 512 points per zero crossing and interpolated linearly. Downsampling thereby
 * filters out what the lower rate cannot hold instead of letting it alias.
 */
public final class Resampler {
  private static final int ZERO_CROSSINGS = 16;
  private static final int TABLE_STEPS = 512; // table points per zero crossing
  private static final double ROLLOFF = 0.95;
  private static final float[] KERNEL = kernelTable();

  private Resampler() {}

  /**
   * @param audio the audio
   * @param rate the wanted sample rate
   * @return the audio at that rate: {@code round(n * rate / audio rate)} samples, the same
   *     object when the rate already matches
   */
  public static Audio resample(Audio audio, int rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + rate);
    }
    if (audio.sampleRate() == rate) {
      return audio;
    }
    float[] in = audio.samples();
    double ratio = (double) rate / audio.sampleRate();
    double cutoff = ROLLOFF * Math.min(1.0, ratio); // in cycles per input sample x 2
    double reach = ZERO_CROSSINGS / cutoff; // kernel half-width in input samples
    float[] out = new float[(int) Math.round(in.length * ratio)];
    for (int n = 0; n < out.length; n++) {
      double t = n / ratio; // position in input samples
      int first = (int) Math.ceil(t - reach);
      int last = (int) Math.floor(t + reach);
      double sum = 0;
      for (int k = Math.max(first, 0); k <= Math.min(last, in.length - 1); k++) {
        sum += in[k] * kernel(Math.abs(t - k) * cutoff);
      }
      out[n] = (float) (sum * cutoff);
    }
    return new Audio(out, rate);
  }

  /** The windowed sinc at {@code x} zero crossings from its centre, from the table. */
  private static double kernel(double x) {
    double pos = x * TABLE_STEPS;
    int i = (int) pos;
    if (i >= KERNEL.length - 1) {
      return 0;
    }
    double frac = pos - i;
    return KERNEL[i] + frac * (KERNEL[i + 1] - KERNEL[i]);
  }

  private static float[] kernelTable() {
    float[] table = new float[ZERO_CROSSINGS * TABLE_STEPS + 1];
    for (int i = 0; i < table.length; i++) {
      double x = (double) i / TABLE_STEPS;
      double sinc = i == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = x / ZERO_CROSSINGS; // 0 at the centre, 1 at the edge
      double blackman = 0.42 + 0.5 * Math.cos(Math.PI * r) + 0.08 * Math.cos(2 * Math.PI * r);
      table[i] = (float) (sinc * blackman);
    }
    return table;
  }
}
