package io.veil.job.config;

import io.veil.spark.ColumnPath;
import io.veil.spark.op.OperationSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table's privacy checks: k-anonymity over quasi-identifiers (per row, or per entity),
 * l-diversity and t-closeness of sensitive attributes within each class, how classes that break
 * them are handled, and the leak check.
 *
 * @param quasiIdentifiers empty when the table has no k-anonymity requirement
 * @param entity the column naming the person each row is about ({@code patient_id}): classes are
 *     then sized by their distinct entities, not their rows; null to count rows
 * @param sensitive attributes whose l-diversity and t-closeness are measured in each class
 * @param l the least l-diversity required; null: measured (when {@code sensitive} is set), not
 *     required
 * @param entropyL {@code l-diversity = entropy}: each class's entropy must be at least log(l),
 *     rather than its count of distinct values at least l
 * @param t the largest t-closeness distance allowed; null: measured, not required
 * @param enforce what happens to classes that break k, l or t
 * @param maxSuppressed the largest share of rows that may lose values to {@code suppress-cells}, or
 *     be suppressed by {@code generalize}
 * @param hierarchies per quasi-identifier, for {@code enforce = generalize}: the generalize op's
 *     settings of each level from 1 up (level 0 is the value as it is)
 * @param leakCheck off, report or fail
 */
public record Privacy(
    List<ColumnPath> quasiIdentifiers,
    int k,
    ColumnPath entity,
    List<ColumnPath> sensitive,
    Integer l,
    boolean entropyL,
    Double t,
    Enforce enforce,
    double maxSuppressed,
    Map<ColumnPath, List<OperationSettings>> hierarchies,
    String leakCheck) {

  /** {@code enforce}: what happens to the rows of classes that break k, l or t. */
  public enum Enforce {
    /** Exit 4, nothing published. */
    FAIL,
    /** Those rows are not written. */
    SUPPRESS,
    /** Their quasi-identifier values are nulled, one at a time. */
    SUPPRESS_CELLS,
    /**
     * The quasi-identifiers are generalized along their hierarchies; what still breaks, dropped.
     */
    GENERALIZE;

    /** As the config writes it: {@code suppress-cells}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value named {@code name} as the config writes it, or null. */
    public static Enforce named(String name) {
      for (Enforce e : values()) {
        if (e.configName().equals(name)) {
          return e;
        }
      }
      return null;
    }
  }

  public Privacy {
    quasiIdentifiers = List.copyOf(quasiIdentifiers);
    sensitive = List.copyOf(sensitive);
    hierarchies = Collections.unmodifiableMap(new LinkedHashMap<>(hierarchies));
  }

  /** {@code enforce = suppress}: rows of classes that break k, l or t are dropped. */
  public boolean suppress() {
    return enforce == Enforce.SUPPRESS;
  }

  /** {@code enforce = suppress-cells}. */
  public boolean suppressCells() {
    return enforce == Enforce.SUPPRESS_CELLS;
  }

  /** {@code enforce = generalize}. */
  public boolean generalize() {
    return enforce == Enforce.GENERALIZE;
  }

  /** Whether the table requires l-diversity or t-closeness, not only measures them. */
  public boolean requiresDiversity() {
    return l != null || t != null;
  }

  /** The columns the privacy measures read from the written table. */
  public List<ColumnPath> measuredColumns() {
    List<ColumnPath> all = new ArrayList<>(quasiIdentifiers);
    if (entity != null) {
      all.add(entity);
    }
    all.addAll(sensitive);
    return all;
  }
}
