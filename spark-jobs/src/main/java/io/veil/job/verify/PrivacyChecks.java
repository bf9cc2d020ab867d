package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.job.privacy.Closeness;
import io.veil.job.privacy.EquivalenceClasses;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;

/**
 * The privacy model's measures of the written table, at Spark scale (only aggregates reach the
 * driver): k-anonymity over the quasi-identifiers, per row or per entity; the re-identification
 * risk figures ARX reports; and, for each sensitive attribute, l-diversity (distinct and entropy)
 * and t-closeness within each class. Leaks are {@link LeakCheck}'s.
 *
 * <p>With an {@code entity}, a class's size is its number of distinct entities (a person with rows
 * in two classes counts in both, and rows whose entity is null count one each), and the sensitive
 * attributes are counted once per entity, class and value, so that a patient with forty visits does
 * not make a class look diverse. A null sensitive value counts as one value.
 */
final class PrivacyChecks {
  /** Distinct values of a sensitive attribute up to which t-closeness is measured. */
  static final int MAX_T_VALUES = 1_000_000;

  private static final String ROWS = "__veil_rows";
  private static final String SIZE = "__veil_size";

  private PrivacyChecks() {}

  /**
   * The report's sections ({@code k_anonymity}, {@code risk}, and with sensitive attributes {@code
   * l_diversity} and {@code t_closeness}); {@code failures} gets a line per requirement broken.
   */
  static Map<String, Object> measure(
      Dataset<Row> written, Privacy privacy, long suppressed, List<String> failures) {
    // One read of the written table, into the narrow aggregate every measure is computed from
    // (one row per distinct quasi-identifiers, entity and sensitive values): reading the table
    // once per measure cost a pass each for the classes, the histogram, the entities at risk and
    // each sensitive attribute's counts.
    EquivalenceClasses.Cached cached = EquivalenceClasses.cachedBase(written, privacy);
    Dataset<Row> classes = null;
    try {
      classes = classSizes(cached.base(), privacy);
      return measure(cached.base(), classes, privacy, suppressed, failures);
    } finally {
      if (classes != null) {
        classes.unpersist(false);
      }
      cached.release();
    }
  }

  /**
   * Per class ({@code q0..}), its rows and its size (rows, or distinct entities with null entities
   * one per row), cached: the summary, the histogram and the entities at risk each read it.
   */
  private static Dataset<Row> classSizes(Dataset<Row> base, Privacy privacy) {
    Dataset<Row> classes =
        base.groupBy(classColumns(privacy))
            .agg(functions.sum("w").as(ROWS), EquivalenceClasses.weight(privacy).as(SIZE))
            .coalesce(base.rdd().getNumPartitions())
            .persist(StorageLevel.MEMORY_AND_DISK());
    classes.count();
    return classes;
  }

