package io.veil.job.verify;

/** The written table failed a check (exit 4); it was not published. */
public final class VerificationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VerificationFailedException(String table, String message) {
    super("Verification failed for table " + table + ", nothing published: " + message);
  }
}
