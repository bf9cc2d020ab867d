package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.metrics.source.CodegenMetrics;
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

    Benchmark bench = new Benchmark(spark, data, dir.resolve("scratch").toString(), 1);
    bench.addJobs(List.of());
    bench.addSampleTablesCopy("copy customers and orders");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    long compilations = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    bench.run(new PrintStream(progress, true));
    assertTrue(
        CodegenMetrics.METRIC_COMPILATION_TIME().getCount() > compilations, "the counter counts");

    List<String> names = bench.results().stream().map(r -> r.name).toList();
    assertEquals(13, names.size(), names.toString());
    assertEquals(Benchmark.COPY, names.get(0));
    assertTrue(
        names.containsAll(
            List.of(
                "spark mask()",
                "veil pseudonym",
                "spark aes_encrypt() GCM",
                "veil encrypt format-preserving",
                "copy customers and orders")),
        names.toString());
    for (Benchmark.Result r : bench.results()) {
      assertEquals(1, r.seconds.length, r.name);
      assertTrue(r.medianSeconds > 0, r.name);
      assertTrue(progress.toString().contains(String.format("%-34s warm-up done", r.name)), r.name);
    }
    assertEquals(0, bench.timedCompilations(), "the warm-ups compile every job's code");
    assertTrue(bench.peakRetainedHeap() > 0);
    // The last job timed (format-preserving encryption) wrote the whole table, not the warm-up's.
    assertEquals(1000, spark.read().parquet(dir.resolve("scratch/out").toString()).count());
  }
}
