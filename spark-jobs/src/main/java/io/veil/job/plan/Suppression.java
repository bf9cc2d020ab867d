package io.veil.job.plan;

import io.veil.job.config.Privacy;
import io.veil.job.privacy.EquivalenceClasses;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.PathValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * What happens to rows of classes that break k, a required l or a required t, when the table asks
 * for more than failing. A transformation of what is written: {@link #prepare} finds the classes
 * (Spark jobs over a narrow aggregate of the output, {@link EquivalenceClasses}; nothing but counts
 * reaches the driver), and {@link #apply} joins each row to what happens to its class, inside the
 * write. Verification only reads the counts.
 *
 * <ul>
 *   <li>{@code enforce = suppress} (and what {@code generalize} leaves breaking): those rows are
 *       not written.
 *   <li>{@code enforce = suppress-cells}: their quasi-identifier values are nulled instead, one
 *       quasi-identifier at a time in the order the table lists them (list the most specific
 *       first): a row whose class breaks the model loses its first quasi-identifier's value;
 *       classes are formed again, and a row whose class still breaks it loses the next one; and so
 *       on. A row that joins a class that meets the model stops losing values, so rows keep as many
 *       values as the order allows. A row still in a breaking class with every value nulled fails
 *       the check, and more rows than {@code max-suppressed} losing values fails the run.
 * </ul>
 *
 * What happens to a row depends only on its class at each step, so it is decided once per distinct
 * combination of quasi-identifier values and joined to the rows by them (null-safe: the key is one
 * struct, whose equality takes null for a value).
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

  /** The columns of the cached fates; renamed for the join beside the table's own columns. */
  private static final String FATE_KEY = "fate_key";

  private static final String FATE = "fate";
  private final Privacy privacy;
  private final String table;

  /**
   * Per combination of quasi-identifier values that loses something: {@code fate_key} (the
   * combination) and {@code fate} (true for a dropped row; with cells, a bit per nulled
   * quasi-identifier). Null until prepared.
   */
  private Dataset<Row> fates;

  private Suppression(Privacy privacy, String table) {
    this.privacy = privacy;
    this.table = table;
  }

  /** The table's suppression, or null when it suppresses nothing. */
  static Suppression of(Privacy privacy, String table) {
    return privacy.enforce() != Privacy.Enforce.FAIL && !privacy.quasiIdentifiers().isEmpty()
        ? new Suppression(privacy, table)
        : null;
  }

  /** Whether values are nulled rather than rows dropped. */
  public boolean cells() {
    return privacy.suppressCells();
  }

  /**
   * Decides what happens to each class of {@code output} (the plan's output): Spark jobs, whose
   * result stays cached on the executors until {@link #release}.
   */
  public void prepare(Dataset<Row> output) {
    release();
    EquivalenceClasses.Cached base = EquivalenceClasses.cachedBase(output, privacy);
    try {
      fates =
          (privacy.suppressCells() ? cellFates(base.base()) : rowFates(base.base()))
              .coalesce(base.base().rdd().getNumPartitions())
              .persist(cached());
      fates.count();
    } finally {
      base.release();
    }
  }

  /** Drops what {@link #prepare} cached. */
  public void release() {
    if (fates != null) {
      fates.unpersist(false);
      fates = null;
    }
  }

  /**
   * The rows of {@code output} as written; counts what was suppressed in {@code counted} when
   * given.
   */
  public Dataset<Row> apply(Dataset<Row> output, Observation counted) {
    if (fates == null) {
      throw new IllegalStateException("suppression of " + table + " applied before prepared");
    }
    Names names = new Names(HelperColumns.prefix(output.columns()));
    Dataset<Row> named =
        fates.select(
            functions.col(FATE_KEY).as(names.fateKey()), functions.col(FATE).as(names.fate()));
    Dataset<Row> joined =
        output
            .withColumn(names.key(), key(privacy.quasiIdentifiers()))
            .join(
                named, functions.col(names.key()).equalTo(functions.col(names.fateKey())), "left");
    return privacy.suppressCells()
        ? nullCells(joined, counted, names)
        : dropRows(joined, counted, names);
  }

  /** The helper columns beside a table's own while its rows meet their fates. */
  private record Names(String prefix) {
    String key() {
      return prefix + "key";
    }

    String fateKey() {
      return prefix + "fate_key";
    }

    String fate() {
      return prefix + "fate";
    }

    String nulled(int i) {
      return prefix + "nulled_" + i;
    }
  }

  private Dataset<Row> dropRows(Dataset<Row> joined, Observation counted, Names names) {
    Column dropped = functions.col(names.fate()).isNotNull();
    if (counted != null) {
      joined =
          joined.observe(
              counted, functions.sum(functions.when(dropped, 1L).otherwise(0L)).as(SUPPRESSED));
    }
    return joined.where(functions.not(dropped)).drop(names.key(), names.fateKey(), names.fate());
  }

  private Dataset<Row> nullCells(Dataset<Row> joined, Observation counted, Names names) {
    List<ColumnPath> qi = privacy.quasiIdentifiers();
    Column fate = functions.coalesce(functions.col(names.fate()), functions.lit(0));
    List<Column> metrics = new ArrayList<>();
    Column lost = functions.lit(false);
    Dataset<Row> out = joined;
    for (int i = 0; i < qi.size(); i++) {
      String name = ColumnRewriter.quoteForColumn(qi.get(i).column());
      Column value = functions.col(name);
      Column nulls = fate.bitwiseAND(1 << i).notEqual(0);
      Column nulled = nulls.and(value.isNotNull());
      metrics.add(functions.sum(functions.when(nulled, 1L).otherwise(0L)).as(cells(i)));
      lost = lost.or(nulled);
      out = out.withColumn(names.nulled(i), nulled);
    }
    metrics.add(functions.sum(functions.when(lost, 1L).otherwise(0L)).as(ROWS_WITH_CELLS));
    metrics.add(functions.lit(0L).as(SUPPRESSED));
    if (counted != null) {
      out =
          out.observe(
              counted, metrics.get(0), metrics.subList(1, metrics.size()).toArray(new Column[0]));
    }
    List<String> helpers = new ArrayList<>(List.of(names.key(), names.fateKey(), names.fate()));
    for (int i = 0; i < qi.size(); i++) {
      String column = qi.get(i).column();
      out =
          out.withColumn(
              column,
              functions
                  .when(fate.bitwiseAND(1 << i).notEqual(0), null)
                  .otherwise(functions.col(ColumnRewriter.quoteForColumn(column))));
      helpers.add(names.nulled(i));
    }
    return out.drop(helpers.toArray(new String[0]));
  }

  /** The classes that break the model: their combinations, each with fate true. */
  private Dataset<Row> rowFates(Dataset<Row> base) {
    Dataset<Row> classes = EquivalenceClasses.classes(keyed(base, current()), privacy, table);
    return classes
        .where(functions.col("bad"))
        .select(functions.col("k").as(FATE_KEY), functions.lit(true).as(FATE));
  }

  /**
   * Nulls quasi-identifiers one at a time on the base: at step i, every combination whose current
   * class breaks the model loses value i. Each step's result is cached before the next, so the
   * steps' lineage does not multiply.
   */
  private Dataset<Row> cellFates(Dataset<Row> base) {
    int n = privacy.quasiIdentifiers().size();
    // Joins come out in the session's shuffle partitions; cached, they would keep all 200.
    int partitions = base.rdd().getNumPartitions();
    Dataset<Row> cur =
        base.withColumn("c", current()).withColumn("f", functions.lit(0)).persist(cached());
    for (int i = 0; i < n; i++) {
      Dataset<Row> bad =
          EquivalenceClasses.classes(keyed(cur, functions.col("c")), privacy, table)
              .where(functions.col("bad"))
              .select(functions.col("k").as("bk"), functions.lit(true).as("b"));
      Column breaks = functions.coalesce(functions.col("b"), functions.lit(false));
      Dataset<Row> next =
          cur.join(bad, functions.col("c").equalTo(functions.col("bk")), "left")
              .withColumn(
                  "c",
                  functions
                      .when(
                          breaks,
                          functions
                              .col("c")
                              .withField(
                                  "q" + i,
                                  functions
                                      .lit(null)
                                      .cast(base.schema().apply("q" + i).dataType())))
                      .otherwise(functions.col("c")))
              .withColumn(
                  "f",
                  functions
                      .when(breaks, functions.col("f").bitwiseOR(functions.lit(1 << i)))
                      .otherwise(functions.col("f")))
              .drop("bk", "b")
              .coalesce(partitions)
              .persist(cached());
      next.count();
      cur.unpersist(false);
      cur = next;
    }
    Dataset<Row> fates =
        cur.where(functions.col("f").notEqual(0))
            .select(current().as(FATE_KEY), functions.col("f").as(FATE))
            .distinct()
            .coalesce(partitions)
            .persist(cached());
    fates.count();
    cur.unpersist(false);
    return fates;
  }

  /** The base's quasi-identifiers as one struct, named as {@link #key} names them. */
  private Column current() {
    int n = privacy.quasiIdentifiers().size();
    Column[] fields = new Column[n];
    for (int i = 0; i < n; i++) {
      fields[i] = functions.col("q" + i).as("q" + i);
    }
    return functions.struct(fields);
  }

  /** A row's quasi-identifier values as one struct, comparable with the base's. */
  private static Column key(List<ColumnPath> qi) {
    Column[] fields = new Column[qi.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = PathValues.at(qi.get(i)).as("q" + i);
    }
    return functions.struct(fields);
  }

  /** The base keyed for {@link EquivalenceClasses#classes}: one classing, node 0. */
  private Dataset<Row> keyed(Dataset<Row> base, Column key) {
    List<Column> cols = new ArrayList<>();
    cols.add(functions.lit(0).as("node"));
    cols.add(key.as("k"));
    if (privacy.entity() != null) {
      cols.add(functions.col("e"));
    }
    for (int j = 0; j < privacy.sensitive().size(); j++) {
      cols.add(functions.col("s" + j));
    }
    cols.add(functions.col("w"));
    return base.select(cols.toArray(new Column[0]));
  }

  private static StorageLevel cached() {
    return StorageLevel.MEMORY_AND_DISK();
  }
}
