package io.veil.job.plan;

import io.veil.op.Problem;
import java.util.List;

/** The input data does not fit the config (exit 3): missing, unlisted or mistyped columns. */
public final class SchemaMismatchException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String table, String where, List<String> problems) {
    super(
        "Data does not fit the config for table "
            + table
            + " ("
            + where
            + "):\n  "
            + String.join("\n  ", problems));
  }

  @Override
  public Kind kind() {
    return Kind.DATA;
  }
}
