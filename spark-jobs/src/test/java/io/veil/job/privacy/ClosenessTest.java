package io.veil.job.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClosenessTest {

  /**
   * The salary example of Li, Li and Venkatasubramanian, "t-Closeness: Privacy Beyond k-Anonymity
   * and l-Diversity" (ICDE 2007): nine salaries 3k..11k, once each; the class {3k, 4k, 5k} is 0.375
   * from the table, the class {6k, 8k, 11k} 0.167.
   */
  @Test
  void orderedDistanceMatchesThePapersSalaryExample() {
    Closeness table = new Closeness(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
    assertEquals(0.375, table.orderedEmd(new int[] {0, 1, 2}, new long[] {1, 1, 1}), 1e-12);
    assertEquals(12.0 / 72, table.orderedEmd(new int[] {3, 5, 8}, new long[] {1, 1, 1}), 1e-12);
  }

  @Test
  void totalVariationCountsTheValuesAClassLacks() {
    Closeness table = new Closeness(new long[] {2, 1, 1});
    // The class holds only the first value: |1 - 0.5| + 0.25 + 0.25, halved.
    assertEquals(0.5, table.totalVariation(new int[] {0}, new long[] {7}), 1e-12);
    assertEquals(0.0, table.totalVariation(new int[] {0, 1, 2}, new long[] {4, 2, 2}), 1e-12);
  }

  @Test
  void aClassLikeTheTableIsAtDistanceZero() {
    Closeness table = new Closeness(new long[] {5, 3, 2});
    assertEquals(0, table.orderedEmd(new int[] {0, 1, 2}, new long[] {10, 6, 4}), 1e-12);
    assertEquals(0, new Closeness(new long[] {9}).orderedEmd(new int[] {0}, new long[] {3}));
  }

  /** The O(c log m) ordered distance equals the definition summed over every value. */
  @Test
  void orderedDistanceEqualsTheDefinition() {
    Random r = new Random(7);
    for (int round = 0; round < 500; round++) {
      int m = 1 + r.nextInt(40);
      long[] counts = new long[m];
      for (int i = 0; i < m; i++) {
        counts[i] = 1 + r.nextInt(20);
      }
      long[] inClass = new long[m];
      for (int i = 0; i < m; i++) {
        inClass[i] = r.nextInt(3) == 0 ? r.nextInt(5) : 0;
      }
      inClass[r.nextInt(m)] += 1;
      int c = 0;
      for (long x : inClass) {
        c += x > 0 ? 1 : 0;
      }
      int[] index = new int[c];
      long[] w = new long[c];
      for (int i = 0, k = 0; i < m; i++) {
        if (inClass[i] > 0) {
          index[k] = i;
          w[k++] = inClass[i];
        }
      }
      double total = 0;
      double classTotal = 0;
      for (int i = 0; i < m; i++) {
        total += counts[i];
        classTotal += inClass[i];
      }
      double running = 0;
      double emd = 0;
      double tvd = 0;
      for (int i = 0; i < m; i++) {
        double d = inClass[i] / classTotal - counts[i] / total;
        running += d;
        emd += Math.abs(running);
        tvd += Math.abs(d);
      }
      Closeness table = new Closeness(counts);
      assertEquals(m == 1 ? 0 : emd / (m - 1), table.orderedEmd(index, w), 1e-9, "round " + round);
      assertEquals(tvd / 2, table.totalVariation(index, w), 1e-9, "round " + round);
    }
  }
}
