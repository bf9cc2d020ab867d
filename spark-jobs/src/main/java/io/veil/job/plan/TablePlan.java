package io.veil.job.plan;

import io.veil.job.config.TableConfig;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.TransformedField;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Everything needed to rewrite one table: its input, output columns, layout and paths. */
public final class TablePlan {
  private final TableConfig config;
  private final Dataset<Row> input;
  private final ColumnRewriter.Plan columns;
  private final List<String> partitionBy;
  private final String codec;
  private final Suppression suppression;

  TablePlan(
      TableConfig config,
      Dataset<Row> input,
      ColumnRewriter.Plan columns,
      List<String> partitionBy,
      String codec) {
    this.config = config;
    this.input = input;
    this.columns = columns;
    this.partitionBy = List.copyOf(partitionBy);
    this.codec = codec;
    this.suppression = Suppression.of(config.privacy());
  }

  public TableConfig config() {
    return config;
  }

  public String name() {
    return config.name();
  }

  public Dataset<Row> input() {
    return input;
  }

  /** The anonymized rows: the input with the output columns selected. Lazy, nothing runs. */
  public Dataset<Row> output() {
    return input.select(columns.columns().toArray(new Column[0]));
  }

  /** Rows dropped for k-anonymity ({@code enforce = suppress}), or null when none are. */
  public Suppression suppression() {
    return suppression;
  }

  /** The rows that are written: {@link #output()} less the suppressed ones. Lazy. */
  public Dataset<Row> rowsToWrite() {
    return suppression == null ? output() : suppression.apply(output(), null);
  }

  public List<Column> outputColumns() {
    return columns.columns();
  }

  public List<String> outputNames() {
    return columns.outputNames();
  }

  public List<TransformedField> transformed() {
    return columns.transformed();
  }

  public List<String> untouchedColumns() {
    return columns.untouchedColumns();
  }

  /** Fields left as they were inside columns changed elsewhere, for verification. */
  public List<io.veil.spark.ColumnPath> keptNestedPaths() {
    return columns.keptNestedPaths();
  }

  public List<String> droppedPaths() {
    return columns.droppedPaths();
  }

  public List<String> partitionBy() {
    return partitionBy;
  }

  public String codec() {
    return codec;
  }
}
