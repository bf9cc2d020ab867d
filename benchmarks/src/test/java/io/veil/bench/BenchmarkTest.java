package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark end to end on a small table: it generates its tables and their warm-up copies,
 * warms up and times every operation job, and its warm-ups leave Spark nothing to compile in the
 * timed runs (so those time the jobs, not Spark's compiler). Timings themselves are not checked.
 */
class BenchmarkTest {
  @Test
  void warmsUpOnItsOwnTablesThenTimesEveryJob(@TempDir Path dir) {
    SparkSession spark = SharedSpark.get();
    String data = dir.resolve("data").toString();
    Benchmark.generate(spark, data, 1000);
    for (String table : List.of("customers", "orders", Benchmark.FLAT)) {
      long rows = table.equals("orders") ? 2000 : 1000; // two orders per customer
      assertEquals(rows, spark.read().parquet(data + "/" + table).count(), table);
      assertTrue(
          Files.exists(Path.of(Benchmark.warmUpData(data), table, "_SUCCESS")), "warm-up " + table);
    }
    // The notes: as many as rows at this size, NotesGenerator's of seed 42 (43 to warm up).
    List<Row> notes =
        spark.read().parquet(data + "/" + Benchmark.NOTES).orderBy("note_id").collectAsList();
    assertEquals(1000, notes.size());
    for (Row n : List.of(notes.get(0), notes.get(999))) {
      assertEquals(NotesGenerator.note(42, n.getLong(0)).text(), n.getString(1));
    }
    Row warm = spark.read().parquet(Benchmark.warmUpData(data) + "/" + Benchmark.NOTES).first();
    assertEquals(NotesGenerator.note(43, warm.getLong(0)).text(), warm.getString(1));

    Benchmark bench = new Benchmark(spark, data, dir.resolve("scratch").toString(), 1);
    bench.addJobs(List.of());
    bench.addSampleTablesCopy("copy customers and orders");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    long compilations = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    bench.run(new PrintStream(progress, true));
    assertTrue(
        CodegenMetrics.METRIC_COMPILATION_TIME().getCount() > compilations, "the counter counts");

    List<String> names = bench.results().stream().map(r -> r.name).toList();
    assertEquals(20, names.size(), names.toString());
    assertEquals(Benchmark.COPY, names.get(0));
    assertTrue(
        names.containsAll(
            List.of(
                "spark mask()",
                "veil pseudonym",
                "veil pseudonym (shift's columns)",
                "veil shift",
                "veil pseudonym (noise's columns)",
                "veil noise",
                "spark aes_encrypt() GCM",
                "veil encrypt format-preserving",
                "copy notes",
                "veil redact (type)",
                "veil redact (pseudonym)",
                "copy customers and orders")),
        names.toString());
    long notesBytes =
        notes.stream().mapToLong(n -> n.getString(1).getBytes(StandardCharsets.UTF_8).length).sum();
    for (Benchmark.Result r : bench.results()) {
      boolean text = r.name.contains("notes") || r.name.contains("redact");
      assertEquals(text ? 1000 : 0, r.textRows, r.name);
      assertEquals(text ? notesBytes : 0, r.textBytes, r.name);
      assertEquals(1, r.seconds.length, r.name);
      assertTrue(r.medianSeconds > 0, r.name);
      assertTrue(progress.toString().contains(String.format("%-34s warm-up done", r.name)), r.name);
    }
    assertEquals(0, bench.timedCompilations(), "the warm-ups compile every job's code");
    assertTrue(bench.peakRetainedHeap() > 0);
    // The last job timed (redact to pseudonyms) wrote the whole notes table, not the warm-up's,
    // each note redacted.
    Row out =
        spark.read().parquet(dir.resolve("scratch/out").toString()).where("note_id = 0").first();
    assertFalse(NotesGenerator.note(42, 0).pii().isEmpty());
    assertEquals(1000, spark.read().parquet(dir.resolve("scratch/out").toString()).count());
    NotesGenerator.note(42, 0).pii().forEach(v -> assertFalse(out.getString(1).contains(v), v));
    assertTrue(out.getString(1).contains("[IP_ADDRESS:"), out.getString(1));
    String report =
        new BenchmarkReport(
                bench.results(), 1000, spark.version(), "local[2]", 1, 1, 0, 2, null, List.of())
            .textTable();
    for (String job : List.of("copy notes", "veil redact (type)", "veil redact (pseudonym)")) {
      assertTrue(report.contains("| " + job + " | "), report);
    }
  }
}
