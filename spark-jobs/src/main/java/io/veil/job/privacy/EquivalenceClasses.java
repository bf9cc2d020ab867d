package io.veil.job.privacy;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Which equivalence classes break a table's k, l and t, computed over a narrow, aggregated copy of
 * the table (its "base": one row per distinct combination of quasi-identifiers, entity and
 * sensitive values, with its row count), so that suppression and the generalization search never
 * hold rows on the driver and a search's many candidate classings each cost a pass over the base,
 * not over the table.
 *
 * <p>A keyed base has the columns {@code node} (an int naming the classing, so that several
 * candidate classings are evaluated in one pass; 0 when there is one), {@code k} (the class's
 * quasi-identifier values as one struct: struct equality treats nulls as equal, so null is a value
 * like any other), {@code e} (with an entity), {@code s0, s1...} (the sensitive attributes) and
 * {@code w} (rows). Class sizes, l-diversity and t-closeness follow {@code PrivacyChecks}'s
 * definitions exactly; the t-closeness of each classing is measured against that classing's own
 * distribution of the attribute.
 */
public final class EquivalenceClasses {
  /** Distinct values of a sensitive attribute up to which t-closeness can be enforced. */
  public static final int MAX_T_VALUES = 1_000_000;

  private EquivalenceClasses() {}

  /**
   * The table's base: {@code q0, q1...} (the quasi-identifiers), {@code e}, {@code s0...} and
   * {@code w}, one row per distinct combination.
   */
  public static Dataset<Row> base(Dataset<Row> table, Privacy p) {
    List<Column> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ColumnPath> qi = p.quasiIdentifiers();
    for (int i = 0; i < qi.size(); i++) {
      cols.add(PathValues.at(qi.get(i)).as("q" + i));
      names.add("q" + i);
    }
    if (p.entity() != null) {
      cols.add(PathValues.at(p.entity()).as("e"));
      names.add("e");
    }
    for (int j = 0; j < p.sensitive().size(); j++) {
      cols.add(PathValues.at(p.sensitive().get(j)).as("s" + j));
      names.add("s" + j);
    }
    return table
        .select(cols.toArray(new Column[0]))
        .groupBy(names.stream().map(functions::col).toArray(Column[]::new))
        .agg(functions.count(functions.lit(1)).as("w"));
  }

  /**
   * The table's base, computed once and cached on the executors (memory, then disk), in no more
   * partitions than the table's scan has (the base is never larger than the table): an
   * aggregation's output has the session's shuffle partitions (200 by default), which a cached plan
   * keeps, so a small base would make its own computation and every later pass 200 tasks writing
   * 200 shuffle files each. The caller releases it.
   *
   * @return the cached base and its row count
   */
  public static Cached cachedBase(Dataset<Row> table, Privacy p) {
    int parallelism = table.sparkSession().sparkContext().defaultParallelism();
    int partitions = Math.max(parallelism, table.rdd().getNumPartitions());
    Dataset<Row> base = base(table, p).coalesce(partitions).persist(StorageLevel.MEMORY_AND_DISK());
    return new Cached(base, base.count());
  }

  /** A cached base and its number of rows (distinct combinations, not table rows). */
  public record Cached(Dataset<Row> base, long rows) {
    public void release() {
      base.unpersist(false);
    }
  }

  /**
   * Per class of a keyed base: {@code node}, {@code k}, {@code rows}, {@code size} (rows, or
   * distinct entities), {@code bad} (it breaks k, or a required l or t) and {@code bad_kl} (it
   * breaks k or a required distinct l: the criteria under which a class's every part breaks them
   * too, so that a search may prune by them).
   */
  public static Dataset<Row> classes(Dataset<Row> keyed, Privacy p, String table) {
    Column[] byClass = {col("node"), col("k")};
    Dataset<Row> classes =
        keyed.groupBy(byClass).agg(functions.sum("w").as("rows"), weight(p).as("size"));
    Column badKl = col("size").lt(p.k());
    Column bad = badKl;
    for (int j = 0; j < p.sensitive().size(); j++) {
      if (p.l() == null && p.t() == null) {
        break;
      }
      Dataset<Row> counts =
          keyed.groupBy(col("node"), col("k"), col("s" + j).as("v")).agg(weight(p).as("c"));
      if (p.l() != null) {
        Dataset<Row> l =
            counts
                .groupBy(byClass)
                .agg(
                    functions.count(functions.lit(1)).as("distinct"),
                    functions.sum("c").as("total"),
                    functions.sum(col("c").multiply(functions.log(col("c")))).as("clogc"))
                .select(
                    col("node"),
                    col("k"),
                    (p.entropyL()
                            ? functions.floor(
                                functions
                                    .exp(
                                        functions
                                            .log(col("total"))
                                            .minus(col("clogc").divide(col("total"))))
                                    .plus(1e-9))
                            : col("distinct"))
                        .lt(p.l())
                        .as("l" + j));
        classes = classes.join(l, new String[] {"node", "k"}, "left_outer");
        Column breaks = functions.coalesce(col("l" + j), functions.lit(false));
        bad = bad.or(breaks);
        if (!p.entropyL()) {
          // A part of a class has no more distinct values than the class; its entropy, though,
          // can exceed the whole's, so entropy l (like t) may not prune.
          badKl = badKl.or(breaks);
        }
      }
      if (p.t() != null) {
        Dataset<Row> t = distances(counts, p.sensitive().get(j), table);
        classes =
            classes.join(
                t.select(col("node"), col("k"), col("t").gt(p.t()).as("t" + j)),
                new String[] {"node", "k"},
                "left_outer");
        bad = bad.or(functions.coalesce(col("t" + j), functions.lit(false)));
      }
    }
    return classes.select(
        col("node"), col("k"), col("rows"), col("size"), bad.as("bad"), badKl.as("bad_kl"));
  }

