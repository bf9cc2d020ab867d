package io.veil.job.plan;

import io.veil.job.config.TableConfig;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.SchemaProblem;
import io.veil.spark.TransformedField;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Everything needed to rewrite one table: its input, output columns, layout and paths. */
public final class TablePlan {
  private final TableConfig config;
  private final Dataset<Row> input;
  private final Map<ColumnPath, ColumnAction> rules;
  private final ColumnRewriter.Plan columns;
  private final List<String> partitionBy;
  private final String codec;
  private final Suppression suppression;
  private final Map<ColumnPath, List<ColumnAction>> hierarchies;
  private final Map<ColumnPath, Integer> levels;

  TablePlan(
      TableConfig config,
      Dataset<Row> input,
      Map<ColumnPath, ColumnAction> rules,
      List<String> partitionBy,
      String codec,
      Map<ColumnPath, List<ColumnAction>> hierarchies,
      Map<ColumnPath, Integer> levels) {
    this.config = config;
    this.input = input;
    this.rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    this.columns = ColumnRewriter.plan(input.schema(), rules, config.unlisted());
    this.partitionBy = List.copyOf(partitionBy);
    this.codec = codec;
    this.suppression = Suppression.of(config.privacy(), config.name());
    this.hierarchies = Collections.unmodifiableMap(new LinkedHashMap<>(hierarchies));
    this.levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
  }

  /** Problems of the columns' rules against the input's schema; empty for a plan to run. */
  List<SchemaProblem> problems() {
    return columns.problems();
  }

  /**
   * For {@code enforce = generalize}: per quasi-identifier with a hierarchy, its levels from 1 up,
   * bound to the input's column.
   */
  public Map<ColumnPath, List<ColumnAction>> hierarchies() {
    return hierarchies;
  }

  /** The generalization level of each quasi-identifier with a hierarchy (all 0 until chosen). */
  public Map<ColumnPath, Integer> levels() {
    return levels;
  }

  /**
   * This plan with its quasi-identifiers generalized to {@code chosen} (levels per path, 0 for the
   * value as it is): each becomes a column rule of op generalize, so everything downstream (the
   * report, verification, column metadata) sees an ordinary rule.
   */
  public TablePlan generalizedTo(Map<ColumnPath, Integer> chosen) {
    Map<ColumnPath, ColumnAction> generalized = new LinkedHashMap<>(rules);
    Map<ColumnPath, Integer> all = new LinkedHashMap<>(levels);
    chosen.forEach(
        (path, level) -> {
          if (level > 0) {
            generalized.put(path, hierarchies.get(path).get(level - 1));
          }
          all.put(path, level);
        });
    return new TablePlan(config, input, generalized, partitionBy, codec, hierarchies, all);
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

  /** What happens to rows of classes that break k, l or t, or null when they fail the run. */
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
