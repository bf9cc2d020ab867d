package io.veil.job.config;

/**
 * One thing wrong with a job config, with where it is.
 *
 * @param where {@code file:line}, or the file alone when the line is unknown
 */
public record ConfigProblem(String where, String message) {
  @Override
  public String toString() {
    return where + ": " + message;
  }
}
