package io.veil.job.privacy;

import java.io.Serializable;

/**
 * t-closeness distances between one equivalence class's distribution of a sensitive attribute and
 * the whole table's, as ARX defines them: the total variation distance for unordered values (half
 * the sum of the differences), and for ordered ones (numbers, dates) the ordered earth mover's
 * distance {@code 1/(m-1) · Σ_i |Σ_{j≤i} (q_j − p_j)|} over the table's m distinct values in order.
 *
 * <p>The table's distribution is held once (its m values, built on the driver from an aggregate and
 * broadcast); a class gives only the values it holds, as indices into that order with their counts.
 * The ordered distance is then computed in {@code O(c log m)} for a class of c distinct values
 * rather than {@code O(m)}: between two of the class's values its cumulative share is constant, and
 * the table's cumulative shares only grow, so a binary search splits each stretch where the
 * difference changes sign and prefix sums give both sides.
 */
public final class Closeness implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] share;
  private final double[] cumulative;
  private final double[] prefix;

  /**
   * @param counts how often each of the table's distinct values occurs, in the values' order
   */
  public Closeness(long[] counts) {
    int m = counts.length;
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    share = new double[m];
    cumulative = new double[m];
    prefix = new double[m + 1];
    double running = 0;
    for (int i = 0; i < m; i++) {
      share[i] = total == 0 ? 0 : counts[i] / total;
      running += share[i];
      cumulative[i] = running;
      prefix[i + 1] = prefix[i] + running;
    }
  }

  public int values() {
    return share.length;
  }

  /**
   * Half the sum over all values of |class share − table share|, from the class's values only:
   * values the class lacks each add their table share.
   *
   * @param index the class's values as indices into the table's order, ascending, distinct
   * @param counts how often each occurs in the class
   */
  public double totalVariation(int[] index, long[] counts) {
    double classTotal = sum(counts);
    double missing = 1.0;
    double differences = 0;
    for (int r = 0; r < index.length; r++) {
      double p = share[index[r]];
      missing -= p;
      differences += Math.abs(counts[r] / classTotal - p);
    }
    return Math.min(1.0, 0.5 * (differences + Math.max(0, missing)));
  }

  /**
   * The ordered earth mover's distance; 0 when the table has one value.
   *
   * @param index the class's values as indices into the table's order, ascending, distinct
   * @param counts how often each occurs in the class
   */
  public double orderedEmd(int[] index, long[] counts) {
    int m = share.length;
    if (m <= 1) {
      return 0;
    }
    double classTotal = sum(counts);
    double sum = 0;
    double q = 0; // the class's cumulative share, constant from one of its values to the next
    int from = 0;
    for (int r = 0; r <= index.length; r++) {
      int to = r < index.length ? index[r] : m;
      sum += distance(q, from, to);
      if (r < index.length) {
        q += counts[r] / classTotal;
        from = index[r];
      }
    }
    return Math.min(1.0, sum / (m - 1));
  }

  /** Σ_{i in [from, to)} |q − cumulative[i]|, cumulative rising in i. */
  private double distance(double q, int from, int to) {
    if (to <= from) {
      return 0;
    }
    int lo = from;
    int hi = to;
    while (lo < hi) { // the first i with cumulative[i] >= q
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < q) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    double below = q * (lo - from) - (prefix[lo] - prefix[from]);
    double above = (prefix[to] - prefix[lo]) - q * (to - lo);
    return below + above;
  }

  private static double sum(long[] counts) {
    double s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }
}