  /**
   * A group's weight over a base: its rows ({@code w}), or its distinct entities (a null entity
   * counts one per row).
   */
  public static Column weight(Privacy p) {
    if (p.entity() == null) {
      return functions.sum("w");
    }
    Column e = col("e");
    return functions
        .countDistinct(e)
        .plus(functions.coalesce(functions.sum(functions.when(e.isNull(), col("w"))), lit0()));
  }

  /**
   * Per class, its t-closeness distance to its classing's distribution of the attribute ({@code
   * node, k, t}): each classing's distribution reaches the driver as one count per distinct value
   * in value order (never the values), and each class is measured where it is.
   */
  private static Dataset<Row> distances(Dataset<Row> counts, ColumnPath attribute, String table) {
    DataType type = counts.schema().apply("v").dataType();
    boolean isOrdered =
        type instanceof NumericType
            || type.equals(DataTypes.DateType)
            || type.equals(DataTypes.TimestampType)
            || type.equals(DataTypes.TimestampNTZType);
    Dataset<Row> distribution =
        counts.groupBy(col("node"), col("v")).agg(functions.sum("c").as("c"));
    Dataset<Row> numbered =
        distribution.select(
            col("node").as("nn"),
            col("v").as("nv"),
            functions
                .row_number()
                .over(Window.partitionBy("node").orderBy(col("v").asc_nulls_first()))
                .minus(1)
                .cast(DataTypes.IntegerType)
                .as("i"),
            col("c").as("nc"));
    List<Row> ordered =
        numbered.orderBy("nn", "i").select("nn", "nc").limit(MAX_T_VALUES + 1).collectAsList();
    if (ordered.size() > MAX_T_VALUES) {
      throw new PrivacyModelException(
          table,
          "t-closeness of "
              + attribute
              + " cannot be enforced: more than "
              + MAX_T_VALUES
              + " distinct values");
    }
    Map<Integer, List<Long>> byNode = new HashMap<>();
    for (Row r : ordered) {
      byNode.computeIfAbsent(r.getInt(0), n -> new ArrayList<>()).add(r.getLong(1));
    }
    HashMap<Integer, Closeness> closeness = new HashMap<>();
    byNode.forEach(
        (node, c) -> closeness.put(node, new Closeness(c.stream().mapToLong(x -> x).toArray())));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(counts.sparkSession().sparkContext());
    Broadcast<HashMap<Integer, Closeness>> shared = jsc.broadcast(closeness);
    Dataset<Row> perClass =
        counts
            .join(
                numbered.select("nn", "nv", "i"),
                col("node").equalTo(col("nn")).and(col("v").eqNullSafe(col("nv"))))
            .groupBy(col("node"), col("k"))
            .agg(
                functions
                    .sort_array(functions.collect_list(functions.struct(col("i"), col("c"))))
                    .as("values"));
    StructType schema =
        new StructType()
            .add("node", DataTypes.IntegerType)
            .add("k", perClass.schema().apply("k").dataType())
            .add("t", DataTypes.DoubleType);
    MapFunction<Row, Row> distance =
        row -> {
          List<Row> list = row.getList(2);
          int[] index = new int[list.size()];
          long[] c = new long[list.size()];
          for (int x = 0; x < index.length; x++) {
            index[x] = list.get(x).getInt(0);
            c[x] = list.get(x).getLong(1);
          }
          Closeness d = shared.value().get(row.getInt(0));
          return RowFactory.create(
              row.getInt(0),
              row.get(1),
              isOrdered ? d.orderedEmd(index, c) : d.totalVariation(index, c));
        };
    return perClass.map(distance, Encoders.row(schema));
  }

  private static Column lit0() {
    return functions.lit(0L);
  }

  private static Column col(String name) {
    return functions.col(name);
  }
}
