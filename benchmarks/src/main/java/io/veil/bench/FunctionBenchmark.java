package io.veil.bench;

import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.EncryptOperation;
import io.veil.spark.PseudonymOperation;
import io.veil.spark.StringOperation;
import io.veil.spark.sql.VeilFunctions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Measures what Veil's string functions cost in Spark, apart from reading and writing files: the
 * masks and pseudonyms as plain Java UDFs (what the SQL functions run: Spark turns each value into
 * a Java string and the result back) against the same functions on Spark's UTF-8 bytes through
 * {@code Invoke} (what the job runs, {@code io.veil.spark.Utf8Function}), and Spark's built-in
 * {@code mask()} and {@code sha2()} for reference; then randomized encryption the same two ways,
 * and Spark's {@code aes_encrypt}.
 *
 * <p>Strings are generated and cached in memory first, so each run measures reading the cached
 * column, the function, and Spark's {@code noop} sink; the baseline is the cost of that alone. Runs
 * interleave the variants (so load from other processes spreads over all of them) and the median of
 * {@code runs} after one warm-up run of each is reported, as wall time and as the CPU time of this
 * JVM (all threads), which other processes on a shared machine disturb far less.
 *
 * <pre>
 *   mvn -q -B -DskipTests package -pl spark-jobs,benchmarks -am
 *   java $(cat spark-jobs/target/jvm-flags.txt) \
 *     -cp spark-jobs/target/veil-spark-jobs-0.1.0-SNAPSHOT-all.jar:benchmarks/target/veil-benchmarks-0.1.0-SNAPSHOT.jar:$(cat spark-jobs/target/spark-classpath.txt) \
 *     io.veil.bench.FunctionBenchmark [rows, default 3000000] [runs, default 3]
 * </pre>
 */
public final class FunctionBenchmark {

  /** One variant's times: every measured run, wall and CPU, in milliseconds. */
  public record Timing(String variant, long rows, List<Long> millis, List<Long> cpuMillis) {
    public long medianMillis() {
      return median(millis);
    }

    public long medianCpuMillis() {
      return median(cpuMillis);
    }

    private static long median(List<Long> values) {
      List<Long> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Rows per second, in millions, at the median. */
    public double millionRowsPerSecond() {
      return rows / 1000.0 / Math.max(1, medianMillis());
    }
  }

  private FunctionBenchmark() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 3_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("veil-function-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    List<Timing> timings = run(spark, rows, runs);
    System.out.print(format(timings));
    spark.stop();
  }

