package io.veil.job.plan;

import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.PathValues;
import io.veil.spark.SchemaProblem;
import io.veil.spark.SparkErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Checks one table's config against its input's schema and builds the plan. Reads schemas and
 * Parquet footers only, never rows; every mismatch is reported at once (exit 3).
 */
public final class TablePlanner {
  private final SparkSession spark;
  private final OperationFactory operations;

  public TablePlanner(SparkSession spark, OperationFactory operations) {
    this.spark = spark;
    this.operations = operations;
  }

  public TablePlan plan(TableConfig table) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> input = read(table);
    Map<ColumnPath, ColumnAction> rules = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (RuleConfig rule : table.rules()) {
      try {
        rules.put(rule.path(), operations.create(rule, table, input.schema()));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage() + " (" + rule.where() + ")");
      }
    }
    ColumnRewriter.Plan columns = ColumnRewriter.plan(input.schema(), rules, table.unlisted());
    for (SchemaProblem p : columns.problems()) {
      problems.add(p.message() + whereOf(table, p.path()));
    }
    if (problems.isEmpty()) {
      StructType output = input.select(columns.columns().toArray(new org.apache.spark.sql.Column[0])).schema();
      for (ColumnPath q : table.privacy().quasiIdentifiers()) {
        try {
          PathValues.typeOf(output, q);
          if (PathValues.isMulti(q)) {
            problems.add("Invalid quasi-identifier " + q + ": it must name one value per row, not values in an array or map");
          }
        } catch (RuntimeException e) {
          problems.add("Invalid quasi-identifier " + q + ": no such column in the output (is it dropped?)");
        }
      }
    }
    InputLayout layout = InputLayout.of(hadoop, table.inputPath(), table.inputFormat());
    List<String> partitionBy = table.partitionBy() != null ? table.partitionBy() : layout.partitionColumns();
    for (String column : partitionBy) {
      if (!columns.outputNames().contains(column)) {
        problems.add("Cannot partition the output by " + column + ": "
            + (input.schema().getFieldIndex(column).isDefined() ? "the column is dropped" : "no such column")
            + (table.partitionBy() != null ? " (output.partition-by)" : " (the input is partitioned by it)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(table.name(), table.where(), problems);
    }
    String codec = "input".equals(table.compression()) ? layout.codec() : table.compression();
    return new TablePlan(table, input, columns, partitionBy, codec);
  }

  private static String whereOf(TableConfig table, String path) {
    for (RuleConfig r : table.rules()) {
      if (r.path().toString().equals(path)) {
        return " (" + r.where() + ")";
      }
    }
    return "";
  }

  private Dataset<Row> read(TableConfig table) {
    try {
      return spark.read().format(table.inputFormat()).options(table.inputOptions()).load(table.inputPath());
    } catch (Exception e) {
      // Not Spark's message: schema inference of CSV and JSON reads rows, which it can quote.
      String reason = SparkErrors.describe(e);
      throw new SchemaMismatchException(table.name(), table.where(),
          List.of("Cannot read input " + table.inputPath() + " as " + table.inputFormat() + ": " + reason));
    }
  }
}
