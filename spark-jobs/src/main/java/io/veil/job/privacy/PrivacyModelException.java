package io.veil.job.privacy;

import io.veil.op.Problem;

/** A table cannot meet its privacy model as configured (exit 4); nothing was published. */
public final class PrivacyModelException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public PrivacyModelException(String table, String message) {
    super("Table " + table + " cannot meet its privacy model, nothing published: " + message);
  }

  @Override
  public Kind kind() {
    return Kind.VERIFICATION;
  }
}
