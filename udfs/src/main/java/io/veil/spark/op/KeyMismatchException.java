package io.veil.spark.op;

import io.veil.op.Problem;

/**
 * A key that does not fit its use (too short, the wrong size for a mode, bytes claimed by two
 * purposes): the config's problem, reported at the key's definition (exit 2).
 */
public final class KeyMismatchException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String inQuery;

  /**
   * @param message for a job: names the key, the use and the column
   * @param inQuery for a SQL call, whose error names the function and argument already: "key pii
   *     version 1 has 64 bytes, expected 32 for randomized encryption (veil keygen ...)"
   */
  public KeyMismatchException(String key, String message, String inQuery) {
    super(message);
    this.key = key;
    this.inQuery = inQuery;
  }

  public KeyMismatchException(String key, String message) {
    this(key, message, message);
  }

  /** The reason as a SQL function's error gives it. */
  public String inQuery() {
    return inQuery;
  }

  /** The key's name, whose definition the message is reported at. */
  public String key() {
    return key;
  }

  @Override
  public Kind kind() {
    return Kind.CONFIG;
  }
}
