package io.veil.job.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The table report page, from report maps shaped as a run writes them; no Spark. */
class HtmlReportTest {
  static final String NASTY = "<b>x</b>&\"'y";

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, Object> bucket(long from, long to, long classes, long rows) {
    return map("from", from, "to", to, "classes", classes, "rows", rows);
  }

  /** A report with every section a run with privacy checks writes. */
  static Map<String, Object> report() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("run_id", "20261202T065018-870f6a5a");
    r.put("config_digest", "sha256:1be0");
    r.put("table", "customers");
    r.put("input", map("path", "sample-data/customers", "format", "parquet"));
    r.put("output", map("path", "/out/customers", "format", "parquet", "partition_by", List.of()));
    r.put(
        "transformed",
        List.of(
            map(
                "path",
                "email",
                "op",
                "replace",
                "with",
                "pseudonym",
                "key",
                "pii",
                "key_version",
                1,
                "original_type",
                "string",
                "result_type",
                "string"),
            map(
                "path",
                "birth_date",
                "op",
                "truncate",
                "unit",
                "year",
                "original_type",
                "date",
                "result_type",
                "date")));
    r.put("kept", List.of("customer_id", "country", "salary"));
    r.put("dropped", List.of("phone"));
    r.put(
        "verification",
        map(
            "row_count",
            "passed",
            "kept_checksums",
            map("customer_id", "passed"),
            "unchanged_values",
            map("email", 0L),
            "status",
            "passed"));
    r.put("durations_ms", map("write", 8101L, "verify", 51466L));
    r.put("rows_in", 2000L);
    r.put("rows_out", 2000L);
    r.put(
        "k_anonymity",
        map(
            "quasi_identifiers",
            List.of("birth_date", "country"),
            "entity",
            null,
            "k",
            5,
            "smallest_class",
            1L,
            "classes",
            137L,
            "classes_below_k",
            3L,
            "share_of_rows_below_k",
            0.0025,
            "enforce",
            "suppress-cells",
            "suppressed_rows",
            0L,
            "status",
            "passed",
            "class_size_histogram",
            List.of(
                bucket(1, 1, 2, 2),
                bucket(4, 7, 51, 288),
                bucket(16, 31, 41, 801),
                bucket(128, 255, 1, 151)),
            "rows_with_suppressed_cells",
            450L,
            "max_suppressed",
            0.5));
    r.put(
        "risk",
        map(
            "prosecutor_max", 0.2,
            "prosecutor_avg", 0.0685,
            "records_at_risk", 0.0,
            "sample_uniques", 0.0));
    r.put(
        "l_diversity",
        map(
            "l",
            null,
            "measure",
            "distinct",
            "smallest_l",
            4,
            "attributes",
            map(
                "salary",
                map(
                    "smallest_l",
                    4,
                    "smallest_distinct_l",
                    4,
                    "smallest_entropy_l",
                    3,
                    "classes_below_l",
                    0L)),
            "status",
            "measured"));
    r.put(
        "t_closeness",
        map(
            "t",
            null,
            "largest_t",
            0.387387328543433,
            "attributes",
            map(
                "salary",
                map(
                    "distance",
                    "ordered-earth-movers",
                    "largest_t",
                    0.3873,
                    "classes_above_t",
                    0L)),
            "status",
            "measured"));
    r.put(
        "utility",
        map(
            "rows_in",
            2000L,
            "rows_out",
            2000L,
            "quasi_identifiers",
            map(
                "birth_date",
                map(
                    "generalization_level",
                    0,
                    "cells_suppressed",
                    450L,
                    "distinct_before",
                    1922L,
                    "distinct_after",
                    68L)),
            "sensitive",
            map("salary", map("total_variation", 0.0))));
    r.put("leak_check", map("email", 0L));
    r.put("status", "published");
    return r;
  }

  @Test
  void everySectionHasItsHeadingAndFigures() {
    String html = HtmlReport.page(report());
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<title>Veil report: customers</title>"), html);
    for (String heading :
        List.of(
            "Table",
            "Columns",
            "Verification",
            "k-anonymity",
            "Classes by size",
            "Suppressed",
            "Re-identification risk",
            "l-diversity",
            "t-closeness",
            "Utility",
            "Leak check")) {
      assertTrue(html.contains(">" + heading + "</h"), heading);
    }
    assertTrue(html.contains("<code>email</code>"), html);
    assertTrue(html.contains("pseudonym"), html);
    assertTrue(html.contains("20.00%") || html.contains("20%"), "prosecutor_max as a percentage");
    assertTrue(html.contains("6.85%"), "prosecutor_avg as a percentage");
    assertTrue(html.contains("450"), "rows with suppressed cells");
    assertTrue(html.contains("0.3874"), "largest t, 4 places");
    assertTrue(html.contains("badge ok\">published"), html);
    assertTrue(html.contains("badge info\">measured"), html);
  }

  @Test
  void histogramIsInlineSvgOnALogScaleWithPowerOfTwoBuckets() {
    String html = HtmlReport.page(report());
    int start = html.indexOf("<svg");
    int end = html.indexOf("</svg>");
    assertTrue(start > 0 && end > start, "one inline svg");
    String svg = html.substring(start, end);
    // buckets from 1 to 255, the empty ones between filled in: 1, 2-3, 4-7 ... 128-255
    for (String label : List.of(">1<", ">2-3<", ">4-7<", ">8-15<", ">16-31<", ">128-255<")) {
      assertTrue(svg.contains(label), label);
    }
    assertTrue(svg.contains("log scale"), svg);
    List<double[]> bars = bars(svg); // [classes, height] per bar, in order
    assertEquals(8, bars.size(), svg);
    assertEquals(0, bars.get(1)[1], "2-3 holds no class");
    // 51 classes against 41: log-scale heights differ by log10(51/41), not in proportion
    assertEquals(Math.log10(51) / Math.log10(41), bars.get(2)[1] / bars.get(4)[1], 0.02);
    assertTrue(bars.get(7)[1] > 0, "a bucket of one class still shows");
    assertTrue(svg.contains("#c62f2f"), "the bucket wholly below k = 5 is red");
    assertTrue(svg.contains("#d08a1a"), "the bucket holding k is amber");
  }

  private static List<double[]> bars(String svg) {
    List<double[]> out = new ArrayList<>();
    Matcher m =
        Pattern.compile("height=\"([0-9.]+)\" fill=\"[^\"]+\"><title>size [^:]+: ([0-9,]+) classes")
            .matcher(svg);
    while (m.find()) {
      out.add(
          new double[] {
            Long.parseLong(m.group(2).replace(",", "")), Double.parseDouble(m.group(1))
          });
    }
    return out;
  }

  @Test
  void namesAreEscapedEverywhere() {
    Map<String, Object> r = report();
    r.put("table", NASTY);
    r.put("kept", List.of(NASTY));
    r.put("leak_check", map(NASTY, 0L));
    @SuppressWarnings("unchecked")
    Map<String, Object> k = (Map<String, Object>) r.get("k_anonymity");
    k.put("quasi_identifiers", List.of(NASTY));
    k.put("entity", NASTY);
    r.put("something_new", map(NASTY, NASTY));
    String html = HtmlReport.page(r);
    assertFalse(html.contains("<b>x</b>"), html);
    assertFalse(html.contains("&\"'y"), html);
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;&amp;&quot;&#39;y"), html);
  }

  @Test
  void unknownSectionsAndFieldsAreShownAsKeyValueTables() {
    Map<String, Object> r = report();
    r.put("future_measure", map("score", 0.125, "per_column", map("zip", 3L)));
    r.put("note_count", 7L);
    @SuppressWarnings("unchecked")
    Map<String, Object> risk = (Map<String, Object>) r.get("risk");
    risk.put("journalist_max", 0.5);
    String html = HtmlReport.page(r);
    assertTrue(html.contains(">future measure</h2>"), html);
    assertTrue(html.contains("<th>score</th><td>0.125</td>"), html);
    assertTrue(html.contains("<th>zip</th><td>3</td>"), html);
    assertTrue(html.contains(">note count</h2>"), html);
    assertTrue(html.contains("<th>journalist_max</th><td>0.5</td>"), html);
  }

  @Test
  void generalizationShowsLevelsAndSearchFigures() {
    Map<String, Object> r = report();
    r.put(
        "generalization",
        map(
            "levels",
            map("age", 2, "zip", 1),
            "nodes_in_lattice",
            60,
            "nodes_evaluated",
            14,
            "information_loss",
            0.31,
            "suppressed_rows",
            120L,
            "search_ms",
            5400L));
    String html = HtmlReport.page(r);
    assertTrue(html.contains(">Generalization</h2>"), html);
    assertTrue(html.contains("<td><code>age</code></td><td class=\"n\">2</td>"), html);
    assertTrue(html.contains("<b>60</b><span>nodes in the lattice</span>"), html);
    assertTrue(html.contains("<b>0.31</b><span>information loss</span>"), html);
    assertTrue(html.contains("<b>5,400</b><span>search (ms)</span>"), html);
  }

  @Test
  void failuresAndLeaksShowRedBadges() {
    Map<String, Object> r = report();
    r.put("leak_check", map("email", 3L));
    r.put("verification", map("row_count", "failed", "unchanged_values", map("email", 2L)));
    String html = HtmlReport.page(r);
    assertTrue(html.contains("badge bad\">leaked"), html);
    assertTrue(html.contains("badge bad\">failed</span> 2 unchanged"), html);
  }

  @Test
  void aReportWithoutPrivacyChecksStillRenders() {
    Map<String, Object> r = report();
    for (String k :
        List.of("k_anonymity", "risk", "l_diversity", "t_closeness", "utility", "leak_check")) {
      r.remove(k);
    }
    String html = HtmlReport.page(r);
    assertFalse(html.contains("<svg"), html);
    assertTrue(html.contains(">Verification</h2>"), html);
  }

  @Test
  void thePageReferencesNothingOutsideItself() {
    Map<String, Object> r = report();
    r.put(
        "generalization",
        map("levels", map("age", 2), "nodes_in_lattice", 60, "nodes_evaluated", 14));
    String html = HtmlReport.page(r).toLowerCase(java.util.Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (String s :
        List.of(
            "http:", "https:", "//", "<script", "<link", "src=", "href=", "@import", "url(",
            "xmlns")) {
      if (html.contains(s)) {
        found.add(s);
      }
    }
    assertEquals(List.of(), found);
  }
}
