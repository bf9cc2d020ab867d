package io.veil.ops;

/**
 * A value an operation cannot take (a ciphertext that does not authenticate, a number too short
 * for format-preserving encryption) under {@code on-invalid = fail}. The message names the table,
 * column, key and reason, never the value: it ends up in driver and executor logs.
 */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }
}
