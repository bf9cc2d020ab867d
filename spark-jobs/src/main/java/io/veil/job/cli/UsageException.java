package io.veil.job.cli;

/** The command line is wrong (exit 2); the message says how to call Veil instead. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
