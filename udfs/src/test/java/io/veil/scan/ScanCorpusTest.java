package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the column classifier on {@link PiiCorpus}, per type and overall, at the
 * column level: a column's predicted type (or none) against its label. The table printed here is
 * the one in docs/finding-pii.md ("Measured precision and recall").
 */
class ScanCorpusTest {
  static final long SEED = Long.getLong("veil.scan.corpus.seed", 20261127L);
  static final int COLUMNS_PER_TYPE = 60;
  static final double GOAL = 0.95;

  private static final Map<PiiType, int[]> COUNTS = new EnumMap<>(PiiType.class); // tp, fp, fn
  private static final int[] CLEAN = new int[3];
  private static final List<String> MISTAKES = new ArrayList<>();
  private static int columns;

  @BeforeAll
  static void classifyTheCorpus() {
    ColumnClassifier classifier =
        new ColumnClassifier(
            Clock.fixed(PiiCorpus.TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    for (PiiType t : PiiType.values()) {
      COUNTS.put(t, new int[3]);
    }
    List<PiiCorpus.Column> corpus = PiiCorpus.build(SEED, COLUMNS_PER_TYPE);
    columns = corpus.size();
    for (PiiCorpus.Column c : corpus) {
      ColumnFinding f = classifier.classify(c.sample());
      PiiType predicted = f.type();
      if (Objects.equals(predicted, c.label())) {
        if (predicted == null) {
          CLEAN[0]++;
        } else {
          COUNTS.get(predicted)[0]++;
        }
        continue;
      }
      MISTAKES.add(
          String.format(
              "  %-22s %-18s labelled %-18s predicted %-18s share %.3f (%s)",
              c.name(), c.flavour(), label(c.label()), label(predicted), f.share(), c.kind()));
      if (predicted == null) {
        CLEAN[1]++;
      } else {
        COUNTS.get(predicted)[1]++;
      }
      if (c.label() == null) {
        CLEAN[2]++;
      } else {
        COUNTS.get(c.label())[2]++;
      }
    }
    StringBuilder table = new StringBuilder();
    table.append(String.format("%nScan corpus: %d columns (seed %d)%n", columns, SEED));
    table.append("| type | columns | precision | recall |\n| --- | ---: | ---: | ---: |\n");
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (PiiType t : PiiType.values()) {
      int[] k = COUNTS.get(t);
      tp += k[0];
      fp += k[1];
      fn += k[2];
      table.append(row(t.label(), k));
    }
    table.append(row("none (clean)", CLEAN));
    table.append(row("all PII types", new int[] {tp, fp, fn}));
    if (!MISTAKES.isEmpty()) {
      table.append("Misclassified columns:\n").append(String.join("\n", MISTAKES)).append('\n');
    }
    System.out.println(table);
  }

  private static String label(PiiType t) {
    return t == null ? "none" : t.label();
  }

  private static String row(String name, int[] k) {
    return String.format(
        "| %s | %d | %.1f%% | %.1f%% |%n", name, k[0] + k[2], 100 * precision(k), 100 * recall(k));
  }

  private static double precision(int[] k) {
    return k[0] + k[1] == 0 ? 1 : k[0] / (double) (k[0] + k[1]);
  }

  private static double recall(int[] k) {
    return k[0] + k[2] == 0 ? 1 : k[0] / (double) (k[0] + k[2]);
  }

  @Test
  void overallPrecisionAndRecallReachTheGoal() {
    int[] all = new int[3];
    for (int[] k : COUNTS.values()) {
      for (int i = 0; i < 3; i++) {
        all[i] += k[i];
      }
    }
    assertTrue(precision(all) >= GOAL, "overall precision " + precision(all));
    assertTrue(recall(all) >= GOAL, "overall recall " + recall(all));
  }

  @Test
  void everyTypeReachesTheGoal() {
    for (Map.Entry<PiiType, int[]> e : COUNTS.entrySet()) {
      assertTrue(
          precision(e.getValue()) >= GOAL, e.getKey() + " precision " + precision(e.getValue()));
      assertTrue(recall(e.getValue()) >= GOAL, e.getKey() + " recall " + recall(e.getValue()));
    }
    assertTrue(precision(CLEAN) >= GOAL && recall(CLEAN) >= GOAL, "clean columns");
  }

  @Test
  void theCorpusHasEnoughColumnsOfEveryKind() {
    for (Map.Entry<PiiType, int[]> e : COUNTS.entrySet()) {
      assertTrue(e.getValue()[0] + e.getValue()[2] >= COLUMNS_PER_TYPE, e.getKey().label());
    }
    assertTrue(CLEAN[0] + CLEAN[2] >= 10 * COLUMNS_PER_TYPE);
  }
}
