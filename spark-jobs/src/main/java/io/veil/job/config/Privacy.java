package io.veil.job.config;

import io.veil.spark.ColumnPath;
import java.util.List;

/**
 * A table's privacy checks: k-anonymity over quasi-identifiers (per row, or per entity),
 * l-diversity and t-closeness of sensitive attributes within each class, and the leak check.
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
 * @param suppress {@code enforce = suppress}: drop rows in classes smaller than k, rather than fail
 * @param suppressCells {@code enforce = suppress-cells}: null the quasi-identifier values of rows
 *     in classes smaller than k, rather than drop the rows
 * @param maxSuppressed the largest share of rows that may lose values to {@code suppress-cells}
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
    boolean suppress,
    boolean suppressCells,
    double maxSuppressed,
    String leakCheck) {
  public Privacy {
    quasiIdentifiers = List.copyOf(quasiIdentifiers);
    sensitive = List.copyOf(sensitive);
  }

  /** How a class below k is handled: {@code fail}, {@code suppress} or {@code suppress-cells}. */
  public String enforce() {
    return suppress ? "suppress" : suppressCells ? "suppress-cells" : "fail";
  }

  /** The columns the privacy measures read from the written table. */
  public List<ColumnPath> measuredColumns() {
    List<ColumnPath> all = new java.util.ArrayList<>(quasiIdentifiers);
    if (entity != null) {
      all.add(entity);
    }
    all.addAll(sensitive);
    return all;
  }
}
