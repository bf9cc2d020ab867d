package io.veil.job.privacy;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code enforce = generalize} on Spark: the table is read once into its base ({@link
 * EquivalenceClasses#base}, cached on the executors), and each batch of candidate nodes the {@link
 * Lattice} asks for is one pass over the base: every node's generalized classes side by side, told
 * apart by a node number, so a batch of {@link #BATCH} nodes costs one set of Spark jobs. Only each
 * node's counts of suppressed rows reach the driver.
 */
public final class GeneralizationSearch {
  /** Nodes evaluated in one pass over the base. */
  public static final int BATCH = 8;

  /**
   * What the search chose.
   *
   * @param levels per quasi-identifier with a hierarchy, its chosen level
   */
  public record Outcome(Map<ColumnPath, Integer> levels, Lattice.Result result, long millis) {
    /** The report's {@code generalization} section. */
    public Map<String, Object> report(double maxSuppressed) {
      Map<String, Object> r = new LinkedHashMap<>();
      Map<String, Object> l = new LinkedHashMap<>();
      levels.forEach((path, level) -> l.put(path.toString(), level));
      r.put("levels", l);
      r.put("information_loss", result.loss());
      r.put("suppressed_rows", result.suppressed());
      r.put("max_suppressed", maxSuppressed);
      r.put("nodes_in_lattice", result.size());
      r.put("nodes_evaluated", result.evaluated());
      r.put("passes", result.passes());
      r.put("search_ms", millis);
      return r;
    }
  }

  private GeneralizationSearch() {}

  /**
   * Searches the hierarchies' levels for {@code output} (the plan's output, its quasi-identifiers
   * as in the input).
   *
   * @throws PrivacyModelException when no node meets the model within {@code max-suppressed}
   */
  public static Outcome run(
      Dataset<Row> output,
      Privacy privacy,
      Map<ColumnPath, List<ColumnAction>> hierarchies,
      String table) {
    long start = System.currentTimeMillis();
    List<ColumnPath> qi = privacy.quasiIdentifiers();
    List<Integer> generalized = new ArrayList<>(); // indexes into qi of those with a hierarchy
    List<Integer> heights = new ArrayList<>();
    for (int i = 0; i < qi.size(); i++) {
      List<ColumnAction> levels = hierarchies.get(qi.get(i));
      if (levels != null && !levels.isEmpty()) {
        generalized.add(i);
        heights.add(levels.size());
      }
    }
    Lattice lattice =
        new Lattice(heights.stream().mapToInt(Integer::intValue).toArray(), qi.size());
    EquivalenceClasses.Cached cached = EquivalenceClasses.cachedBase(output, privacy);
    Dataset<Row> base = cached.base();
    try {
      Row total = base.agg(functions.sum("w")).first();
      long rows = total.isNullAt(0) ? 0 : total.getLong(0);
      long budget = (long) Math.floor(privacy.maxSuppressed() * rows);
      Lattice.Result result =
          lattice.search(
              rows,
              budget,
              BATCH,
              nodes -> evaluate(base, nodes, privacy, hierarchies, generalized, table));
      if (result.levels() == null) {
        throw new PrivacyModelException(
            table,
            "no combination of the hierarchies' levels meets k = "
                + privacy.k()
                + (privacy.l() == null ? "" : ", l = " + privacy.l())
                + (privacy.t() == null ? "" : ", t = " + privacy.t())
                + " with at most max-suppressed = "
                + privacy.maxSuppressed()
                + " of "
                + rows
                + " rows suppressed ("
                + result.evaluated()
                + " of "
                + result.size()
                + " nodes evaluated); add coarser levels or allow more suppression");
      }
      Map<ColumnPath, Integer> chosen = new LinkedHashMap<>();
      for (int g = 0; g < generalized.size(); g++) {
        chosen.put(qi.get(generalized.get(g)), result.levels()[g]);
      }
      return new Outcome(chosen, result, System.currentTimeMillis() - start);
    } finally {
      cached.release();
    }
  }

  /**
   * One pass: each base row once per node (exploded in place, so the pass is one scan of the base),
   * generalized to the node's levels and numbered, classed together. Generalized values are
   * compared as text, since one quasi-identifier's levels have different types (a number, then its
   * band's label) and a pass holds them in one column.
   */
  private static List<Lattice.Evaluation> evaluate(
      Dataset<Row> base,
      List<int[]> nodes,
      Privacy privacy,
      Map<ColumnPath, List<ColumnAction>> hierarchies,
      List<Integer> generalized,
      String table) {
    List<ColumnPath> qi = privacy.quasiIdentifiers();
    Column[] perNode = new Column[nodes.size()];
    for (int n = 0; n < nodes.size(); n++) {
      int[] levels = nodes.get(n);
      Column[] fields = new Column[qi.size()];
      for (int i = 0; i < qi.size(); i++) {
        Column q = functions.col("q" + i);
        int g = generalized.indexOf(i);
        if (g >= 0 && levels[g] > 0) {
          DataType type = base.schema().apply("q" + i).dataType();
          q = hierarchies.get(qi.get(i)).get(levels[g] - 1).operation().apply(q, type);
        }
        fields[i] = q.cast(DataTypes.StringType).as("q" + i);
      }
      perNode[n] = functions.struct(functions.lit(n).as("node"), functions.struct(fields).as("k"));
    }
    // Each base row once per node, in the partition it is in: one scan of the base for the batch.
    List<String> rest = new ArrayList<>();
    if (privacy.entity() != null) {
      rest.add("e");
    }
    for (int j = 0; j < privacy.sensitive().size(); j++) {
      rest.add("s" + j);
    }
    rest.add("w");
    List<Column> exploded = new ArrayList<>();
    exploded.add(functions.explode(functions.array(perNode)).as("n"));
    List<Column> keyedColumns = new ArrayList<>();
    keyedColumns.add(functions.col("n.node").as("node"));
    keyedColumns.add(functions.col("n.k").as("k"));
    for (String c : rest) {
      exploded.add(functions.col(c));
      keyedColumns.add(functions.col(c));
    }
    Dataset<Row> keyed =
        base.select(exploded.toArray(new Column[0])).select(keyedColumns.toArray(new Column[0]));
    Column rows = functions.col("rows");
    List<Row> counts =
        EquivalenceClasses.classes(keyed, privacy, table)
            .groupBy("node")
            .agg(
                functions.sum(functions.when(functions.col("bad"), rows).otherwise(0L)),
                functions.sum(functions.when(functions.col("bad_kl"), rows).otherwise(0L)))
            .collectAsList();
    Map<Integer, Lattice.Evaluation> byNode = new HashMap<>();
    for (Row r : counts) {
      byNode.put(r.getInt(0), new Lattice.Evaluation(r.getLong(1), r.getLong(2)));
    }
    List<Lattice.Evaluation> out = new ArrayList<>();
    for (int n = 0; n < nodes.size(); n++) {
      out.add(byNode.getOrDefault(n, new Lattice.Evaluation(0, 0)));
    }
    return out;
  }
}
