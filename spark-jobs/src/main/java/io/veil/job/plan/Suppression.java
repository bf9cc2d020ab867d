package io.veil.job.plan;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.PathValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * What happens to rows in classes smaller than k, when the table asks for more than failing. A
 * transformation of what is written, so it is planned with the columns and applied by the rewrite;
 * verification only reads its counts.
 *
 * <ul>
 *   <li>{@code enforce = suppress}: those rows are not written.
 *   <li>{@code enforce = suppress-cells}: their quasi-identifier values are nulled instead, one
 *       quasi-identifier at a time in the order the table lists them (list the most specific
 *       first): a row whose class is below k loses its first quasi-identifier's value; classes are
 *       formed again, and a row still in a class below k loses the next one; and so on. A row that
 *       joins a class of k stops losing values, so rows keep as many values as the order allows. A
 *       row still below k with every value nulled fails the k-anonymity check, and more rows than
 *       {@code max-suppressed} losing values fails the run.
 * </ul>
 *
 * With an {@code entity}, class sizes count distinct entities, as the check does.
 */
public final class Suppression {
  /** The name of the observed count of dropped rows. */
  public static final String SUPPRESSED = "suppressed";

  /** The name of the observed count of rows that lost at least one value. */
  public static final String ROWS_WITH_CELLS = "rows_with_suppressed_cells";

  /** The observed count of values nulled in quasi-identifier {@code i}. */
  public static String cells(int i) {
    return "suppressed_cells_" + i;
  }

  private static final String CLASS_SIZE = "__veil_class_size";
  private static final String LOST = "__veil_lost";
  private final Privacy privacy;

  private Suppression(Privacy privacy) {
    this.privacy = privacy;
  }

  /** The table's suppression, or null when it suppresses nothing. */
  static Suppression of(Privacy privacy) {
    return (privacy.suppress() || privacy.suppressCells()) && !privacy.quasiIdentifiers().isEmpty()
        ? new Suppression(privacy)
        : null;
  }

  /** Whether values are nulled rather than rows dropped. */
  public boolean cells() {
    return privacy.suppressCells();
  }

  /**
   * The rows of {@code output} as written; counts what was suppressed in {@code counted} when
   * given.
   */
  public Dataset<Row> apply(Dataset<Row> output, Observation counted) {
    return privacy.suppressCells() ? nullCells(output, counted) : dropRows(output, counted);
  }

  private Dataset<Row> dropRows(Dataset<Row> output, Observation counted) {
    Column[] keys = privacy.quasiIdentifiers().stream().map(PathValues::at).toArray(Column[]::new);
    Dataset<Row> sized = output.withColumn(CLASS_SIZE, classSize(keys));
    Column small = functions.col(CLASS_SIZE).lt(privacy.k());
    if (counted != null) {
      sized =
          sized.observe(
              counted, functions.sum(functions.when(small, 1L).otherwise(0L)).as(SUPPRESSED));
    }
    return sized.where(functions.not(small)).drop(CLASS_SIZE);
  }

  private Dataset<Row> nullCells(Dataset<Row> output, Observation counted) {
    List<ColumnPath> qi = privacy.quasiIdentifiers();
    Dataset<Row> out = output.withColumn(LOST, functions.lit(false));
    List<Column> metrics = new ArrayList<>();
    for (int i = 0; i < qi.size(); i++) {
      Column[] keys = qi.stream().map(PathValues::at).toArray(Column[]::new);
      String name = ColumnRewriter.quoteForColumn(qi.get(i).column());
      Column value = functions.col(name);
      Column small = classSize(keys).lt(privacy.k());
      String nulled = "__veil_nulled_" + i;
      out =
          out.withColumn(nulled, small.and(value.isNotNull()))
              .withColumn(qi.get(i).column(), functions.when(small, null).otherwise(value))
              .withColumn(LOST, functions.col(LOST).or(functions.col(nulled)));
      metrics.add(
          functions.sum(functions.when(functions.col(nulled), 1L).otherwise(0L)).as(cells(i)));
    }
    metrics.add(
        functions.sum(functions.when(functions.col(LOST), 1L).otherwise(0L)).as(ROWS_WITH_CELLS));
    metrics.add(functions.lit(0L).as(SUPPRESSED));
    if (counted != null) {
      out =
          out.observe(
              counted, metrics.get(0), metrics.subList(1, metrics.size()).toArray(new Column[0]));
    }
    List<String> helpers = new ArrayList<>(List.of(LOST));
    for (int i = 0; i < qi.size(); i++) {
      helpers.add("__veil_nulled_" + i);
    }
    return out.drop(helpers.toArray(new String[0]));
  }

  /**
   * The size of each row's class over {@code keys}: rows, or distinct entities (nulls one each).
   */
  private Column classSize(Column[] keys) {
    if (privacy.entity() == null) {
      return functions.count(functions.lit(1)).over(Window.partitionBy(keys));
    }
    Column entity = PathValues.at(privacy.entity());
    return functions
        .size(functions.collect_set(entity).over(Window.partitionBy(keys)))
        .plus(
            functions
                .count(functions.when(entity.isNull(), functions.lit(1)))
                .over(Window.partitionBy(keys)));
  }
}