  private static Map<String, Object> measure(
      Dataset<Row> base,
      Dataset<Row> classes,
      Privacy privacy,
      long suppressed,
      List<String> failures) {
    Map<String, Object> sections = new LinkedHashMap<>();
    Column one = functions.lit(1L);
    Column small = col(SIZE).lt(privacy.k());
    Row r =
        classes
            .agg(
                functions.min(SIZE),
                functions.count(one),
                functions.sum(functions.when(small, 1L).otherwise(0L)),
                functions.sum(functions.when(small, col(ROWS)).otherwise(0L)),
                functions.sum(ROWS),
                functions.sum(col(ROWS).divide(col(SIZE))),
                functions.sum(functions.when(col(SIZE).equalTo(1), col(ROWS)).otherwise(0L)))
            .first();
    long rows = r.isNullAt(4) ? 0 : r.getLong(4);
    long smallest = r.isNullAt(0) ? 0 : r.getLong(0);
    long belowRows = r.isNullAt(3) ? 0 : r.getLong(3);
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("quasi_identifiers", paths(privacy.quasiIdentifiers()));
    k.put("entity", privacy.entity() == null ? null : privacy.entity().toString());
    k.put("k", privacy.k());
    k.put("smallest_class", smallest);
    k.put("classes", r.getLong(1));
    k.put("classes_below_k", r.isNullAt(2) ? 0 : r.getLong(2));
    k.put("share_of_rows_below_k", share(belowRows, rows));
    k.put("enforce", privacy.enforce().configName());
    k.put("suppressed_rows", suppressed);
    boolean ok = rows == 0 || smallest >= privacy.k();
    k.put("status", ok ? "passed" : "failed");
    if (!ok) {
      failures.add(
          belowRows
              + " rows are in equivalence classes smaller than k = "
              + privacy.k()
              + (privacy.entity() == null ? "" : " distinct " + privacy.entity())
              + " over "
              + k.get("quasi_identifiers")
              + " (smallest class: "
              + smallest
              + (privacy.entity() == null ? " rows)" : " entities)"));
    }
    k.put("class_size_histogram", histogram(classes));
    sections.put("k_anonymity", k);

    Map<String, Object> risk = new LinkedHashMap<>();
    risk.put("prosecutor_max", smallest == 0 ? 0.0 : 1.0 / smallest);
    risk.put("prosecutor_avg", rows == 0 ? 0.0 : r.getDouble(5) / rows);
    risk.put("records_at_risk", share(belowRows, rows));
    if (privacy.entity() != null) {
      risk.put("entities_at_risk", entitiesAtRisk(base, classes, privacy));
    }
    risk.put("sample_uniques", share(r.isNullAt(6) ? 0 : r.getLong(6), rows));
    sections.put("risk", risk);

    if (!privacy.sensitive().isEmpty()) {
      // Each attribute's counts per class and value feed both measures (and t-closeness three
      // times): kept once rather than read from the written table for each.
      Map<ColumnPath, Dataset<Row>> counts = new LinkedHashMap<>();
      for (ColumnPath s : privacy.sensitive()) {
        counts.put(s, valueCounts(base, privacy, s));
      }
      try {
        sections.put("l_diversity", lDiversity(counts, privacy, failures));
        sections.put("t_closeness", tCloseness(counts, privacy, failures));
      } finally {
        counts.values().forEach(c -> c.unpersist(false));
      }
    }
    return sections;
  }

