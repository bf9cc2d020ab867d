package io.veil.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which combinations of columns single people out, measured on a scan's sample: for every set of up
 * to {@code maxColumns} candidate columns, the sampled rows whose combination of values is shared
 * by fewer than k rows (or, with an entity column, k distinct entities). What a person choosing a
 * table's quasi-identifiers needs to see: not which columns look personal, but which together
 * identify.
 *
 * <p>Candidates are single-valued columns that are not direct identifiers themselves: columns the
 * classifier found to hold e-mails, phones, ID or card numbers and the like are left out (they need
 * an op of their own, not k-anonymity), as are near-unique columns (95% distinct: keys, and free
 * text) unless found to be quasi-identifying (birth dates), and the entity. At most {@value
 * #MAX_CANDIDATES} candidates are combined, those with the most distinct values first, since those
 * are the ones that split classes. A combination is listed only when it singles out more rows than
 * every smaller combination within it: adding a column that changes nothing adds nothing to read.
 *
 * <p>A sample is not the table: classes are smaller in a sample, so a combination rare in the
 * sample may be common in the table. The figures rank combinations; the job's k-anonymity check
 * measures the table.
 */
public final class QuasiIdentifierSearch {
  static final int MAX_CANDIDATES = 30;
  static final double NEAR_UNIQUE = 0.95;
  public static final int MAX_COLUMNS = 3;
  private static final long KEY_BASE = 1_000_003L;

  /**
   * One combination: the sampled rows in classes below k, how many of them are alone in theirs
   * (sample uniques), out of {@code rows}.
   */
  public record Combination(List<String> columns, int singledOut, int unique, int rows) {
    public double share() {
      return rows == 0 ? 0 : (double) singledOut / rows;
    }
  }

  private QuasiIdentifierSearch() {}

  /**
   * @param columns the sampled columns, each with one value per sampled row, in row order
   * @param excluded columns not to combine (direct identifiers)
   * @param quasi columns found to hold quasi-identifying personal data (birth dates, addresses):
   *     combined even when near-unique, since that is what makes them identifying
   * @param entity the column naming each row's person, or null to count rows
   * @return the combinations that single out any row, most rows first (then fewer columns), at most
   *     {@code top}
   */
  public static List<Combination> find(
      List<ColumnSample> columns,
      Set<String> excluded,
      Set<String> quasi,
      String entity,
      int k,
      int maxColumns,
      int top) {
    int rows = columns.isEmpty() ? 0 : columns.get(0).values().size();
    if (maxColumns < 1 || maxColumns > MAX_COLUMNS || rows >= KEY_BASE) {
      // Class keys pack up to three value codes below KEY_BASE into a long.
      throw new IllegalArgumentException(
          "combinations of 1 to " + MAX_COLUMNS + " columns over fewer than " + KEY_BASE + " rows");
    }
    int[] entityCodes = null;
    List<int[]> codes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> distinct = new ArrayList<>();
    for (ColumnSample c : columns) {
      if (c.values().size() != rows) {
        throw new IllegalArgumentException(c.column() + " is not one value per row");
      }
      Map<String, Integer> dictionary = new HashMap<>();
      int[] coded = new int[rows];
      for (int i = 0; i < rows; i++) {
        String v = c.values().get(i);
        coded[i] = dictionary.computeIfAbsent(v == null ? "\u0000null" : v, x -> dictionary.size());
      }
      if (c.column().equals(entity)) {
        entityCodes = coded;
      } else if (!excluded.contains(c.column())
          && (quasi.contains(c.column()) || dictionary.size() < NEAR_UNIQUE * rows)) {
        codes.add(coded);
        names.add(c.column());
        distinct.add(dictionary.size());
      }
    }
    if (entity != null && entityCodes == null) {
      throw new IllegalArgumentException("no sampled column " + entity);
    }
    // The most distinct values first: they split classes the most.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> -distinct.get(i)).thenComparing(names::get));
    List<Integer> candidates = order.subList(0, Math.min(MAX_CANDIDATES, order.size()));

    Map<List<Integer>, Combination> found = new HashMap<>();
    List<Combination> listed = new ArrayList<>();
    List<List<Integer>> level = new ArrayList<>();
    level.add(List.of());
    for (int size = 1; size <= maxColumns; size++) {
      List<List<Integer>> next = new ArrayList<>();
      for (List<Integer> base : level) {
        int from = base.isEmpty() ? 0 : candidates.indexOf(base.get(base.size() - 1)) + 1;
        for (int j = from; j < candidates.size(); j++) {
          List<Integer> combo = new ArrayList<>(base);
          combo.add(candidates.get(j));
          next.add(combo);
          Combination c = measure(combo, codes, names, entityCodes, rows, k);
          found.put(combo, c);
          if (c.singledOut() > 0 && addsToEverySubset(combo, c, found)) {
            listed.add(c);
          }
        }
      }
      level = next;
    }
    listed.sort(
        Comparator.comparing((Combination c) -> -c.singledOut())
            .thenComparing(c -> c.columns().size())
            .thenComparing(c -> String.join(",", c.columns())));
    return List.copyOf(listed.subList(0, Math.min(top, listed.size())));
  }

  /** Whether {@code c} singles out more rows than each combination one column smaller. */
  private static boolean addsToEverySubset(
      List<Integer> combo, Combination c, Map<List<Integer>, Combination> found) {
    if (combo.size() == 1) {
      return true;
    }
    for (int drop = 0; drop < combo.size(); drop++) {
      List<Integer> subset = new ArrayList<>(combo);
      subset.remove(drop);
      Combination s = found.get(subset);
      if (s != null && s.singledOut() >= c.singledOut()) {
        return false;
      }
    }
    return true;
  }

  private static Combination measure(
      List<Integer> combo,
      List<int[]> codes,
      List<String> names,
      int[] entityCodes,
      int rows,
      int k) {
    long[] keys = new long[rows];
    for (int i = 0; i < rows; i++) {
      long key = 0;
      for (int column : combo) {
        key = key * KEY_BASE + codes.get(column)[i];
      }
      keys[i] = key;
    }
    Map<Long, Integer> rowsPerClass = new HashMap<>();
    Map<Long, Set<Integer>> entitiesPerClass = entityCodes == null ? null : new HashMap<>();
    for (int i = 0; i < rows; i++) {
      rowsPerClass.merge(keys[i], 1, Integer::sum);
      if (entitiesPerClass != null) {
        entitiesPerClass.computeIfAbsent(keys[i], x -> new HashSet<>()).add(entityCodes[i]);
      }
    }
    int singledOut = 0;
    int unique = 0;
    for (int i = 0; i < rows; i++) {
      int size =
          entitiesPerClass == null
              ? rowsPerClass.get(keys[i])
              : entitiesPerClass.get(keys[i]).size();
      if (size < k) {
        singledOut++;
      }
      if (size == 1) {
        unique++;
      }
    }
    List<String> columns = new ArrayList<>();
    for (int column : combo) {
      columns.add(names.get(column));
    }
    return new Combination(List.copyOf(columns), singledOut, unique, rows);
  }
}
