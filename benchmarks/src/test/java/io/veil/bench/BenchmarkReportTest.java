package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {
  private static BenchmarkReport report(double copySeconds, double maskSeconds) {
    List<Benchmark.Result> results =
        List.of(
            new Benchmark.Result(
                "copy",
                "all",
                null,
                new double[] {copySeconds, copySeconds + 1, copySeconds - 0.5}),
            new Benchmark.Result("spark mask()", "name", null, new double[] {maskSeconds}),
            new Benchmark.Result(
                "veil mask", "name", "spark mask()", new double[] {maskSeconds / 2}));
    return new BenchmarkReport(
        results, 1_000_000, "4.1.1", "local[2]", 1_234_567, 300_000_000L, 0, 2, null, List.of());
  }

  /** The table with the free-text jobs: 100,000 notes, 180 MB of text. */
  private static BenchmarkReport withText() {
    long notes = 100_000;
    long bytes = 180_000_000;
    List<Benchmark.Result> results =
        List.of(
            new Benchmark.Result("copy", "all", null, new double[] {10}),
            new Benchmark.Result(
                "copy notes", "notes", null, new double[] {3, 4.5, 2.5}, notes, bytes),
            new Benchmark.Result(
                "veil redact (type)", "notes", "copy notes", new double[] {6}, notes, bytes),
            new Benchmark.Result(
                "veil redact (pseudonym)", "notes", "copy notes", new double[] {9}, notes, bytes));
    return new BenchmarkReport(
        results, 1_000_000, "4.1.1", "local[2]", 1, 1, 0, 2, new double[] {41.25, 38.5}, List.of());
  }

  @Test
  void freeTextJobsHaveATableOfTheirOwnInMegabytesPerSecondPerCore() {
    BenchmarkReport report = withText();
    assertFalse(report.table().contains("redact"), report.table());
    assertFalse(report.table().contains("copy notes"), report.table());
    String text = report.textTable();
    // 180 MB in 3 s on 2 cores: 30 MB/s per core.
    assertTrue(
        text.contains(
            "| copy notes | notes | 100,000 | 180.0 | 3.00 | 30.0 | 1.00x | 3.00, 4.50, 2.50 |"),
        text);
    assertTrue(
        text.contains(
            "| veil redact (type) | notes | 100,000 | 180.0 | 6.00 | 15.0 | 2.00x | 6.00 |"),
        text);
    assertTrue(
        text.contains(
            "| veil redact (pseudonym) | notes | 100,000 | 180.0 | 9.00 | 10.0 | 3.00x | 9.00 |"),
        text);
    assertEquals("", report(10, 20).textTable());

    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    report.print(new java.io.PrintStream(out, true));
    assertTrue(out.toString().contains(text), out.toString());
    assertTrue(
        out.toString().contains("MB of UTF-8 text / median wall-clock s / 2 cores"),
        out.toString());
    assertTrue(
        out.toString()
            .contains(
                "TextRedactor.redact alone, one thread, on the same notes: 41.3 MB/s per core with ="
                    + " type, 38.5 MB/s with = pseudonym"),
        out.toString());
  }

  @Test
  void theMarkdownHoldsTheFreeTextTable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("benchmarks.md");
    withText().writeMarkdown(file);
    String md = Files.readString(file);
    assertTrue(md.contains(withText().textTable()), md);
    assertTrue(md.contains("with = pseudonym (CPU time, median of 3)."), md);
  }

  @Test
  void tableShowsMediansAndRatiosToTheCopyAndTheBuiltIn() {
    String table = report(10, 20).table();
    assertTrue(
        table.contains("| copy | all | 10.00 | 100,000 | 1.00x | - | 10.00, 11.00, 9.50 |"), table);
    assertTrue(table.contains("| spark mask() | name | 20.00 | 50,000 | 2.00x | - |"), table);
    assertTrue(table.contains("| veil mask | name | 10.00 | 100,000 | 1.00x | 0.50x |"), table);
  }

  @Test
  void rewritingTheMarkdownKeepsTheHandWrittenNotes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("docs/benchmarks.md");
    report(10, 20).writeMarkdown(file);
    String first = Files.readString(file);
    assertTrue(first.contains("Spark 4.1.1"), first);
    assertTrue(first.endsWith(BenchmarkReport.NOTES_MARKER + "\n"), first);

    Files.writeString(file, first + "\n## Notes\n\nWhy pseudonyms cost what they do.\n");
    report(12, 30).writeMarkdown(file);
    String second = Files.readString(file);
    assertTrue(second.contains("| copy | all | 12.00 |"), second);
    assertFalse(second.contains("| copy | all | 10.00 |"), second);
    assertTrue(
        second.endsWith(
            BenchmarkReport.NOTES_MARKER + "\n\n## Notes\n\nWhy pseudonyms cost what they do.\n"),
        second);
    assertEquals(1, second.split(BenchmarkReport.NOTES_MARKER, -1).length - 1);
  }

  @Test
  void heapLineSaysWhoseMemoryItIs() {
    java.io.ByteArrayOutputStream local = new java.io.ByteArrayOutputStream();
    report(10, 20).print(new java.io.PrintStream(local, true));
    assertTrue(
        local
            .toString()
            .contains("(max): 300 MB (driver and executors: local[2] runs them in one JVM)"),
        local.toString());
    java.io.ByteArrayOutputStream cluster = new java.io.ByteArrayOutputStream();
    new BenchmarkReport(
            List.of(),
            1000,
            "4.1.1",
            "spark://127.0.0.1:7077",
            1,
            64_000_000L,
            3,
            2,
            null,
            List.of())
        .print(new java.io.PrintStream(cluster, true));
    assertTrue(cluster.toString().contains("(max): 64 MB (the driver alone)"), cluster.toString());
  }

  @Test
  void saysWhetherTheTimedRunsCompiledCode() {
    java.io.ByteArrayOutputStream none = new java.io.ByteArrayOutputStream();
    report(10, 20).print(new java.io.PrintStream(none, true));
    assertTrue(
        none.toString().contains("compiled no generated code during the timed runs"),
        none.toString());
    java.io.ByteArrayOutputStream some = new java.io.ByteArrayOutputStream();
    new BenchmarkReport(List.of(), 1000, "4.1.1", "local[2]", 1, 1, 3, 2, null, List.of())
        .print(new java.io.PrintStream(some, true));
    assertTrue(
        some.toString().contains("compiled generated code 3 times during the timed runs"),
        some.toString());
  }

  @Test
  void onlySelectsJobsByAWordOfTheirName() {
    assertTrue(Benchmark.selected("veil encrypt randomized", List.of()));
    assertTrue(Benchmark.selected("veil encrypt randomized", List.of("mask", "encrypt")));
    assertFalse(Benchmark.selected("spark sha2()", List.of("mask", "encrypt")));
    // Words to leave out: alone they keep every other job.
    assertTrue(Benchmark.selected("veil mask (keep-first/last)", List.of("-census")));
    assertFalse(Benchmark.selected("copy census", List.of("-census")));
    assertFalse(Benchmark.selected("copy census", List.of("copy", "-census")));
    assertTrue(Benchmark.selected("copy", List.of("copy", "-census")));
    assertFalse(CensusBench.alone(List.of("-census")));
    assertTrue(Benchmark.textJobsSelected(List.of("redact")));
    assertTrue(Benchmark.textJobsSelected(List.of()));
    assertFalse(Benchmark.textJobsSelected(List.of("mask", "copy")));
  }
}
