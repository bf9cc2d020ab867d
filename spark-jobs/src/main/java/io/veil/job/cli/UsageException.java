package io.veil.job.cli;

import io.veil.op.Problem;

/** The command line is wrong (exit 2); the message says how to call Veil instead. */
public final class UsageException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  @Override
  public Kind kind() {
    return Kind.CONFIG;
  }
}
