package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.job.plan.TablePlan;
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
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The measurements verification needs, taken in the same pass that writes the table (Spark observed
 * metrics), so checking costs no second read of the input: the input's row count, an
 * order-independent checksum of every column left as it was, and for each transformed field the
 * number of values it promised to change that came out unchanged.
 */
public final class WriteChecks {
  private static final String INPUT_PREFIX = "__veil_in_";
  private static final String CLASS_SIZE = "__veil_class_size";

  private final Observation input = new Observation("veil_input");
  private final Observation changes = new Observation("veil_unchanged");
  private final Observation suppressed = new Observation("veil_suppressed");
  private final Observation keptAfterSuppression = new Observation("veil_kept");
  private boolean suppressing;
  private final Map<String, ColumnPath> kept = new LinkedHashMap<>();
  private final Map<String, TransformedField> promised = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> opMetrics = new LinkedHashMap<>();

  /** Metric names of the number of input values of each multi-valued field with a promise. */
  private final Map<ColumnPath, String> valueCounts = new LinkedHashMap<>();

  private final Dataset<Row> toWrite;

  private WriteChecks(TablePlan plan) {
    List<Column> inputMetrics = new ArrayList<>();
    inputMetrics.add(functions.count(functions.lit(1)).as("rows"));
    List<ColumnPath> keptPaths = new ArrayList<>();
    for (String c : plan.untouchedColumns()) {
      keptPaths.add(ColumnPath.column(c));
    }
    keptPaths.addAll(plan.keptNestedPaths());
    Privacy privacy = plan.config().privacy();
    boolean suppress = privacy.suppress() && !privacy.quasiIdentifiers().isEmpty();
    List<Column> keptMetrics = new ArrayList<>();
    for (ColumnPath p : keptPaths) {
      String metric = "kept_" + kept.size();
      kept.put(metric, p);
      keptMetrics.add(checksum(p, plan.input().schema()).as(metric));
    }
    if (!suppress) {
      inputMetrics.addAll(keptMetrics);
    }
    Dataset<Row> observedInput =
        plan.input().observe(input, inputMetrics.get(0), rest(inputMetrics));

    List<Column> wide = new ArrayList<>(plan.outputColumns());
    List<Column> changeMetrics = new ArrayList<>();
    int index = 0;
    for (TransformedField f : plan.transformed()) {
      String inName = INPUT_PREFIX + index;
      Column in = functions.col(inName);
      boolean used = false;
      Column unchanged = unchangedCount(f, in, valuesAt(f.path()));
      if (unchanged != null) {
        changeMetrics.add(unchanged.as("unchanged_" + index));
        promised.put("unchanged_" + index, f);
        used = true;
        if (PathValues.isMulti(f.path())) {
          // The leak check sizes its filters by the values they will hold, not by rows.
          changeMetrics.add(
              functions
                  .sum(functions.when(in.isNull(), 0).otherwise(functions.size(in)))
                  .as("values_" + index));
          valueCounts.put(f.path(), "values_" + index);
        }
      }
      if (!PathValues.isMulti(f.path())) {
        for (Map.Entry<String, Column> m : f.operation().metrics(in, f.originalType()).entrySet()) {
          String name = "op_" + index + "_" + m.getKey();
          changeMetrics.add(m.getValue().as(name));
          opMetrics
              .computeIfAbsent(f.path().toString(), p -> new LinkedHashMap<>())
              .put(m.getKey(), name);
          used = true;
        }
      }
      if (used) {
        wide.add(valuesAt(f.path()).as(inName));
      }
      index++;
    }
    Dataset<Row> written = observedInput.select(wide.toArray(new Column[0]));
    if (!changeMetrics.isEmpty()) {
      written = written.observe(changes, changeMetrics.get(0), rest(changeMetrics));
    }
    Dataset<Row> rows =
        written.select(
            plan.outputNames().stream()
                .map(n -> functions.col(ColumnRewriter.quoteForColumn(n)))
                .toArray(Column[]::new));
    if (suppress) {
      rows = suppress(rows, privacy, suppressed);
      suppressing = true;
      // Kept columns are checked over the rows that stay: measured after suppression, where the
      // kept columns still hold the input's own values.
      if (!keptMetrics.isEmpty()) {
        rows = rows.observe(keptAfterSuppression, keptMetrics.get(0), rest(keptMetrics));
      }
    }
    this.toWrite = rows;
  }

