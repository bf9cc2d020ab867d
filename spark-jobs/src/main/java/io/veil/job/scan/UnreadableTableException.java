package io.veil.job.scan;

import io.veil.op.Problem;

/** The table to scan cannot be read: no such path, or not in the given format (exit 2). */
public final class UnreadableTableException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public UnreadableTableException(String message) {
    super(message);
  }

  @Override
  public Kind kind() {
    return Kind.CONFIG;
  }
}
