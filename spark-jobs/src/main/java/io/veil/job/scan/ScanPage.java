package io.veil.job.scan;

import io.veil.job.report.HtmlPage;
import io.veil.scan.ColumnFinding;
import io.veil.scan.QuasiIdentifierSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code veil scan --html FILE} writes: the findings as one self-contained HTML page, built
 * from the {@link ScanReport}'s names, types, shares and counts, never a sampled value.
 */
public final class ScanPage {
  private ScanPage() {}

  public static String html(ScanReport report) {
    HtmlPage page = new HtmlPage("Veil scan: " + report.path());
    page.heading(1, "Scan of " + report.path())
        .paragraph(
            String.format(
                Locale.ROOT,
                "%s table, %,d of %,d rows sampled. A scan samples and infers: review every"
                    + " column before relying on it.",
                report.format(),
                report.sampledRows(),
                report.tableRows()));
    int pii = 0;
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < report.findings().size(); i++) {
      ColumnFinding f = report.findings().get(i);
      LeafField leaf = report.leaves().get(i);
      if (f.isPii()) {
        pii++;
      }
      rows.add(
          List.of(
              "<code>" + HtmlPage.escape(f.column()) + "</code>",
              HtmlPage.escape(leaf.type().catalogString()),
              f.isPii()
                  ? "<span class=\"badge warn\">" + HtmlPage.escape(f.type().label()) + "</span>"
                  : "–",
              HtmlPage.percent(f.share()),
              HtmlPage.escape(String.format(Locale.ROOT, "%.2f", f.confidence())),
              HtmlPage.escape(ScanReport.details(f))));
    }
    page.openSection("findings", "Columns")
        .paragraph(pii + " of " + report.findings().size() + " columns hold personal data.")
        .table(List.of("column", "type", "personal data", "#share", "#confidence", "details"), rows)
        .closeSection();
    if (report.quasiIdentifiers() != null) {
      quasiIdentifiers(page, report.quasiIdentifiers());
    }
    return page.finish(
        "Written by veil scan. It holds column names, types, shares and counts, never a sampled"
            + " value.");
  }

  private static void quasiIdentifiers(HtmlPage page, ScanReport.QuasiIdentifiers q) {
    String unit = q.entity() == null ? "rows" : "entities (" + q.entity() + ")";
    page.openSection("quasi_identifiers", "Columns that single out sampled rows")
        .paragraph(
            "Combinations of up to "
                + q.maxColumns()
                + " columns whose classes hold fewer than k = "
                + q.k()
                + " "
                + unit
                + " in the sample. Direct identifiers and near-unique columns are left out; a"
                + " sample has smaller classes than the table.");
    if (q.combinations().isEmpty()) {
      page.paragraph("None: every combination's classes hold at least k in the sample.");
    } else {
      List<List<String>> rows = new ArrayList<>();
      for (QuasiIdentifierSearch.Combination c : q.combinations()) {
        List<String> names = new ArrayList<>();
        for (String column : c.columns()) {
          names.add("<code>" + HtmlPage.escape(column) + "</code>");
        }
        rows.add(
            List.of(
                String.join(" + ", names),
                HtmlPage.text(c.singledOut()),
                HtmlPage.percent(c.share()),
                HtmlPage.text(c.unique())));
      }
      page.table(List.of("columns", "#singled out", "#share", "#sample uniques"), rows);
    }
    page.closeSection();
  }

  /** Writes the page to {@code file}, which must not exist (a scan never overwrites a file). */
  public static void write(ScanReport report, Path file) {
    try {
      Files.writeString(
          file,
          html(report),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException(
          "Cannot write " + file + ": the file exists (veil scan never overwrites one)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
