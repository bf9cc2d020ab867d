package io.veil.job.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The k-anonymity class-size histogram as inline SVG: one bar per power-of-two size bucket ({@code
 * 1}, {@code 2-3}, {@code 4-7}...), its height the bucket's number of classes on a log scale (a
 * table has thousands of small classes and a few large ones), each bar labelled with its count.
 * Buckets wholly below k are red, the one holding k amber.
 */
public final class ClassSizeChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 280;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 22;
  private static final int BOTTOM = 48;

  /** A bucket of classes whose sizes lie in {@code from..to}. */
  record Bucket(long from, long to, long classes, long rows) {
    String label() {
      return from == to ? Long.toString(from) : from + "-" + to;
    }
  }

  private ClassSizeChart() {}

  /**
   * The report's {@code class_size_histogram} as buckets from size 1 to the last reported, the
   * empty ones filled in, so the x axis is even and an empty bucket below k shows as empty.
   */
  static List<Bucket> buckets(List<?> histogram) {
    List<Bucket> reported = new ArrayList<>();
    for (Object o : histogram) {
      Map<?, ?> m = (Map<?, ?>) o;
      reported.add(
          new Bucket(
              number(m.get("from")),
              number(m.get("to")),
              number(m.get("classes")),
              number(m.get("rows"))));
    }
    List<Bucket> all = new ArrayList<>();
    for (Bucket b : reported) {
      long next = all.isEmpty() ? 1 : all.get(all.size() - 1).to() + 1;
      while (next < b.from() && next > 0) {
        all.add(new Bucket(next, 2 * next - 1, 0, 0));
        next = 2 * next;
      }
      all.add(b);
    }
    return all;
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : 0;
  }

  /**
   * The chart, for classes below {@code k} marked (null k marks none); {@code unit} says what a
   * class's size counts (rows, or entities).
   */
  public static String svg(List<?> histogram, Number k, String unit) {
    List<Bucket> buckets = buckets(histogram);
    long max = 1;
    for (Bucket b : buckets) {
      max = Math.max(max, b.classes());
    }
    int decades = Math.max(1, (int) Math.ceil(Math.log10(max) - 1e-9));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append("<svg width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"Classes by size, log scale\">\n");
    for (int d = 0; d <= decades; d++) {
      double y = TOP + plotH - (double) plotH * d / decades;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e9ef\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
              LEFT,
              y,
              WIDTH - RIGHT,
              y,
              LEFT - 6,
              y + 4,
              HtmlPage.text((long) Math.pow(10, d))));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">"
                + "classes (log scale)</text>\n",
            TOP + plotH / 2,
            TOP + plotH / 2));
    double slot = buckets.isEmpty() ? plotW : (double) plotW / buckets.size();
    double barW = Math.max(2, Math.min(64, slot * 0.75));
    long kk = k == null ? 0 : k.longValue();
    for (int i = 0; i < buckets.size(); i++) {
      Bucket b = buckets.get(i);
      double x = LEFT + slot * i + (slot - barW) / 2;
      double h =
          b.classes() == 0
              ? 0
              : Math.max(2, plotH * Math.log10(b.classes()) / decades); // one class: a stub
      String colour = b.to() < kk ? "#c62f2f" : b.from() < kk ? "#d08a1a" : "#2f6fc6";
      double top = TOP + plotH - h;
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                  + "<title>%s: %s classes, %s rows</title></rect>\n",
              x,
              top,
              barW,
              h,
              colour,
              HtmlPage.escape("size " + b.label()),
              HtmlPage.text(b.classes()),
              HtmlPage.text(b.rows())));
      if (b.classes() > 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                x + barW / 2,
                top - 4,
                HtmlPage.text(b.classes())));
      }
      if (buckets.size() <= 24 || i % 2 == 0) {
        s.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x + barW / 2,
                TOP + plotH + 16,
                HtmlPage.escape(b.label())));
      }
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#5b6475\"/>\n"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">class size in %s%s</text>\n",
            LEFT,
            TOP + plotH,
            WIDTH - RIGHT,
            TOP + plotH,
            LEFT + plotW / 2,
            HEIGHT - 8,
            HtmlPage.escape(unit),
            kk > 0 ? " (red: below k = " + kk + "; amber: the bucket holding k)" : ""));
    return s.append("</svg>\n").toString();
  }
}
