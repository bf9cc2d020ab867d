package io.veil.job.plan;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.Privacy;
import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.CompiledLambdas;
import io.veil.spark.PathValues;
import io.veil.spark.SchemaProblem;
import io.veil.spark.SparkErrors;
import io.veil.spark.op.Binding;
import io.veil.spark.op.KeyMismatchException;
import io.veil.spark.op.OperationDefinition;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Checks one table's config against its input's schema and builds the plan. Reads schemas and
 * Parquet footers only, never rows; every mismatch is reported at once (exit 3).
 */
public final class TablePlanner {
  private final SparkSession spark;
  private final KeyRing keys;

  public TablePlanner(SparkSession spark, KeyRing keys) {
    this.spark = spark;
    this.keys = keys;
    // Every nested path's ops and checks are lambdas over its arrays: compiled, not interpreted.
    CompiledLambdas.install(spark);
  }

  public TablePlan plan(TableConfig table) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> input = read(table);
    Map<ColumnPath, ColumnAction> rules = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (RuleConfig rule : table.rules()) {
      OperationDefinition definition = Operations.named(rule.settings().op()).orElseThrow();
      Binding binding =
          Binding.forRule(
              table.name(),
              rule.path(),
              rule.where(),
              input.schema(),
              table.invalidToNull(),
              keys,
              input::col);
      try {
        rules.put(rule.path(), definition.bind(rule.settings(), binding));
      } catch (KeyMismatchException e) {
        // A key that does not fit its use is the config's problem, at the key's definition (exit
        // 2).
        throw new InvalidConfigException(
            List.of(new ConfigProblem(keys.where(e.key()), e.getMessage())));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage() + " (" + rule.where() + ")");
      }
    }
    Map<ColumnPath, List<ColumnAction>> hierarchies = bindHierarchies(table, input, problems);
    Map<ColumnPath, Integer> levels = new LinkedHashMap<>();
    hierarchies.keySet().forEach(path -> levels.put(path, 0));
    ColumnRewriter.Plan columns = ColumnRewriter.plan(input.schema(), rules, table.unlisted());
    for (SchemaProblem p : columns.problems()) {
      problems.add(p.message() + whereOf(table, p.path()));
    }
    if (problems.isEmpty()) {
      StructType output =
          input.select(columns.columns().toArray(new org.apache.spark.sql.Column[0])).schema();
      for (ColumnPath q : table.privacy().quasiIdentifiers()) {
        try {
          PathValues.typeOf(output, q);
          if (PathValues.isMulti(q)) {
            problems.add(
                "Invalid quasi-identifier "
                    + q
                    + ": it must name one value per row, not values in an array or map");
          }
        } catch (RuntimeException e) {
          problems.add(
              "Invalid quasi-identifier " + q + ": no such column in the output (is it dropped?)");
        }
      }
      Privacy privacy = table.privacy();
      if (privacy.suppressCells()) {
        for (ColumnPath q : privacy.quasiIdentifiers()) {
          if (!q.equals(ColumnPath.column(q.column()))) {
            problems.add(
                "Invalid quasi-identifier "
                    + q
                    + " for enforce = suppress-cells: it nulls top-level columns, and "
                    + q
                    + " is a field inside "
                    + q.column());
          }
        }
      }
      List<ColumnPath> measured = new ArrayList<>(privacy.sensitive());
      if (privacy.entity() != null) {
        measured.add(0, privacy.entity());
      }
      for (ColumnPath m : measured) {
        String what = m.equals(privacy.entity()) ? "entity" : "sensitive attribute";
        try {
          PathValues.typeOf(output, m);
          if (PathValues.isMulti(m)) {
            problems.add(
                "Invalid "
                    + what
                    + " "
                    + m
                    + ": it must name one value per row, not values in an array or map");
          }
        } catch (RuntimeException e) {
          problems.add(
              "Invalid "
                  + what
                  + " "
                  + m
                  + ": no such column in the output (is it dropped? pseudonymize it instead: the"
                  + " measures need its values, not what they are)");
        }
      }
    }
    InputLayout layout =
        table.inputTable() != null
            ? InputLayout.ofCatalogTable(spark, table.inputTable())
            : InputLayout.of(hadoop, table.inputPath(), table.inputFormat());
    List<String> partitionBy =
        table.partitionBy() != null ? table.partitionBy() : layout.partitionColumns();
    for (String column : partitionBy) {
      if (!columns.outputNames().contains(column)) {
        problems.add(
            "Cannot partition the output by "
                + column
                + ": "
                + (input.schema().getFieldIndex(column).isDefined()
                    ? "the column is dropped"
                    : "no such column")
                + (table.partitionBy() != null
                    ? " (output.partition-by)"
                    : " (the input is partitioned by it)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new SchemaMismatchException(table.name(), table.where(), problems);
    }
    String codec = "input".equals(table.compression()) ? layout.codec() : table.compression();
    return new TablePlan(table, input, rules, partitionBy, codec, hierarchies, levels);
  }

  /**
   * Each hierarchy level bound to its quasi-identifier's input column, as a column rule would be; a
   * level that does not take the column's type is a problem (a quasi-identifier with a hierarchy
   * has no op of its own, so its input column is what is generalized).
   */
  private Map<ColumnPath, List<ColumnAction>> bindHierarchies(
      TableConfig table, Dataset<Row> input, List<String> problems) {
    Map<ColumnPath, List<ColumnAction>> bound = new LinkedHashMap<>();
    OperationDefinition generalize = Operations.named("generalize").orElseThrow();
    for (Map.Entry<ColumnPath, List<OperationSettings>> h :
        table.privacy().hierarchies().entrySet()) {
      ColumnPath path = h.getKey();
      DataType type;
      try {
        type = PathValues.typeOf(input.schema(), path);
      } catch (RuntimeException e) {
        problems.add("Invalid hierarchy " + path + ": no such column in the input");
        continue;
      }
      Binding binding =
          Binding.forRule(
              table.name(),
              path,
              table.where(),
              input.schema(),
              table.invalidToNull(),
              keys,
              input::col);
      List<ColumnAction> levels = new ArrayList<>();
      for (int i = 0; i < h.getValue().size(); i++) {
        ColumnAction action = generalize.bind(h.getValue().get(i), binding);
        String why = action.operation().rejectType(type);
        if (why != null) {
          problems.add(
              "Invalid level "
                  + (i + 1)
                  + " of the hierarchy of "
                  + path
                  + ": "
                  + why
                  + ", and "
                  + path
                  + " is "
                  + type.simpleString());
          break;
        }
        levels.add(action);
      }
      bound.put(path, levels);
    }
    return bound;
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
    if (table.inputTable() != null) {
      try {
        return spark.table(table.inputTable());
      } catch (Exception e) {
        throw new SchemaMismatchException(
            table.name(),
            table.where(),
            List.of(
                "Cannot read input table "
                    + table.inputTable()
                    + ": "
                    + SparkErrors.describe(e)
                    + " (is the table in a catalog this Spark session has?)"));
      }
    }
    try {
      return spark
          .read()
          .format(table.inputFormat())
          .options(table.inputOptions())
          .load(table.inputPath());
    } catch (Exception e) {
      // Not Spark's message: schema inference of CSV and JSON reads rows, which it can quote.
      String reason = SparkErrors.describe(e);
      throw new SchemaMismatchException(
          table.name(),
          table.where(),
          List.of(
              "Cannot read input "
                  + table.inputPath()
                  + " as "
                  + table.inputFormat()
                  + ": "
                  + reason));
    }
  }
}
