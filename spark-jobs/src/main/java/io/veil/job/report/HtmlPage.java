package io.veil.job.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML5 page: inline CSS, no script, no reference to anything outside the file,
 * so it opens the same offline, from a mail attachment or from a locked-down share. Every string
 * given to it is escaped, since column and table names may hold {@code <>&"'}.
 */
public final class HtmlPage {
  private static final String CSS =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2330;\
      background:#f6f7f9;margin:0;padding:24px 32px 48px}
      main{max-width:1180px;margin:0 auto}
      h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px}
      h3{font-size:15px;margin:16px 0 8px}
      section{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px 20px;\
      margin:16px 0}
      .sub{color:#5b6475;margin:0 0 8px}
      table{border-collapse:collapse;margin:4px 0 8px}
      th,td{border-bottom:1px solid #e6e9ef;padding:5px 12px 5px 0;text-align:left;\
      vertical-align:top}
      th{color:#5b6475;font-weight:600}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f0f2f5;padding:1px 4px;\
      border-radius:3px}
      .badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;\
      font-weight:600;color:#fff;background:#6b7385}
      .ok{background:#1f8a4c}.bad{background:#c62f2f}.info{background:#2f6fc6}\
      .warn{background:#b26a00}
      .figures{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0}
      .figure{border:1px solid #dde1e8;border-radius:6px;padding:8px 14px;min-width:150px}
      .figure b{display:block;font-size:22px}
      .figure span{color:#5b6475;font-size:12px}
      svg text{font:11px system-ui,sans-serif;fill:#1d2330}
      footer{color:#5b6475;font-size:12px;max-width:1180px;margin:16px auto 0}
      """;

  private final StringBuilder html = new StringBuilder();

  /** A page whose title and first heading are {@code title}. */
  public HtmlPage(String title) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
  }

  /** {@code text} with {@code & < > " '} replaced by entities: safe in text and attributes. */
  public static String escape(Object text) {
    String s = String.valueOf(text);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Appends markup the caller built from escaped parts. */
  public HtmlPage raw(String markup) {
    html.append(markup);
    return this;
  }

  public HtmlPage heading(int level, String text) {
    html.append("<h").append(level).append('>').append(escape(text));
    html.append("</h").append(level).append(">\n");
    return this;
  }

  public HtmlPage paragraph(String text) {
    html.append("<p class=\"sub\">").append(escape(text)).append("</p>\n");
    return this;
  }

  public HtmlPage openSection(String id, String heading) {
    html.append("<section id=\"").append(escape(id)).append("\">\n");
    return heading(2, heading);
  }

  public HtmlPage closeSection() {
    html.append("</section>\n");
    return this;
  }

  /** A row of large figures, each {@code [label, value]}. */
  public HtmlPage figures(List<String[]> figures) {
    html.append("<div class=\"figures\">");
    for (String[] f : figures) {
      html.append("<div class=\"figure\"><b>")
          .append(escape(f[1]))
          .append("</b><span>")
          .append(escape(f[0]))
          .append("</span></div>");
    }
    html.append("</div>\n");
    return this;
  }

  /**
   * A table: {@code header} then rows of cells, each cell markup already escaped (see {@link
   * #cell}); a header starting with {@code #} is a numeric column, right-aligned.
   */
  public HtmlPage table(List<String> header, List<List<String>> rows) {
    html.append("<table>\n<tr>");
    for (String h : header) {
      boolean numeric = h.startsWith("#");
      html.append(numeric ? "<th class=\"n\">" : "<th>")
          .append(escape(numeric ? h.substring(1) : h))
          .append("</th>");
    }
    html.append("</tr>\n");
    for (List<String> row : rows) {
      html.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        boolean numeric = i < header.size() && header.get(i).startsWith("#");
        html.append(numeric ? "<td class=\"n\">" : "<td>").append(row.get(i)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
    return this;
  }

  /** Any report value as markup: maps as key/value tables, lists of maps as tables. */
  public static String cell(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return "<span class=\"sub\">none</span>";
      }
      StringBuilder b = new StringBuilder("<table>");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        b.append("<tr><th>").append(escape(e.getKey())).append("</th><td>");
        b.append(isStatusKey(e.getKey()) ? badge(e.getValue()) : cell(e.getValue()));
        b.append("</td></tr>");
      }
      return b.append("</table>").toString();
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        return "<span class=\"sub\">none</span>";
      }
      if (list.stream().allMatch(v -> v instanceof Map<?, ?>)) {
        return listOfMaps(list);
      }
      List<String> parts = new ArrayList<>();
      for (Object v : list) {
        parts.add(cell(v));
      }
      return String.join(", ", parts);
    }
    return escape(text(value));
  }

  private static String listOfMaps(List<?> list) {
    Set<Object> keys = new LinkedHashSet<>();
    for (Object m : list) {
      keys.addAll(((Map<?, ?>) m).keySet());
    }
    StringBuilder b = new StringBuilder("<table><tr>");
    for (Object k : keys) {
      b.append("<th>").append(escape(k)).append("</th>");
    }
    b.append("</tr>");
    for (Object m : list) {
      b.append("<tr>");
      for (Object k : keys) {
        b.append("<td>").append(cell(((Map<?, ?>) m).get(k))).append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</table>").toString();
  }

  private static boolean isStatusKey(Object key) {
    return "status".equals(key);
  }

  /** A number or word as the page shows it: whole numbers grouped, fractions to 4 places. */
  public static String text(Object value) {
    if (value == null) {
      return "–";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return String.format(Locale.ROOT, "%,.0f", d);
      }
      return String.format(Locale.ROOT, "%.4f", d).replaceAll("0+$", "");
    }
    if (value instanceof Number n) {
      return String.format(Locale.ROOT, "%,d", n.longValue());
    }
    return String.valueOf(value);
  }

  /** A share (0 to 1) as a percentage. */
  public static String percent(Object share) {
    if (!(share instanceof Number n)) {
      return text(share);
    }
    double p = 100 * n.doubleValue();
    return String.format(Locale.ROOT, p == Math.rint(p) ? "%.0f%%" : "%.2f%%", p);
  }

  /**
   * A status as a coloured badge: passed and published green, failed red, measured blue, others
   * grey; the word is always written, so the page reads without colour.
   */
  public static String badge(Object status) {
    String s = String.valueOf(status);
    String kind =
        switch (s) {
          case "passed", "published", "ok" -> " ok";
          case "failed", "leaked" -> " bad";
          case "measured" -> " info";
          case "suppressed", "warning" -> " warn";
          default -> "";
        };
    return "<span class=\"badge" + kind + "\">" + escape(s) + "</span>";
  }

  /** The finished page, with {@code footer} under the last section. */
  public String finish(String footer) {
    return html.append("</main>\n<footer>")
        .append(escape(footer))
        .append("</footer>\n</body>\n</html>\n")
        .toString();
  }
}
