package io.veil.job.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The generalization search against exhaustive evaluation of every node, on random tables whose
 * hierarchies halve a value's domain per level, with k alone (monotone) and with an extra criterion
 * that is not monotone (as t is): the search finds the same least loss, evaluating fewer nodes.
 */
class LatticeTest {
  /** Rows of three quasi-identifiers with values 0..63, clustered so that some generalize well. */
  private static int[][] table(long seed, int rows) {
    Random r = new Random(seed);
    int[][] t = new int[rows][3];
    for (int[] row : t) {
      row[0] = (int) Math.min(63, Math.abs(r.nextGaussian() * 16));
      row[1] = r.nextInt(64);
      row[2] = r.nextInt(4) * 16 + r.nextInt(3);
    }
    return t;
  }

  /** Rows in classes below k, and, with {@code oddClasses}, also in classes of an odd size >= k. */
  private static Lattice.Evaluation evaluate(int[][] t, int[] levels, int k, boolean oddClasses) {
    Map<List<Integer>, Integer> sizes = new HashMap<>();
    for (int[] row : t) {
      sizes.merge(key(row, levels), 1, Integer::sum);
    }
    long kl = 0;
    long all = 0;
    for (int size : sizes.values()) {
      if (size < k) {
        kl += size;
        all += size;
      } else if (oddClasses && size % 2 == 1 && size < 3 * k) {
        all += size;
      }
    }
    return new Lattice.Evaluation(all, kl);
  }

  private static List<Integer> key(int[] row, int[] levels) {
    List<Integer> k = new ArrayList<>();
    for (int i = 0; i < levels.length; i++) {
      k.add(row[i] >> levels[i]);
    }
    return k;
  }

  @Test
  void findsTheLeastLossThatExhaustiveSearchFinds() {
    int[] heights = {6, 6, 6};
    for (long seed = 1; seed <= 12; seed++) {
      int[][] t = table(seed, 3000);
      for (boolean odd : new boolean[] {false, true}) {
        int k = 3 + (int) seed % 5;
        long budget = 30 * (seed % 4);
        Lattice lattice = new Lattice(heights, 4); // a fourth quasi-identifier has no hierarchy
        Lattice.Result r =
            lattice.search(
                t.length,
                budget,
                4,
                nodes -> nodes.stream().map(n -> evaluate(t, n, k, odd)).toList());
        double bestLoss = Double.POSITIVE_INFINITY;
        long bestSuppressed = Long.MAX_VALUE;
        for (int n = 0; n < lattice.size(); n++) {
          int[] l = lattice.levels(n);
          Lattice.Evaluation e = evaluate(t, l, k, odd);
          if (e.suppressed() <= budget) {
            double loss = lattice.loss(l, e.suppressed(), t.length);
            if (loss < bestLoss - 1e-12
                || (Math.abs(loss - bestLoss) <= 1e-12 && e.suppressed() < bestSuppressed)) {
              bestLoss = loss;
              bestSuppressed = e.suppressed();
            }
          }
        }
        String where = "seed " + seed + ", odd " + odd;
        assertEquals(bestLoss, r.loss(), 1e-12, where);
        assertEquals(bestSuppressed, r.suppressed(), where);
        assertEquals(343, r.size());
        assertTrue(r.evaluated() < r.size() / 2, where + ": " + r.evaluated() + " evaluated");
        assertTrue(r.passes() <= r.evaluated());
      }
    }
  }

  @Test
  void noNodeWithinTheBudget() {
    Lattice lattice = new Lattice(new int[] {2, 1}, 2);
    Lattice.Result r =
        lattice.search(
            100, 0, 8, nodes -> nodes.stream().map(n -> new Lattice.Evaluation(5, 5)).toList());
    assertNull(r.levels());
    // The top node failed k: everything below it fails too, so one pass settles it.
    assertTrue(r.evaluated() <= 6, r.toString());
  }

  @Test
  void theBottomNodeWhenItAlreadyMeetsTheModel() {
    Lattice lattice = new Lattice(new int[] {3, 3}, 2);
    Lattice.Result r =
        lattice.search(
            100, 0, 2, nodes -> nodes.stream().map(n -> new Lattice.Evaluation(0, 0)).toList());
    assertArrayEquals(new int[] {0, 0}, r.levels());
    assertEquals(0.0, r.loss());
  }
}
