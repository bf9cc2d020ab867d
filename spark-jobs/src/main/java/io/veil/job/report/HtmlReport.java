package io.veil.job.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table's report as one self-contained HTML page, {@code _veil_report.html} beside {@code
 * _veil_report.json}: what was done to each column, verification, k-anonymity with its class-size
 * histogram, risk, generalization, suppression, l-diversity, t-closeness, utility and the leak
 * check. It shows what the report map holds, which is names, counts and parameters, never a cell
 * value or key material; a section it does not know is shown as a key/value table.
 */
public final class HtmlReport {
  /** The report's fields shown in the header and the first section, not as sections. */
  private static final Set<String> HEADER =
      Set.of(
          "table",
          "run_id",
          "config_digest",
          "status",
          "input",
          "output",
          "rows_in",
          "rows_out",
          "durations_ms",
          "transformed",
          "kept",
          "dropped");

  private HtmlReport() {}

  /** The page for one table's report ({@link TableReport#toMap()}). */
  public static String page(Map<String, Object> report) {
    String table = String.valueOf(report.get("table"));
    HtmlPage page = new HtmlPage("Veil report: " + table);
    page.raw(
            "<h1>"
                + HtmlPage.escape(table)
                + " "
                + HtmlPage.badge(report.get("status"))
                + "</h1>\n")
        .paragraph(
            "Veil run "
                + HtmlPage.text(report.get("run_id"))
                + ", config "
                + HtmlPage.text(report.get("config_digest")));
    summary(page, report);
    columns(page, report);
    for (Map.Entry<String, Object> e : report.entrySet()) {
      if (!HEADER.contains(e.getKey())) {
        section(page, e.getKey(), e.getValue(), report);
      }
    }
    return page.finish(
        "Written by Veil with the table's _veil_report.json. It holds column names, counts and"
            + " settings, never a cell value or key material.");
  }

  private static void summary(HtmlPage page, Map<String, Object> report) {
    page.openSection("summary", "Table");
    page.figures(
        List.of(
            new String[] {"rows in", HtmlPage.text(report.get("rows_in"))},
            new String[] {"rows out", HtmlPage.text(report.get("rows_out"))},
            new String[] {"columns transformed", count(report.get("transformed"))},
            new String[] {"columns kept", count(report.get("kept"))},
            new String[] {"columns dropped", count(report.get("dropped"))}));
    Map<String, Object> where = new LinkedHashMap<>();
    where.put("input", report.get("input"));
    where.put("output", report.get("output"));
    where.put("durations (ms)", report.get("durations_ms"));
    page.raw(HtmlPage.cell(where)).closeSection();
  }

  private static String count(Object list) {
    return list instanceof List<?> l ? Integer.toString(l.size()) : "–";
  }

  private static void columns(HtmlPage page, Map<String, Object> report) {
    page.openSection("columns", "Columns");
    List<List<String>> rows = new ArrayList<>();
    if (report.get("transformed") instanceof List<?> transformed) {
      for (Object o : transformed) {
        Map<?, ?> c = (Map<?, ?>) o;
        Map<Object, Object> settings = new LinkedHashMap<>(c);
        for (String k : List.of("path", "op", "original_type", "result_type")) {
          settings.remove(k);
        }
        List<String> parts = new ArrayList<>();
        settings.forEach(
            (k, v) -> parts.add(HtmlPage.escape(k) + " = <code>" + HtmlPage.cell(v) + "</code>"));
        rows.add(
            List.of(
                "<code>" + HtmlPage.escape(c.get("path")) + "</code>",
                "<b>" + HtmlPage.escape(c.get("op")) + "</b>",
                String.join(", ", parts),
                HtmlPage.escape(c.get("original_type") + " → " + c.get("result_type"))));
      }
    }
    addPlain(rows, report.get("kept"), "keep", "kept as it was");
    addPlain(rows, report.get("dropped"), "drop", "not written");
    page.table(List.of("column", "op", "settings", "type"), rows).closeSection();
  }

