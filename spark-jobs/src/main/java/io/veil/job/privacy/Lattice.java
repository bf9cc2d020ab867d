package io.veil.job.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The search of {@code enforce = generalize}: the lattice of level combinations of the
 * quasi-identifiers' hierarchies, searched for the node of least information loss that meets the
 * privacy model with at most a budget of rows suppressed.
 *
 * <p>Information loss is Sweeney's precision loss: the mean over the table's quasi-identifiers of
 * level / height (0 for a quasi-identifier without a hierarchy), with a suppressed row counting as
 * fully generalized: {@code loss = precision + (suppressed / rows) * (1 - precision)}. Precision
 * depends on the node only, and is a lower bound of its loss.
 *
 * <p>Two facts prune the search, as in ARX's Flash and OLA: a node that meets its budget for k and
 * distinct l has every more general node meet it too, so a node that does not has no less general
 * node that does (every part of a class too small or too uniform is also too small or too uniform);
 * and a node whose precision is no lower than the least loss found cannot do better. Which nodes
 * are evaluated next is a binary search over the lattice's heights: the middle height of the nodes
 * still in question, so that a failure rules out everything below it and a success bounds
 * everything above. Entropy l and t are checked at every evaluated node but never prune, since a
 * part of a class can be further from them than the class.
 */
public final class Lattice {
  /** What an evaluation of a node found: rows suppressed for every criterion, and for k and l. */
  public record Evaluation(long suppressed, long suppressedKl) {}

  /** Evaluates a batch of nodes (level arrays) in one pass, returning one evaluation each. */
  @FunctionalInterface
  public interface Evaluator {
    List<Evaluation> evaluate(List<int[]> nodes);
  }

  /**
   * What the search chose.
   *
   * @param levels the chosen node, or null when no node meets the model within the budget
   * @param loss its information loss
   * @param suppressed the rows its suppression drops
   * @param evaluated nodes evaluated
   * @param size nodes in the lattice
   * @param passes evaluations of batches (passes over the table's classes)
   */
  public record Result(
      int[] levels, double loss, long suppressed, int evaluated, int size, int passes) {}

  private final int[] heights;
  private final int quasiIdentifiers;
  private final int size;

  /**
   * @param heights per quasi-identifier with a hierarchy, its highest level
   * @param quasiIdentifiers all the table's quasi-identifiers, those without a hierarchy included
   */
  public Lattice(int[] heights, int quasiIdentifiers) {
    this.heights = heights.clone();
    this.quasiIdentifiers = quasiIdentifiers;
    long n = 1;
    for (int h : heights) {
      if (h < 1) {
        throw new IllegalArgumentException("a hierarchy has at least one level");
      }
      n *= h + 1;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many nodes: " + n);
    }
    this.size = (int) n;
  }

  public int size() {
    return size;
  }

  /**
   * The levels of node {@code index} (mixed radix, the first quasi-identifier least significant).
   */
  int[] levels(int index) {
    int[] l = new int[heights.length];
    for (int i = 0; i < heights.length; i++) {
      l[i] = index % (heights[i] + 1);
      index /= heights[i] + 1;
    }
    return l;
  }

  /** The precision loss of a node: the mean over all quasi-identifiers of level / height. */
  double precision(int[] levels) {
    double sum = 0;
    for (int i = 0; i < levels.length; i++) {
      sum += (double) levels[i] / heights[i];
    }
    return sum / quasiIdentifiers;
  }

  /** The node's information loss with {@code suppressed} of {@code rows} suppressed. */
  double loss(int[] levels, long suppressed, long rows) {
    double p = precision(levels);
    double s = rows == 0 ? 0 : (double) suppressed / rows;
    return p + s * (1 - p);
  }

  /**
   * The node of least loss whose suppression stays within {@code budget} rows; ties go to fewer
   * suppressed rows, then to the first node in index order.
   */
  public Result search(long rows, long budget, int batch, Evaluator evaluator) {
    boolean[] evaluated = new boolean[size];
    List<int[]> failedKl = new ArrayList<>();
    int[] best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    long bestSuppressed = Long.MAX_VALUE;
    int count = 0;
    int passes = 0;
    while (true) {
      List<Integer> open = new ArrayList<>();
      for (int n = 0; n < size; n++) {
        if (evaluated[n]) {
          continue;
        }
        int[] l = levels(n);
        if (precision(l) >= bestLoss - 1e-12 || belowAny(l, failedKl)) {
          continue;
        }
        open.add(n);
      }
      if (open.isEmpty()) {
        break;
      }
      List<Integer> next = middle(open, batch);
      List<int[]> nodes = next.stream().map(this::levels).toList();
      List<Evaluation> results = evaluator.evaluate(nodes);
      passes++;
      for (int i = 0; i < nodes.size(); i++) {
        int[] l = nodes.get(i);
        Evaluation e = results.get(i);
        evaluated[next.get(i)] = true;
        count++;
        if (e.suppressedKl() > budget) {
          failedKl.add(l);
        }
        if (e.suppressed() <= budget) {
          double loss = loss(l, e.suppressed(), rows);
          if (loss < bestLoss - 1e-12
              || (Math.abs(loss - bestLoss) <= 1e-12 && e.suppressed() < bestSuppressed)) {
            best = l;
            bestLoss = loss;
            bestSuppressed = e.suppressed();
          }
        }
      }
    }
    return best == null
        ? new Result(null, Double.NaN, 0, count, size, passes)
        : new Result(best, bestLoss, bestSuppressed, count, size, passes);
  }

  /** Up to {@code batch} open nodes at the middle height of the open nodes, least precise first. */
  private List<Integer> middle(List<Integer> open, int batch) {
    int[] h = open.stream().mapToInt(n -> Arrays.stream(levels(n)).sum()).sorted().toArray();
    int target = h[h.length / 2];
    return open.stream()
        .filter(n -> Arrays.stream(levels(n)).sum() == target)
        .sorted(Comparator.comparingDouble((Integer n) -> precision(levels(n))))
        .limit(batch)
        .toList();
  }

  /** Whether {@code l} is at or below (no more general than) a node that failed k or l. */
  private static boolean belowAny(int[] l, List<int[]> failed) {
    for (int[] f : failed) {
      boolean below = true;
      for (int i = 0; i < l.length && below; i++) {
        below = l[i] <= f[i];
      }
      if (below) {
        return true;
      }
    }
    return false;
  }
}