  /**
   * What the privacy model cost in information: rows in and out; per quasi-identifier its
   * generalization level (0 unless {@code enforce = generalize} chose one), the cells suppressed,
   * and its distinct values before (in the input, when the input has the path) and after; per
   * sensitive attribute the total variation distance between its input and output distributions (0
   * unless rows were dropped or the attribute transformed). Counted exactly; one pass over each
   * side.
   */
  static Map<String, Object> utility(
      Dataset<Row> input,
      Dataset<Row> written,
      Privacy privacy,
      long rowsIn,
      long rowsOut,
      Map<ColumnPath, Long> suppressedCells,
      Map<ColumnPath, Integer> levels) {
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("rows_in", rowsIn);
    u.put("rows_out", rowsOut);
    List<ColumnPath> qi = privacy.quasiIdentifiers();
    List<Column> after = new ArrayList<>();
    List<Column> before = new ArrayList<>();
    List<Boolean> inInput = new ArrayList<>();
    for (ColumnPath q : qi) {
      after.add(functions.countDistinct(PathValues.at(q)));
      boolean present = hasPath(input, q);
      inInput.add(present);
      if (present) {
        before.add(functions.countDistinct(PathValues.at(q)));
      }
    }
    Row a =
        written.agg(after.get(0), after.subList(1, after.size()).toArray(new Column[0])).first();
    Row b =
        before.isEmpty()
            ? null
            : input
                .agg(before.get(0), before.subList(1, before.size()).toArray(new Column[0]))
                .first();
    Map<String, Object> perQi = new LinkedHashMap<>();
    for (int i = 0, j = 0; i < qi.size(); i++) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("generalization_level", levels.getOrDefault(qi.get(i), 0));
      q.put("cells_suppressed", suppressedCells.getOrDefault(qi.get(i), 0L));
      q.put("distinct_before", inInput.get(i) ? b.getLong(j++) : null);
      q.put("distinct_after", a.getLong(i));
      perQi.put(qi.get(i).toString(), q);
    }
    u.put("quasi_identifiers", perQi);
    Map<String, Object> perSensitive = new LinkedHashMap<>();
    for (ColumnPath s : privacy.sensitive()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(
          "total_variation",
          hasPath(input, s) ? totalVariation(input, written, s, rowsIn, rowsOut) : null);
      perSensitive.put(s.toString(), m);
    }
    u.put("sensitive", perSensitive);
    return u;
  }

  /** Half the sum over values of |input share − output share|, values compared as text. */
  private static double totalVariation(
      Dataset<Row> input, Dataset<Row> written, ColumnPath s, long rowsIn, long rowsOut) {
    if (rowsIn == 0 || rowsOut == 0) {
      return rowsIn == rowsOut ? 0.0 : 1.0;
    }
    Column v = PathValues.at(s).cast(DataTypes.StringType).as("v");
    Dataset<Row> in = input.select(v).groupBy("v").agg(functions.count(functions.lit(1)).as("a"));
    Dataset<Row> out =
        written.select(v).groupBy("v").agg(functions.count(functions.lit(1)).as("b"));
    Column diff =
        functions.abs(
            functions
                .coalesce(col("a"), functions.lit(0L))
                .divide(rowsIn)
                .minus(functions.coalesce(col("b"), functions.lit(0L)).divide(rowsOut)));
    Row r =
        in.join(out, in.col("v").eqNullSafe(out.col("v")), "full_outer")
            .agg(functions.sum(diff))
            .first();
    return r.isNullAt(0) ? 0.0 : Math.min(1.0, 0.5 * r.getDouble(0));
  }

  private static boolean hasPath(Dataset<Row> df, ColumnPath p) {
    try {
      PathValues.typeOf(df.schema(), p);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Distinct entities with a row in a class smaller than k, as a share of all entities: the rows
   * joined with their class's size (null-safe on the quasi-identifiers, since null is a value of a
   * class like any other).
   */
  private static double entitiesAtRisk(Dataset<Row> base, Dataset<Row> classes, Privacy p) {
    int n = p.quasiIdentifiers().size();
    Column[] renamed = new Column[n + 1];
    for (int i = 0; i < n; i++) {
      renamed[i] = col("q" + i).as("c" + i);
    }
    renamed[n] = col(SIZE);
    Dataset<Row> sized = classes.select(renamed);
    Column on = null;
    for (int i = 0; i < n; i++) {
      Column eq = base.col("q" + i).eqNullSafe(sized.col("c" + i));
      on = on == null ? eq : on.and(eq);
    }
    Row r =
        base.join(sized, on)
            .agg(
                functions.countDistinct(col("e")),
                functions.countDistinct(functions.when(col(SIZE).lt(p.k()), col("e"))))
            .first();
    return share(r.getLong(1), r.getLong(0));
  }

  /**
   * Classes by size in powers of two ({@code 1}, {@code 2-3}, {@code 4-7}...): per bucket its
   * classes and their rows. At most 63 buckets reach the driver, whatever the table's size.
   */
  private static List<Map<String, Object>> histogram(Dataset<Row> classes) {
    Column bucket =
        functions.floor(functions.log(2.0, col(SIZE).cast(DataTypes.DoubleType))).cast("int");
    List<Row> buckets =
        classes
            .groupBy(bucket.as("b"))
            .agg(functions.count(functions.lit(1)), functions.sum(ROWS))
            .orderBy("b")
            .collectAsList();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row r : buckets) {
      int b = r.getInt(0);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", 1L << b);
      m.put("to", (1L << (b + 1)) - 1);
      m.put("classes", r.getLong(1));
      m.put("rows", r.getLong(2));
      out.add(m);
    }
    return out;
  }

  /**
   * Per class, the count of distinct values of each sensitive attribute and their entropy: {@code
   * smallest_l} is the smallest count, or with {@code l-diversity = entropy} the largest l whose
   * log the smallest entropy reaches (natural logs; a class of n equally frequent values has l =
   * n).
   */
  private static Map<String, Object> lDiversity(
      Map<ColumnPath, Dataset<Row>> valueCounts, Privacy privacy, List<String> failures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("l", privacy.l());
    out.put("measure", privacy.entropyL() ? "entropy" : "distinct");
    Map<String, Object> attributes = new LinkedHashMap<>();
    long worst = Long.MAX_VALUE;
    for (ColumnPath s : privacy.sensitive()) {
      Dataset<Row> counts = valueCounts.get(s);
      Column[] classKeys = classColumns(privacy);
      Column w = col("w");
      Row r =
          counts
              .groupBy(classKeys)
              .agg(
                  functions.count(functions.lit(1)).as("distinct"),
                  functions.sum(w).as("total"),
                  functions.sum(w.multiply(functions.log(w))).as("wlogw"))
              .withColumn(
                  "entropy_l",
                  functions.floor(
                      functions
                          .exp(functions.log(col("total")).minus(col("wlogw").divide(col("total"))))
                          .plus(1e-9)))
              .agg(
                  functions.min("distinct"),
                  functions.min("entropy_l"),
                  functions.count(functions.lit(1)),
                  functions.sum(
                      functions
                          .when(
                              (privacy.entropyL() ? col("entropy_l") : col("distinct"))
                                  .lt(privacy.l() == null ? 0 : privacy.l()),
                              1L)
                          .otherwise(0L)))
              .first();
      long distinct = r.isNullAt(0) ? 0 : r.getLong(0);
      long entropyL = r.isNullAt(1) ? 0 : r.getLong(1);
      long smallest = privacy.entropyL() ? entropyL : distinct;
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("smallest_l", smallest);
      a.put("smallest_distinct_l", distinct);
      a.put("smallest_entropy_l", entropyL);
      a.put("classes_below_l", r.isNullAt(3) ? 0 : r.getLong(3));
      attributes.put(s.toString(), a);
      worst = Math.min(worst, smallest);
      if (privacy.l() != null && r.getLong(2) > 0 && smallest < privacy.l()) {
        failures.add(
            a.get("classes_below_l")
                + " classes over "
                + paths(privacy.quasiIdentifiers())
                + " have fewer than l = "
                + privacy.l()
                + (privacy.entropyL() ? " (entropy)" : "")
                + " values of "
                + s
                + " (smallest: "
                + smallest
                + ")");
      }
    }
    out.put("smallest_l", worst == Long.MAX_VALUE ? 0 : worst);
    out.put("attributes", attributes);
    out.put(
        "status", status(privacy.l() == null, worst >= (privacy.l() == null ? 0 : privacy.l())));
    return out;
  }

  /**
   * Per class and sensitive attribute, the distance between the class's distribution of the
   * attribute and the table's ({@link Closeness}): ordered for numbers, dates and timestamps, total
   * variation for everything else. The table's distribution reaches the driver as one count per
   * distinct value (at most {@link #MAX_T_VALUES}); each class's values are measured where they
   * are.
   */
  private static Map<String, Object> tCloseness(
      Map<ColumnPath, Dataset<Row>> valueCounts, Privacy privacy, List<String> failures) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("t", privacy.t());
    Map<String, Object> attributes = new LinkedHashMap<>();
    double worst = 0;
    boolean measuredAll = true;
    for (ColumnPath s : privacy.sensitive()) {
      Dataset<Row> counts = valueCounts.get(s);
      DataType type = counts.schema().apply("v").dataType();
      boolean ordered =
          type instanceof NumericType
              || type.equals(DataTypes.DateType)
              || type.equals(DataTypes.TimestampType)
              || type.equals(DataTypes.TimestampNTZType);
      Dataset<Row> table = counts.groupBy(col("v")).agg(functions.sum("w").as("w"));
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("distance", ordered ? "ordered-earth-movers" : "total-variation");
      long m = table.count();
      if (m > MAX_T_VALUES) {
        a.put("largest_t", null);
        a.put("not_measured", m + " distinct values, more than " + MAX_T_VALUES);
        attributes.put(s.toString(), a);
        measuredAll = false;
        if (privacy.t() != null) {
          failures.add(
              "t-closeness of "
                  + s
                  + " cannot be measured: "
                  + m
                  + " distinct values, more than "
                  + MAX_T_VALUES);
        }
        continue;
      }
      // The table's values in order, numbered: one row per distinct value.
      Dataset<Row> numbered =
          table.withColumn(
              "i",
              functions
                  .row_number()
                  .over(Window.orderBy(col("v").asc_nulls_first()))
                  .minus(1)
                  .cast(DataTypes.IntegerType));
      List<Row> ordering = numbered.orderBy("i").select("w").collectAsList();
      long[] tableCounts = new long[ordering.size()];
      for (int i = 0; i < tableCounts.length; i++) {
        tableCounts[i] = ordering.get(i).getLong(0);
      }
      JavaSparkContext jsc =
          JavaSparkContext.fromSparkContext(counts.sparkSession().sparkContext());
      Broadcast<Closeness> shared = jsc.broadcast(new Closeness(tableCounts));
      try {
        Column[] classKeys = classColumns(privacy);
        Dataset<Row> perClass =
            counts
                .join(functions.broadcast(numbered.select(col("v"), col("i"))), "v")
                .groupBy(classKeys)
                .agg(
                    functions
                        .sort_array(functions.collect_list(functions.struct(col("i"), col("w"))))
                        .as("values"));
        MapFunction<Row, Double> distance =
            row -> {
              List<Row> values = row.getList(row.fieldIndex("values"));
              int[] index = new int[values.size()];
              long[] w = new long[values.size()];
              for (int j = 0; j < index.length; j++) {
                index[j] = values.get(j).getInt(0);
                w[j] = values.get(j).getLong(1);
              }
              Closeness c = shared.value();
              return ordered ? c.orderedEmd(index, w) : c.totalVariation(index, w);
            };
        Dataset<Double> distances = perClass.map(distance, Encoders.DOUBLE());
        Row r =
            distances
                .agg(
                    functions.max("value"),
                    functions.sum(
                        functions
                            .when(
                                col("value")
                                    .gt(privacy.t() == null ? Double.MAX_VALUE : privacy.t()),
                                1L)
                            .otherwise(0L)))
                .first();
        double largest = r.isNullAt(0) ? 0 : r.getDouble(0);
        a.put("largest_t", largest);
        a.put("classes_above_t", r.isNullAt(1) ? 0 : r.getLong(1));
        worst = Math.max(worst, largest);
        if (privacy.t() != null && largest > privacy.t()) {
          failures.add(
              a.get("classes_above_t")
                  + " classes over "
                  + paths(privacy.quasiIdentifiers())
                  + " are further than t = "
                  + privacy.t()
                  + " from the table's distribution of "
                  + s
                  + " (largest: "
                  + String.format(java.util.Locale.ROOT, "%.4f", largest)
                  + ")");
        }
      } finally {
        shared.destroy();
      }
      attributes.put(s.toString(), a);
    }
    out.put("largest_t", worst);
    out.put("attributes", attributes);
    out.put(
        "status",
        status(
            privacy.t() == null, measuredAll && worst <= (privacy.t() == null ? 1 : privacy.t())));
    return out;
  }

  /**
   * {@code (q0.., v, w)}: per class and value of {@code s}, how often it occurs: in rows, or with
   * an entity, in distinct entities (null entities one each); cached in as many partitions as the
   * base, since l-diversity reads it once and t-closeness three times.
   */
  private static Dataset<Row> valueCounts(Dataset<Row> base, Privacy privacy, ColumnPath s) {
    Column[] group = classColumns(privacy);
    Column[] groupWithValue = new Column[group.length + 1];
    System.arraycopy(group, 0, groupWithValue, 0, group.length);
    groupWithValue[group.length] = col("s" + privacy.sensitive().indexOf(s)).as("v");
    return base.groupBy(groupWithValue)
        .agg(EquivalenceClasses.weight(privacy).as("w"))
        .coalesce(base.rdd().getNumPartitions())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The quasi-identifiers as {@code valueCounts} names them. */
  private static Column[] classColumns(Privacy privacy) {
    Column[] c = new Column[privacy.quasiIdentifiers().size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = col("q" + i);
    }
    return c;
  }

  private static String status(boolean notRequired, boolean met) {
    return notRequired ? "measured" : met ? "passed" : "failed";
  }

  private static List<String> paths(List<ColumnPath> paths) {
    return paths.stream().map(ColumnPath::toString).toList();
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }

  private static Column col(String name) {
    return functions.col(name);
  }
}
