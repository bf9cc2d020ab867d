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
    return new BenchmarkReport(results, 1_000_000, "4.1.1", "local[2]", 1_234_567, 300_000_000L, 0);
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
    new BenchmarkReport(List.of(), 1000, "4.1.1", "spark://127.0.0.1:7077", 1, 64_000_000L, 3)
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
    new BenchmarkReport(List.of(), 1000, "4.1.1", "local[2]", 1, 1, 3)
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
  }
}