  /**
   * Drops the rows whose quasi-identifier values are shared by fewer than k rows ({@code enforce =
   * suppress}), counting them in {@code observed} if given.
   */
  public static Dataset<Row> suppress(Dataset<Row> output, Privacy privacy, Observation observed) {
    Column[] keys =
        privacy.quasiIdentifiers().stream().map(WriteChecks::valuesAt).toArray(Column[]::new);
    Dataset<Row> sized =
        output.withColumn(
            CLASS_SIZE, functions.count(functions.lit(1)).over(Window.partitionBy(keys)));
    Column small = functions.col(CLASS_SIZE).lt(privacy.k());
    if (observed != null) {
      sized =
          sized.observe(
              observed, functions.sum(functions.when(small, 1L).otherwise(0L)).as("suppressed"));
    }
    return sized.where(functions.not(small)).drop(CLASS_SIZE);
  }

  public static WriteChecks prepare(TablePlan plan) {
    return new WriteChecks(plan);
  }

  /** The rows to write: the plan's output, with the measurements attached. */
  public Dataset<Row> toWrite() {
    return toWrite;
  }

  /**
   * Order-independent checksum of the values at {@code path}: the sum of their 64-bit hashes, kept
   * exact as three sums of 21 or 22-bit slices of each hash (a struct of three longs, which cannot
   * overflow below 2^41 rows). Summing primitive longs costs a fraction of a decimal sum, and this
   * runs over every kept column twice. Also applied to the written table.
   */
  static Column checksum(ColumnPath path, StructType schema) {
    Column h =
        functions.xxhash64(PathValues.hashable(valuesAt(path), PathValues.typeOf(schema, path)));
    return functions.struct(
        functions.sum(functions.shiftrightunsigned(h, 43)),
        functions.sum(
            functions.shiftrightunsigned(h, 21).bitwiseAND(functions.lit((1L << 22) - 1))),
        functions.sum(h.bitwiseAND(functions.lit((1L << 21) - 1))));
  }

  static Column valuesAt(ColumnPath path) {
    return PathValues.of(functions.col(ColumnRewriter.quoteForColumn(path.column())), path);
  }

  /** Promised-but-unchanged values of one field, or null when its op promises nothing. */
  private static Column unchangedCount(TransformedField f, Column in, Column out) {
    DataType from = f.originalType();
    DataType to = f.resultType();
    if (!PathValues.isMulti(f.path())) {
      Column promise = f.operation().mustChange(in, from);
      if (promise == null) {
        return null;
      }
      Column same = same(in, out, from, to);
      return functions.sum(functions.when(promise.and(same), 1L).otherwise(0L));
    }
    if (f.operation().mustChange(functions.lit(null).cast(from), from) == null) {
      return null;
    }
    Column perRow =
        functions.aggregate(
            functions.zip_with(
                in,
                out,
                (x, y) ->
                    functions
                        .when(f.operation().mustChange(x, from).and(same(x, y, from, to)), 1L)
                        .otherwise(0L)),
            functions.lit(0L),
            Column::plus);
    return functions.sum(perRow);
  }

  /** Input and output are the same value; across types (int in, ciphertext out) as text. */
  private static Column same(Column in, Column out, DataType from, DataType to) {
    return from.equals(to)
        ? out.eqNullSafe(in)
        : out.cast(DataTypes.StringType).eqNullSafe(in.cast(DataTypes.StringType));
  }

  private static Column[] rest(List<Column> columns) {
    return columns.subList(1, columns.size()).toArray(new Column[0]);
  }

  Map<String, ColumnPath> keptChecks() {
    return kept;
  }

  Map<String, TransformedField> changeChecks() {
    return promised;
  }

  /** Rows dropped by {@code enforce = suppress}; 0 when nothing is suppressed. */
  long suppressedRows() {
    if (!suppressing) {
      return 0;
    }
    Object v = get(suppressed).get("suppressed");
    return v == null ? 0 : ((Number) v).longValue();
  }

  /** The input's row count and, per kept path, its checksum over the rows that are written. */
  Map<String, Object> inputMetrics() {
    Map<String, Object> m = new LinkedHashMap<>(get(input));
    if (suppressing && !kept.isEmpty()) {
      m.putAll(get(keptAfterSuppression));
    }
    return m;
  }

  Map<String, Object> changeMetrics() {
    return promised.isEmpty() && opMetrics.isEmpty() ? Map.of() : get(changes);
  }

  /**
   * How many input values the field holds: the rows for a scalar field, the elements (entries) for
   * a field under arrays or maps whose op promises to change values, as measured while writing.
   * Only for fields the leak check covers.
   */
  long inputValues(TransformedField f, long rows) {
    String metric = valueCounts.get(f.path());
    if (metric == null) {
      return rows;
    }
    Object v = changeMetrics().get(metric);
    return v == null ? 0 : ((Number) v).longValue();
  }

  /** Per transformed path: report name of each op metric -> its observed metric name. */
  Map<String, Map<String, String>> opMetrics() {
    return opMetrics;
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
