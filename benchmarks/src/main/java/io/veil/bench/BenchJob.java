package io.veil.bench;

import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One timed job: a transformation of the benchmark table, written as Parquet like a copy. */
final class BenchJob {
  final String name;
  final String columns;
  final String baseline; // the job this one is compared with besides the copy; null for none
  final UnaryOperator<Dataset<Row>> transform;

  BenchJob(String name, String columns, String baseline, UnaryOperator<Dataset<Row>> transform) {
    this.name = name;
    this.columns = columns;
    this.baseline = baseline;
    this.transform = transform;
  }
}
