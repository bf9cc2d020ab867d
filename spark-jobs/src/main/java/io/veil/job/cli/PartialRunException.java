package io.veil.job.cli;

import java.util.List;

/**
 * A table of a run failed after earlier tables of the same run were published. Carries the failure,
 * which decides the exit code, and says which tables are already published, since a message that
 * says "nothing was published" would otherwise be wrong about the run as a whole.
 */
final class PartialRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String failedTable;
  private final List<String> published;

  PartialRunException(String failedTable, List<String> published, RuntimeException cause) {
    super(
        "table "
            + failedTable
            + " failed after "
            + String.join(", ", published)
            + " were published",
        cause);
    this.failedTable = failedTable;
    this.published = List.copyOf(published);
  }

  /** The sentence appended to the failure's own message. */
  String note() {
    return "Table "
        + failedTable
        + " was not published; already published by this run, and left in place: "
        + String.join(", ", published)
        + " (rerun with --table "
        + failedTable
        + " once it is fixed)";
  }

  @Override
  public synchronized RuntimeException getCause() {
    return (RuntimeException) super.getCause();
  }
}
