package io.veil.job.config;

import io.veil.spark.ColumnPath;
import java.util.List;

/**
 * A table's privacy checks: k-anonymity over quasi-identifiers, and the leak check.
 *
 * @param quasiIdentifiers empty when the table has no k-anonymity requirement
 * @param suppress {@code enforce = suppress}: drop rows in classes smaller than k, rather than fail
 * @param leakCheck off, report or fail
 */
public record Privacy(
    List<ColumnPath> quasiIdentifiers, int k, boolean suppress, String leakCheck) {
  public Privacy {
    quasiIdentifiers = List.copyOf(quasiIdentifiers);
  }
}