  private static void addPlain(List<List<String>> rows, Object paths, String op, String note) {
    if (paths instanceof List<?> list) {
      for (Object p : list) {
        rows.add(
            List.of(
                "<code>" + HtmlPage.escape(p) + "</code>",
                "<b>" + op + "</b>",
                HtmlPage.escape(note),
                ""));
      }
    }
  }

  private static void section(HtmlPage page, String key, Object value, Map<String, Object> report) {
    if (!(value instanceof Map<?, ?> map)) {
      page.openSection(key, title(key)).raw(HtmlPage.cell(value)).closeSection();
      return;
    }
    page.openSection(key, title(key));
    Set<String> shown =
        switch (key) {
          case "verification" -> verification(page, map);
          case "k_anonymity" -> kAnonymity(page, map, report);
          case "risk" -> risk(page, map);
          case "generalization" -> generalization(page, map);
          case "l_diversity" -> diversity(page, map);
          case "t_closeness" -> closeness(page, map);
          case "utility" -> utility(page, map);
          case "leak_check" -> leakCheck(page, map);
          default -> Set.of();
        };
    Map<Object, Object> rest = new LinkedHashMap<>(map);
    rest.keySet().removeAll(shown);
    if (!rest.isEmpty()) {
      page.raw(HtmlPage.cell(rest));
    }
    page.closeSection();
  }

  private static String title(String key) {
    return switch (key) {
      case "verification" -> "Verification";
      case "k_anonymity" -> "k-anonymity";
      case "risk" -> "Re-identification risk";
      case "generalization" -> "Generalization";
      case "l_diversity" -> "l-diversity";
      case "t_closeness" -> "t-closeness";
      case "utility" -> "Utility";
      case "leak_check" -> "Leak check";
      case "operation_metrics" -> "Operation metrics";
      default -> key.replace('_', ' ');
    };
  }

