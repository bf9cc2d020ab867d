package io.veil.job.rewrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What Spark's catalog says of a table through SQL only, so that no format's classes are needed:
 * its provider, location and kind, from {@code DESCRIBE TABLE EXTENDED}; and where a new table of a
 * database would go.
 */
final class CatalogTables {
  private CatalogTables() {}

  /** The table's detailed information ("Provider", "Location", "Type"...), or null if absent. */
  static Map<String, String> describe(SparkSession spark, String table) {
    if (!spark.catalog().tableExists(table)) {
      return null;
    }
    Map<String, String> info = new LinkedHashMap<>();
    boolean detailed = false;
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList()) {
      String key = r.getString(0);
      if (key != null && key.startsWith("# Detailed Table Information")) {
        detailed = true;
      } else if (detailed && key != null && !key.isEmpty() && r.get(1) != null) {
        info.putIfAbsent(key, r.getString(1));
      }
    }
    return info;
  }

  static String provider(Map<String, String> info) {
    String p = info.get("Provider");
    return p == null ? "hive" : p.toLowerCase(Locale.ROOT);
  }

  /** The parts of a table name, backquotes off. */
  static List<String> parts(String table) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < table.length(); i++) {
      char c = table.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  /** The directory a new table of {@code table}'s database would be created under. */
  static String databaseLocation(SparkSession spark, String table) {
    List<String> parts = parts(table);
    String db = parts.size() >= 2 ? parts.get(parts.size() - 2) : spark.catalog().currentDatabase();
    try {
      return spark.catalog().getDatabase(db).locationUri();
    } catch (org.apache.spark.sql.AnalysisException e) {
      throw new IllegalStateException("Cannot find database " + db + " of table " + table, e);
    }
  }

  /**
   * A directory beside {@code table}'s data named {@code leaf(table's own name)}: under the
   * directory that holds the table's location, or for a table not yet created its database's.
   *
   * @param info the table's {@link #describe}, null when it does not exist
   */
  static org.apache.hadoop.fs.Path besideTable(
      SparkSession spark,
      String table,
      Map<String, String> info,
      java.util.function.UnaryOperator<String> leaf) {
    String base =
        info != null && info.get("Location") != null
            ? new org.apache.hadoop.fs.Path(info.get("Location")).getParent().toString()
            : databaseLocation(spark, table);
    List<String> parts = parts(table);
    return new org.apache.hadoop.fs.Path(base, leaf.apply(parts.get(parts.size() - 1)));
  }
}
