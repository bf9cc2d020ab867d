package io.veil.job.scan;

/** The table to scan cannot be read: no such path, or not in the given format (exit 2). */
public final class UnreadableTableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnreadableTableException(String message) {
    super(message);
  }
}