  private static Set<String> verification(HtmlPage page, Map<?, ?> v) {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<?, ?> e : v.entrySet()) {
      String check = String.valueOf(e.getKey());
      if (e.getValue() instanceof Map<?, ?> perColumn) {
        for (Map.Entry<?, ?> c : perColumn.entrySet()) {
          Object result = c.getValue();
          String badge =
              result instanceof Number n
                  ? HtmlPage.badge(n.longValue() == 0 ? "passed" : "failed")
                      + " "
                      + HtmlPage.text(n)
                      + " unchanged"
                  : HtmlPage.badge(result);
          rows.add(
              List.of(
                  HtmlPage.escape(check.replace('_', ' ')),
                  "<code>" + HtmlPage.escape(c.getKey()) + "</code>",
                  badge));
        }
      } else {
        rows.add(
            List.of(
                HtmlPage.escape(check.replace('_', ' ')),
                "",
                e.getValue() instanceof String
                    ? HtmlPage.badge(e.getValue())
                    : HtmlPage.cell(e.getValue())));
      }
    }
    page.table(List.of("check", "column", "result"), rows);
    return keys(v);
  }

  private static Set<String> kAnonymity(HtmlPage page, Map<?, ?> k, Map<String, Object> report) {
    Object entity = k.get("entity");
    String unit = entity == null ? "rows" : "entities (" + entity + ")";
    page.raw(
        "<p>"
            + HtmlPage.badge(k.get("status"))
            + " quasi-identifiers "
            + HtmlPage.cell(k.get("quasi_identifiers"))
            + "; classes counted in "
            + HtmlPage.escape(unit)
            + "; enforce = <code>"
            + HtmlPage.escape(HtmlPage.text(k.get("enforce")))
            + "</code></p>\n");
    page.figures(
        List.of(
            new String[] {"k", HtmlPage.text(k.get("k"))},
            new String[] {"smallest class", HtmlPage.text(k.get("smallest_class"))},
            new String[] {"classes", HtmlPage.text(k.get("classes"))},
            new String[] {"classes below k", HtmlPage.text(k.get("classes_below_k"))},
            new String[] {"rows below k", HtmlPage.percent(k.get("share_of_rows_below_k"))}));
    if (k.get("class_size_histogram") instanceof List<?> histogram && !histogram.isEmpty()) {
      page.heading(3, "Classes by size");
      page.raw(ClassSizeChart.svg(histogram, (Number) k.get("k"), unit));
      List<List<String>> rows = new ArrayList<>();
      for (ClassSizeChart.Bucket b : ClassSizeChart.buckets(histogram)) {
        rows.add(
            List.of(
                HtmlPage.escape(b.label()), HtmlPage.text(b.classes()), HtmlPage.text(b.rows())));
      }
      page.table(List.of("class size", "#classes", "#rows"), rows);
    }
    suppression(page, k, report);
    return Set.of(
        "status",
        "quasi_identifiers",
        "entity",
        "enforce",
        "k",
        "smallest_class",
        "classes",
        "classes_below_k",
        "share_of_rows_below_k",
        "class_size_histogram",
        "suppressed_rows",
        "rows_with_suppressed_cells",
        "max_suppressed");
  }

  /** What enforcing k cost: rows dropped, rows that lost cells, and cells per quasi-identifier. */
  private static void suppression(HtmlPage page, Map<?, ?> k, Map<String, Object> report) {
    page.heading(3, "Suppressed");
    List<String[]> figures = new ArrayList<>();
    figures.add(
        new String[] {"rows suppressed (dropped)", HtmlPage.text(k.get("suppressed_rows"))});
    if (k.containsKey("rows_with_suppressed_cells")) {
      figures.add(
          new String[] {
            "rows with suppressed cells", HtmlPage.text(k.get("rows_with_suppressed_cells"))
          });
      figures.add(
          new String[] {
            "max-suppressed (share of rows)", HtmlPage.percent(k.get("max_suppressed"))
          });
    }
    page.figures(figures);
    if (report.get("utility") instanceof Map<?, ?> utility
        && utility.get("quasi_identifiers") instanceof Map<?, ?> qis) {
      List<List<String>> rows = new ArrayList<>();
      for (Map.Entry<?, ?> e : qis.entrySet()) {
        Object cells = e.getValue() instanceof Map<?, ?> m ? m.get("cells_suppressed") : null;
        rows.add(List.of("<code>" + HtmlPage.escape(e.getKey()) + "</code>", HtmlPage.text(cells)));
      }
      page.table(List.of("quasi-identifier", "#cells suppressed"), rows);
    }
  }

  private static Set<String> risk(HtmlPage page, Map<?, ?> r) {
    List<String[]> figures = new ArrayList<>();
    figures.add(
        new String[] {"prosecutor risk, highest", HtmlPage.percent(r.get("prosecutor_max"))});
    figures.add(
        new String[] {"prosecutor risk, average", HtmlPage.percent(r.get("prosecutor_avg"))});
    figures.add(
        new String[] {
          "records at risk (class below k)", HtmlPage.percent(r.get("records_at_risk"))
        });
    if (r.containsKey("entities_at_risk")) {
      figures.add(new String[] {"entities at risk", HtmlPage.percent(r.get("entities_at_risk"))});
    }
    figures.add(
        new String[] {"sample uniques (class of 1)", HtmlPage.percent(r.get("sample_uniques"))});
    page.figures(figures);
    return Set.of(
        "prosecutor_max",
        "prosecutor_avg",
        "records_at_risk",
        "entities_at_risk",
        "sample_uniques");
  }

  private static Set<String> generalization(HtmlPage page, Map<?, ?> g) {
    List<String[]> figures = new ArrayList<>();
    String[][] known = {
      {"nodes_in_lattice", "nodes in the lattice"},
      {"nodes_evaluated", "nodes evaluated"},
      {"information_loss", "information loss"},
      {"suppressed_rows", "rows suppressed"},
      {"search_ms", "search (ms)"}
    };
    Set<String> shown = new LinkedHashSet<>(List.of("levels"));
    for (String[] f : known) {
      if (g.containsKey(f[0])) {
        figures.add(new String[] {f[1], HtmlPage.text(g.get(f[0]))});
        shown.add(f[0]);
      }
    }
    page.figures(figures);
    if (g.get("levels") instanceof Map<?, ?> levels) {
      List<List<String>> rows = new ArrayList<>();
      levels.forEach(
          (c, l) -> rows.add(List.of("<code>" + HtmlPage.escape(c) + "</code>", HtmlPage.text(l))));
      page.table(List.of("quasi-identifier", "#generalization level"), rows);
    }
    return shown;
  }

  private static Set<String> diversity(HtmlPage page, Map<?, ?> l) {
    page.raw("<p>" + HtmlPage.badge(l.get("status")) + "</p>\n");
    page.figures(
        List.of(
            new String[] {"l required", HtmlPage.text(l.get("l"))},
            new String[] {"measure", HtmlPage.text(l.get("measure"))},
            new String[] {"smallest l", HtmlPage.text(l.get("smallest_l"))}));
    attributes(page, l.get("attributes"));
    return Set.of("status", "l", "measure", "smallest_l", "attributes");
  }

  private static Set<String> closeness(HtmlPage page, Map<?, ?> t) {
    page.raw("<p>" + HtmlPage.badge(t.get("status")) + "</p>\n");
    page.figures(
        List.of(
            new String[] {"t allowed", HtmlPage.text(t.get("t"))},
            new String[] {"largest t", HtmlPage.text(t.get("largest_t"))}));
    attributes(page, t.get("attributes"));
    return Set.of("status", "t", "largest_t", "attributes");
  }

  private static Set<String> utility(HtmlPage page, Map<?, ?> u) {
    page.figures(
        List.of(
            new String[] {"rows in", HtmlPage.text(u.get("rows_in"))},
            new String[] {"rows out", HtmlPage.text(u.get("rows_out"))}));
    if (u.get("quasi_identifiers") instanceof Map<?, ?> qis) {
      page.heading(3, "Quasi-identifiers");
      keyed(page, "quasi-identifier", qis);
    }
    if (u.get("sensitive") instanceof Map<?, ?> sensitive && !sensitive.isEmpty()) {
      page.heading(3, "Sensitive attributes");
      keyed(page, "attribute", sensitive);
    }
    return Set.of("rows_in", "rows_out", "quasi_identifiers", "sensitive");
  }

  private static Set<String> leakCheck(HtmlPage page, Map<?, ?> leaks) {
    if (leaks.isEmpty()) {
      page.paragraph("No column's op promises a changed value: nothing to compare.");
      return Set.of();
    }
    page.paragraph(
        "Output values equal to an input value of the same column, for the ops that promise"
            + " change.");
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<?, ?> e : leaks.entrySet()) {
      boolean clean = e.getValue() instanceof Number n && n.longValue() == 0;
      rows.add(
          List.of(
              "<code>" + HtmlPage.escape(e.getKey()) + "</code>",
              HtmlPage.text(e.getValue()),
              HtmlPage.badge(clean ? "passed" : "leaked")));
    }
    page.table(List.of("column", "#values equal to an input value", "result"), rows);
    return keys(leaks);
  }

  /** Per sensitive attribute: one row each, one column per measure. */
  private static void attributes(HtmlPage page, Object attributes) {
    if (attributes instanceof Map<?, ?> m && !m.isEmpty()) {
      keyed(page, "attribute", m);
    }
  }

  /** A map of maps as one table: a row per outer key, a column per inner key. */
  private static void keyed(HtmlPage page, String first, Map<?, ?> rowsByName) {
    Set<Object> inner = new LinkedHashSet<>();
    for (Object v : rowsByName.values()) {
      if (v instanceof Map<?, ?> m) {
        inner.addAll(m.keySet());
      }
    }
    List<String> header = new ArrayList<>(List.of(first));
    for (Object k : inner) {
      header.add(String.valueOf(k).replace('_', ' '));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<?, ?> e : rowsByName.entrySet()) {
      List<String> row = new ArrayList<>();
      row.add("<code>" + HtmlPage.escape(e.getKey()) + "</code>");
      for (Object k : inner) {
        row.add(e.getValue() instanceof Map<?, ?> m ? HtmlPage.cell(m.get(k)) : "");
      }
      rows.add(row);
    }
    page.table(header, rows);
  }

  private static Set<String> keys(Map<?, ?> m) {
    Set<String> s = new LinkedHashSet<>();
    m.keySet().forEach(k -> s.add(String.valueOf(k)));
    return s;
  }
}
