package io.veil.job.rewrite;

import io.veil.job.plan.HelperColumns;
import io.veil.job.plan.Suppression;
import io.veil.job.plan.TablePlan;
import io.veil.job.verify.Checksum;
import io.veil.job.verify.WriteMeasurements;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * The rows a plan writes, with the measurements verification needs attached as Spark observed
 * metrics, so that checking costs no second read of the input: the input's row count, an
 * order-independent checksum of every path left as it was, and for each transformed field the
 * number of values it promised to change that came out unchanged. Spark's metrics are named by
 * strings; those names stay inside this class, and {@link #measurements()} gives them typed.
 */
public final class MeasuredWrite {
  /** The input's rows, the kept paths' checksums (without suppression) and the changes. */
  private final Observation write = new Observation("veil_write");

  private final Observation suppressed = new Observation("veil_suppressed");
  private final Observation keptAfterSuppression = new Observation("veil_kept");
  private final boolean suppressing;
  private final boolean cellSuppression;
  private final List<ColumnPath> quasiIdentifiers;
  private final Map<ColumnPath, String> kept = new LinkedHashMap<>();
  private final Map<TransformedField, String> promised = new LinkedHashMap<>();
  private final Map<ColumnPath, String> valueCounts = new LinkedHashMap<>();
  private final Map<ColumnPath, Map<String, String>> opMetrics = new LinkedHashMap<>();
  private final Dataset<Row> rows;

  public MeasuredWrite(TablePlan plan) {
    String helpers = HelperColumns.prefix(plan.input().columns());
    List<Column> wide = new ArrayList<>(plan.outputColumns());
    List<Column> writeMetrics = new ArrayList<>();
    writeMetrics.add(functions.count(functions.lit(1)).as("rows"));
    List<ColumnPath> keptPaths = new ArrayList<>();
    for (String c : plan.untouchedColumns()) {
      keptPaths.add(ColumnPath.column(c));
    }
    keptPaths.addAll(plan.keptNestedPaths());
    Suppression suppression = plan.suppression();
    suppressing = suppression != null;
    cellSuppression = suppressing && suppression.cells();
    quasiIdentifiers = plan.config().privacy().quasiIdentifiers();
    List<Column> keptMetrics = new ArrayList<>();
    for (ColumnPath p : keptPaths) {
      String metric = "kept_" + kept.size();
      if (suppressing) {
        keptMetrics.add(Checksum.of(p, plan.input().schema()).as(metric));
      } else {
        // Each input value's hash is computed in the projection that rewrites the row, from the
        // input's own column, and only the hash (a long) goes on to the metrics: measuring on the
        // input's rows before that projection would materialize every input row as Spark's
        // row format once more, notes and all.
        String hash = helpers + "hash_" + kept.size();
        wide.add(Checksum.hash(p, plan.input().schema()).as(hash));
        writeMetrics.add(Checksum.ofHashes(functions.col(hash)).as(metric));
      }
      kept.put(p, metric);
    }
    int index = 0;
    for (TransformedField f : plan.transformed()) {
      String inName = helpers + "in_" + index;
      Column in = functions.col(inName);
      boolean used = false;
      if (f.operation().promisesChange()) {
        writeMetrics.add(unchangedCount(f, in, PathValues.at(f.path())).as("unchanged_" + index));
        promised.put(f, "unchanged_" + index);
        used = true;
        if (PathValues.isMulti(f.path())) {
          // The leak check sizes its filters by the values they will hold, not by rows.
          writeMetrics.add(
              functions
                  .sum(functions.when(in.isNull(), 0).otherwise(functions.size(in)))
                  .as("values_" + index));
          valueCounts.put(f.path(), "values_" + index);
        }
      }
      if (!PathValues.isMulti(f.path())) {
        for (Map.Entry<String, Column> m :
            f.operation().metrics(in, PathValues.at(f.path()), f.originalType()).entrySet()) {
          String name = "op_" + index + "_" + m.getKey();
          writeMetrics.add(m.getValue().as(name));
          opMetrics.computeIfAbsent(f.path(), p -> new LinkedHashMap<>()).put(m.getKey(), name);
          used = true;
        }
      }
      if (used) {
        wide.add(PathValues.at(f.path()).as(inName));
      }
      index++;
    }
    Dataset<Row> written =
        plan.input()
            .select(wide.toArray(new Column[0]))
            .observe(write, writeMetrics.get(0), rest(writeMetrics));
    Dataset<Row> out =
        written.select(
            plan.outputNames().stream()
                .map(n -> functions.col(ColumnRewriter.quoteForColumn(n)))
                .toArray(Column[]::new));
    if (suppressing) {
      out = suppression.apply(out, suppressed);
      // Kept paths are checked over the rows that stay: measured after suppression, where they
      // still hold the input's own values.
      if (!keptMetrics.isEmpty()) {
        out = out.observe(keptAfterSuppression, keptMetrics.get(0), rest(keptMetrics));
      }
    }
    this.rows = out;
  }

  /** The rows to write: the plan's rows to write, with the measurements attached. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** What was measured; waits for the write that runs {@link #rows()} to finish. */
  public WriteMeasurements measurements() {
    Map<String, Object> measured = get(write);
    Map<String, Object> keptValues =
        suppressing && !kept.isEmpty() ? get(keptAfterSuppression) : measured;
    Map<ColumnPath, Object> checksums = new LinkedHashMap<>();
    kept.forEach((path, metric) -> checksums.put(path, keptValues.get(metric)));
    Map<TransformedField, Long> unchanged = new LinkedHashMap<>();
    promised.forEach((field, metric) -> unchanged.put(field, count(measured.get(metric))));
    Map<ColumnPath, Long> values = new LinkedHashMap<>();
    valueCounts.forEach((path, metric) -> values.put(path, count(measured.get(metric))));
    Map<ColumnPath, Map<String, Object>> ops = new LinkedHashMap<>();
    opMetrics.forEach(
        (path, metrics) -> {
          Map<String, Object> byName = new LinkedHashMap<>();
          metrics.forEach((name, metric) -> byName.put(name, measured.get(metric)));
          ops.put(path, byName);
        });
    Map<String, Object> suppression = suppressing ? get(suppressed) : Map.of();
    long dropped = suppressing ? count(suppression.get(Suppression.SUPPRESSED)) : 0;
    Map<ColumnPath, Long> cells = new LinkedHashMap<>();
    long rowsWithCells = 0;
    if (suppressing && cellSuppression) {
      for (int i = 0; i < quasiIdentifiers.size(); i++) {
        cells.put(quasiIdentifiers.get(i), count(suppression.get(Suppression.cells(i))));
      }
      rowsWithCells = count(suppression.get(Suppression.ROWS_WITH_CELLS));
    }
    return new WriteMeasurements(
        count(measured.get("rows")),
        dropped,
        checksums,
        unchanged,
        values,
        ops,
        cells,
        rowsWithCells);
  }

  /** Promised-but-unchanged values of one field, whose op promises change. */
  private static Column unchangedCount(TransformedField f, Column in, Column out) {
    DataType from = f.originalType();
    DataType to = f.resultType();
    if (!PathValues.isMulti(f.path())) {
      Column promise = f.operation().mustChange(in, from);
      return functions.sum(
          functions.when(promise.and(kept(f, in, out, from, to)), 1L).otherwise(0L));
    }
    Column perRow =
        functions.aggregate(
            functions.zip_with(
                in,
                out,
                (x, y) ->
                    functions
                        .when(f.operation().mustChange(x, from).and(kept(f, x, y, from, to)), 1L)
                        .otherwise(0L)),
            functions.lit(0L),
            Column::plus);
    return functions.sum(perRow);
  }

  /** The op's own test of a value it failed to change, else equality. */
  private static Column kept(
      TransformedField f, Column in, Column out, DataType from, DataType to) {
    Column own = f.operation().keptWhatItPromised(in, out, from);
    return own != null ? own : same(in, out, from, to);
  }

  /**
   * Input and output are the same value: for strings, the same bytes whatever their collation (a
   * mask that writes "x" for "X" changed it, though {@code UTF8_LCASE} calls the two equal, and the
   * ops promise changed bytes); across types (int in, ciphertext out) as text.
   */
  private static Column same(Column in, Column out, DataType from, DataType to) {
    boolean collated = from instanceof StringType s && !s.supportsBinaryEquality();
    return from.equals(to) && !collated
        ? out.eqNullSafe(in)
        : out.cast(DataTypes.StringType).eqNullSafe(in.cast(DataTypes.StringType));
  }

  private static long count(Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static Column[] rest(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(new Column[0]);
  }

  private static Map<String, Object> get(Observation o) {
    try {
      return o.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for write metrics", e);
    }
  }
}
