package io.veil.bench;

import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.PseudonymOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * What shift and noise cost in Spark apart from reading and writing files, against the pseudonym of
 * the same columns (the bench's baselines for them, {@link Benchmark#newOperations}) and against
 * Spark's own date arithmetic with a constant offset: the part of shift that is Spark's. As {@link
 * FunctionBenchmark}: the columns are generated and cached first, each variant writes to Spark's
 * {@code noop} sink, interleaved runs after a warm-up, medians of wall and CPU time.
 *
 * <pre>
 *   java $(cat spark-jobs/target/jvm-flags.txt) \
 *     -cp spark-jobs/target/veil-spark-jobs-0.1.0-SNAPSHOT-all.jar:benchmarks/target/veil-benchmarks-0.1.0-SNAPSHOT.jar:$(cat spark-jobs/target/spark-classpath.txt) \
 *     io.veil.bench.NewOperationsBenchmark [rows, default 2000000] [runs, default 3]
 * </pre>
 */
public final class NewOperationsBenchmark {
  private NewOperationsBenchmark() {}

  public static void main(String[] args) {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("veil-new-operations-benchmark")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    System.out.print(FunctionBenchmark.format(run(spark, rows, runs)));
    spark.stop();
  }

  /** Every variant on {@code rows} generated customers; the baseline first. */
  public static List<FunctionBenchmark.Timing> run(SparkSession spark, long rows, int runs) {
    Dataset<Row> data =
        spark
            .range(rows)
            .selectExpr(
                "id + 1 AS customer_id",
                "date_add(DATE'1940-01-01', CAST(id * 7919 % 25000 AS INT)) AS birth_date",
                "timestamp_seconds(1400000000 + id * 104729 % 300000000) AS signup_ts",
                "CAST(20000 + id * 7907 % 180000 AS INT) AS salary")
            .repartition(2)
            .cache();
    data.count();
    KeyMaterial key = KeyMaterial.random(32);
    PseudonymOperation pseudonym = PseudonymOperation.onBytes(new Pseudonymizer(key, "", 20));
    Map<String, UnaryOperator<Dataset<Row>>> variants = new LinkedHashMap<>();
    variants.put("read only (baseline)", df -> df);
    for (BenchJob job : Benchmark.newOperations(key, pseudonym)) {
      variants.put(job.name + ": " + job.columns, job.transform);
    }
    variants.put(
        "spark date_add and timestamp_add, constant 42 days",
        df ->
            df.withColumn("birth_date", functions.date_add(df.col("birth_date"), 42))
                .withColumn(
                    "signup_ts",
                    functions.timestamp_add("DAY", functions.lit(42L), df.col("signup_ts"))));
    Map<String, List<Long>> wall = new LinkedHashMap<>();
    Map<String, List<Long>> cpu = new LinkedHashMap<>();
    Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, UnaryOperator<Dataset<Row>>> v : variants.entrySet()) {
      Dataset<Row> out = v.getValue().apply(data);
      outputs.put(v.getKey(), out);
      FunctionBenchmark.time(out, all(out)); // warm-up
      wall.put(v.getKey(), new ArrayList<>());
      cpu.put(v.getKey(), new ArrayList<>());
    }
    for (int r = 0; r < runs; r++) {
      for (Map.Entry<String, Dataset<Row>> v : outputs.entrySet()) {
        long[] t = FunctionBenchmark.time(v.getValue(), all(v.getValue()));
        wall.get(v.getKey()).add(t[0]);
        cpu.get(v.getKey()).add(t[1]);
      }
    }
    data.unpersist();
    List<FunctionBenchmark.Timing> out = new ArrayList<>();
    wall.forEach(
        (variant, millis) ->
            out.add(
                new FunctionBenchmark.Timing(
                    variant, rows, List.copyOf(millis), List.copyOf(cpu.get(variant)))));
    return out;
  }

  private static Column[] all(Dataset<Row> df) {
    Column[] cs = new Column[df.columns().length];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = df.col(df.columns()[i]);
    }
    return cs;
  }
}
