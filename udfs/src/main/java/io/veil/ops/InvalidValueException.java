package io.veil.ops;

import io.veil.op.Problem;

/**
 * A value an operation cannot take (a ciphertext that does not authenticate, a number too short for
 * format-preserving encryption) under {@code on-invalid = fail}. The message names the table,
 * column, key and reason, never the value: it ends up in driver and executor logs.
 */
public final class InvalidValueException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }

  @Override
  public Kind kind() {
    return Kind.DATA;
  }
}
