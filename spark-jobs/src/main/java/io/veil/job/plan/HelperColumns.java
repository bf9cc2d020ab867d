package io.veil.job.plan;

/**
 * Names for the columns a stage adds beside a table's own and drops before writing (input values,
 * hashes, suppression's keys). They start with {@code __veil_}, lengthened by underscores until no
 * column of the table starts with it, so that a table of any column names is written as it is: a
 * fixed name would make Spark's select ambiguous, or replace the table's own column of that name.
 */
public final class HelperColumns {
  private HelperColumns() {}

  /** The prefix for helper columns beside {@code columns}. */
  public static String prefix(String[] columns) {
    String prefix = "__veil_";
    while (startsAny(prefix, columns)) {
      prefix = "_" + prefix;
    }
    return prefix;
  }

  private static boolean startsAny(String prefix, String[] names) {
    for (String n : names) {
      if (n.regionMatches(true, 0, prefix, 0, prefix.length())) {
        return true; // Spark resolves names case-insensitively by default
      }
    }
    return false;
  }
}
