package dev.rnnx.vad;

import dev.rnnx.RnnxException;
import dev.rnnx.RnnxException.ErrorCode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a PNG, headless: the waveform (as its min/max envelope, left axis), the per-frame
 * speech probability and the threshold (right axis), and the detected segments shaded, all on
 * one time axis.
 */
public final class VadPlot {
  private static final int WIDTH = 1600;
  private static final int HEIGHT = 500;
  private static final int ENVELOPE_COLUMNS = 2000;

  private VadPlot() {}

  /**
   * What to draw.
   *
   * @param audio the audio the model saw
   * @param probabilities the speech probability of each frame
   * @param frameSamples samples per frame
   * @param threshold the speech threshold
   * @param segments the detected segments
   */
  public record Content(Audio audio, float[] probabilities, int frameSamples, double threshold,
      List<SpeechSegment> segments) {
    /** Refuses an empty plot. */
    public Content {
      if (probabilities.length == 0) {
        throw new IllegalArgumentException("nothing to plot: the audio has no frames");
      }
    }
  }

  /**
   * @param content what to draw
   * @param png the file to write
   * @throws RnnxException IO when the file cannot be written
   */
  public static void write(Content content, Path png) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    XYChart chart = chart(content);
    try (OutputStream out = Files.newOutputStream(png)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new RnnxException(ErrorCode.IO, "cannot write plot " + png + ": " + e.getMessage(),
          e);
    }
  }

  private static XYChart chart(Content c) {
    Audio audio = c.audio();
    double rate = audio.sampleRate();
    double seconds = (double) c.probabilities().length * c.frameSamples() / rate;
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Silero VAD: " + c.segments().size() + " speech segment(s)")
        .xAxisTitle("time (s)").build();
    chart.setYAxisGroupTitle(0, "amplitude");
    chart.setYAxisGroupTitle(1, "speech probability");
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setYAxisMin(0, -1.0).setYAxisMax(0, 1.0).setYAxisMin(1, 0.0)
        .setYAxisMax(1, 1.0).setXAxisMin(0.0).setXAxisMax(seconds);

    double[][] envelope = envelope(audio.samples(), rate);
    style(chart.addSeries("waveform", envelope[0], envelope[1]), 0, XYSeriesRenderStyle.Line,
        new Color(120, 120, 120), 1f);
    double[][] shaded = segments(c.segments(), rate, seconds);
    XYSeries segs = style(chart.addSeries("speech segments", shaded[0], shaded[1]), 1,
        XYSeriesRenderStyle.Area, new Color(46, 160, 67), 0f);
    segs.setFillColor(new Color(46, 160, 67, 60));
    double[][] probs = probabilities(c.probabilities(), c.frameSamples(), rate);
    style(chart.addSeries("speech probability", probs[0], probs[1]), 1, XYSeriesRenderStyle.Step,
        new Color(31, 119, 180), 1.5f);
    XYSeries threshold = style(chart.addSeries("threshold " + c.threshold(),
        new double[] {0, seconds}, new double[] {c.threshold(), c.threshold()}), 1,
        XYSeriesRenderStyle.Line, new Color(214, 39, 40), 1.2f);
    threshold.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
        10f, new float[] {6f, 4f}, 0f));
    return chart;
  }

  private static XYSeries style(XYSeries s, int group, XYSeriesRenderStyle render, Color color,
      float width) {
    s.setYAxisGroup(group);
    s.setXYSeriesRenderStyle(render);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineWidth(width);
    return s;
  }

  /** Min and max of each column of samples, as a zig-zag line. */
  private static double[][] envelope(float[] samples, double rate) {
    int columns = Math.min(ENVELOPE_COLUMNS, samples.length);
    double[] x = new double[2 * columns];
    double[] y = new double[2 * columns];
    for (int col = 0; col < columns; col++) {
      int from = (int) ((long) samples.length * col / columns);
      int to = (int) ((long) samples.length * (col + 1) / columns);
      float min = 0;
      float max = 0;
      for (int i = from; i < to; i++) {
        min = Math.min(min, samples[i]);
        max = Math.max(max, samples[i]);
      }
      x[2 * col] = from / rate;
      x[2 * col + 1] = from / rate;
      y[2 * col] = max;
      y[2 * col + 1] = min;
    }
    return new double[][] {x, y};
  }

  /** Each frame's probability from the frame's first sample on, held to the end. */
  private static double[][] probabilities(float[] probs, int frameSamples, double rate) {
    int n = probs.length;
    double[] x = new double[n + 1];
    double[] y = new double[n + 1];
    for (int i = 0; i < n; i++) {
      x[i] = (double) i * frameSamples / rate;
      y[i] = probs[i];
    }
    x[n] = (double) n * frameSamples / rate;
    y[n] = y[n - 1];
    return new double[][] {x, y};
  }

  /** A 0/1 outline: 1 inside each segment. */
  private static double[][] segments(List<SpeechSegment> segments, double rate, double end) {
    int n = 4 * segments.size() + 2;
    double[] x = new double[n];
    double[] y = new double[n];
    int k = 1; // x[0] = 0, y[0] = 0
    for (SpeechSegment s : segments) {
      double a = s.start() / rate;
      double b = s.end() / rate;
      x[k] = a;
      x[k + 1] = a;
      y[k + 1] = 1;
      x[k + 2] = b;
      y[k + 2] = 1;
      x[k + 3] = b;
      k += 4;
    }
    x[k] = end;
    return new double[][] {x, y};
  }
}
