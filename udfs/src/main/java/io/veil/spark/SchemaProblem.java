package io.veil.spark;

/**
 * A way the data does not fit the rules: reported together, before anything is read or written.
 *
 * @param path the column or nested field concerned, as written in a config
 */
public record SchemaProblem(Kind kind, String path, String message) {
  public enum Kind {
    MISSING_COLUMN,
    UNLISTED_COLUMN,
    WRONG_TYPE,
    CONFLICTING_RULES
  }

  @Override
  public String toString() {
    return message;
  }
}