  /**
   * Runs every variant on {@code rows} generated strings in {@code spark} (Veil's functions are
   * registered in it if they are not yet) and returns the timings, the baseline first.
   */
  public static List<Timing> run(SparkSession spark, long rows, int runs) {
    VeilFunctions.register(spark);
    Dataset<Row> data =
        spark
            .range(rows)
            .selectExpr(
                "concat(element_at(array('Wang Wei ', 'li.na@example.com ', '+86 138-1234-5678 ', 'Müller Jürgen ',"
                    + " '欧阳娜 ', 'John Smith '), CAST(id % 6 + 1 AS INT)), CAST(id AS STRING)) AS s")
            .repartition(2)
            .cache();
    data.count();
    Map<String, Column> variants = new LinkedHashMap<>();
    Column s = data.col("s");
    Masker positional = Masker.positional(3, 4, '*');
    Masker classes = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    Pseudonymizer pseudonymizer = new Pseudonymizer(KeyMaterial.random(32), "", 20);
    variants.put("read and write only (baseline)", s);
    variants.put(
        "veil_mask(s, 3, 4): Java UDF (the SQL function)", functions.expr("veil_mask(s, 3, 4)"));
    variants.put(
        "keep-first/last mask on UTF-8 bytes (the job)",
        StringOperation.mask("veil_mask", positional, null).apply(s, DataTypes.StringType));
    variants.put(
        "veil_mask_classes(s, 'X', 'x', 'n', NULL, NULL): Java UDF",
        functions.expr("veil_mask_classes(s, 'X', 'x', 'n', NULL, NULL)"));
    variants.put(
        "class mask on UTF-8 bytes (the job)",
        StringOperation.mask("veil_mask", classes, null).apply(s, DataTypes.StringType));
    variants.put("mask(s): Spark built-in, same output", functions.expr("mask(s)"));
    variants.put(
        "pseudonym: Java UDF (the SQL function)",
        new PseudonymOperation(pseudonymizer).apply(s, DataTypes.StringType));
    variants.put(
        "pseudonym on UTF-8 bytes (the job)",
        PseudonymOperation.onBytes(pseudonymizer).apply(s, DataTypes.StringType));
    variants.put("sha2(s, 256): Spark built-in, unkeyed", functions.sha2(s, 256));
    KeyMaterial aes = KeyMaterial.random(32);
    ColumnCipher gcm =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED,
            ColumnCipher.Envelope.VEIL,
            new Keyset("k", Map.of(1, aes), 1),
            null);
    EncryptOperation.ColumnEncryptionFactory sealing =
        t -> ColumnEncryption.of(gcm, t, false, "column s", false);
    variants.put(
        "encrypt randomized: Java UDF (the SQL function)",
        new EncryptOperation(sealing, false, false, false, true).apply(s, DataTypes.StringType));
    variants.put(
        "encrypt randomized on UTF-8 bytes (the job)",
        EncryptOperation.onBytes(sealing, false, false, false, true)
            .apply(s, DataTypes.StringType));
    variants.put(
        "base64(aes_encrypt(s, key, 'GCM')): Spark built-in",
        functions.base64(
            functions.expr(
                "aes_encrypt(s, unbase64('"
                    + Base64.getEncoder().encodeToString(aes.copyBytes())
                    + "'), 'GCM')")));

    Map<String, List<Long>> wall = new LinkedHashMap<>();
    Map<String, List<Long>> cpu = new LinkedHashMap<>();
    for (Map.Entry<String, Column> v : variants.entrySet()) {
      time(data, v.getValue()); // warm-up: class loading, code generation, JIT
      wall.put(v.getKey(), new ArrayList<>());
      cpu.put(v.getKey(), new ArrayList<>());
    }
    for (int r = 0; r < runs; r++) {
      for (Map.Entry<String, Column> v : variants.entrySet()) {
        long[] t = time(data, v.getValue());
        wall.get(v.getKey()).add(t[0]);
        cpu.get(v.getKey()).add(t[1]);
      }
    }
    data.unpersist();
    List<Timing> out = new ArrayList<>();
    wall.forEach(
        (variant, millis) ->
            out.add(new Timing(variant, rows, List.copyOf(millis), List.copyOf(cpu.get(variant)))));
    return out;
  }

  /** A table of the timings: variant, median, throughput and every run. */
  public static String format(List<Timing> timings) {
    StringBuilder b = new StringBuilder();
    long rows = timings.isEmpty() ? 0 : timings.get(0).rows();
    b.append(
        String.format(
            Locale.ROOT,
            "%,d rows, local[2]; median of %d runs after a warm-up (wall, and CPU"
                + " of all JVM threads)%n",
            rows,
            timings.isEmpty() ? 0 : timings.get(0).millis().size()));
    for (Timing t : timings) {
      b.append(
          String.format(
              Locale.ROOT,
              "  %-70s wall %6d ms %6.2f M rows/s  cpu %6d ms  runs %s cpu %s%n",
              t.variant(),
              t.medianMillis(),
              t.millionRowsPerSecond(),
              t.medianCpuMillis(),
              t.millis(),
              t.cpuMillis()));
    }
    return b.toString();
  }

  /** Wall and process CPU milliseconds of one run. */
  static long[] time(Dataset<Row> data, Column... c) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    data.select(c).write().format("noop").mode("overwrite").save();
    return new long[] {
      (System.nanoTime() - start) / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000
    };
  }
}
