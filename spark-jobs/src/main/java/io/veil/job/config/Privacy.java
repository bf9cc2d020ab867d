package io.veil.job.config;

import io.veil.spark.ColumnPath;
import java.util.List;

/** A table's privacy checks: k-anonymity over quasi-identifiers, and the leak check. */
public final class Privacy {
  private final List<ColumnPath> quasiIdentifiers;
  private final int k;
  private final boolean suppress;
  private final String leakCheck;

  public Privacy(List<ColumnPath> quasiIdentifiers, int k, boolean suppress, String leakCheck) {
    this.quasiIdentifiers = List.copyOf(quasiIdentifiers);
    this.k = k;
    this.suppress = suppress;
    this.leakCheck = leakCheck;
  }

  /** Empty when the table has no k-anonymity requirement. */
  public List<ColumnPath> quasiIdentifiers() {
    return quasiIdentifiers;
  }

  public int k() {
    return k;
  }

  /** {@code enforce = suppress}: drop rows in classes smaller than k, rather than fail. */
  public boolean suppress() {
    return suppress;
  }

  /** off, report or fail. */
  public String leakCheck() {
    return leakCheck;
  }
}
