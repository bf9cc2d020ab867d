package io.veil.job.rewrite;

import io.veil.job.report.HtmlReport;
import io.veil.job.report.RunReport;
import io.veil.job.report.TableReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A table's report as files: {@code _veil_report.json} and the page {@code _veil_report.html}. */
final class ReportFiles {
  private ReportFiles() {}

  static void write(FileSystem fs, Path directory, TableReport report) throws IOException {
    try (OutputStream out = fs.create(new Path(directory, TableRewriter.REPORT_FILE), true)) {
      out.write(RunReport.tableJson(report).getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = fs.create(new Path(directory, TableRewriter.HTML_REPORT_FILE), true)) {
      out.write(HtmlReport.page(report.toMap()).getBytes(StandardCharsets.UTF_8));
    }
  }
}
