package io.veil.spark;

/** A way the data does not fit the rules: reported together, before anything is read or written. */
public final class SchemaProblem {
  public enum Kind {
    MISSING_COLUMN,
    UNLISTED_COLUMN,
    WRONG_TYPE,
    CONFLICTING_RULES
  }

  private final Kind kind;
  private final String path;
  private final String message;

  public SchemaProblem(Kind kind, String path, String message) {
    this.kind = kind;
    this.path = path;
    this.message = message;
  }

  public Kind kind() {
    return kind;
  }

  /** The column or nested field concerned, as written in a config. */
  public String path() {
    return path;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return message;
  }
}
