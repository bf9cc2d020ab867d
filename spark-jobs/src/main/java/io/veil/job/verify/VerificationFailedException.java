package io.veil.job.verify;

import io.veil.op.Problem;

/** The written table failed a check (exit 4); it was not published. */
public final class VerificationFailedException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public VerificationFailedException(String table, String message) {
    super("Verification failed for table " + table + ", nothing published: " + message);
  }

  @Override
  public Kind kind() {
    return Kind.VERIFICATION;
  }
}
