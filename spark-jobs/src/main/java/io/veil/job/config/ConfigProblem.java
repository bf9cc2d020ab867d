package io.veil.job.config;

/** One thing wrong with a job config, with where it is: {@code file:line}. */
public final class ConfigProblem {
  private final String where;
  private final String message;

  public ConfigProblem(String where, String message) {
    this.where = where;
    this.message = message;
  }

  /** {@code file:line}, or the file alone when the line is unknown. */
  public String where() {
    return where;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return where + ": " + message;
  }
}
