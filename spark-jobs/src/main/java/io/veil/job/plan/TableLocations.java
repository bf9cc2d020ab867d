package io.veil.job.plan;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.TableConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * Where the tables of one run read and write, compared as places ({@link ResolvedLocation}), not as
 * text: no output may be, or lie inside, any table's input (a rewrite would replace the raw data),
 * no input may lie inside an output, and no two outputs may overlap (the second would silently
 * replace the first). Checked for every table of the run before any is read.
 */
public final class TableLocations {
  private TableLocations() {}

  /**
   * @throws InvalidConfigException listing every overlap, each at its table's line (exit 2)
   */
  public static void check(List<TableConfig> tables, Configuration conf) {
    List<ResolvedLocation> inputs = new ArrayList<>();
    List<ResolvedLocation> outputs = new ArrayList<>();
    try {
      for (TableConfig t : tables) {
        inputs.add(t.inputPath() == null ? null : ResolvedLocation.of(t.inputPath(), conf));
        outputs.add(t.outputPath() == null ? null : ResolvedLocation.of(t.outputPath(), conf));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve the tables' paths", e);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    catalogTables(tables, problems);
    for (int i = 0; i < tables.size(); i++) {
      TableConfig t = tables.get(i);
      ResolvedLocation out = outputs.get(i);
      if (out == null) {
        continue; // a catalog table: compared by name in catalogTables
      }
      String invalid = "Invalid output path for table " + t.name() + ": ";
      if (out.isSymlink()) {
        problems.add(
            new ConfigProblem(
                t.where(),
                invalid
                    + t.outputPath()
                    + " is a symbolic link; a rewrite replaces the link, not the table it points to: give the real path "
                    + out.path()));
      }
      for (int j = 0; j < tables.size(); j++) {
        TableConfig other = tables.get(j);
        ResolvedLocation in = inputs.get(j);
        String whose = j == i ? "" : " of table " + other.name();
        if (in == null) {
          // a catalog input: its files are the catalog's, compared by name below
        } else if (out.isWithin(in)) {
          problems.add(
              new ConfigProblem(
                  t.where(),
                  invalid
                      + t.outputPath()
                      + (out.sameAs(in)
                          ? " is the input path" + whose
                          : " is inside the input path" + whose + " " + other.inputPath())
                      + aliasNote(out, in)
                      + "; write the anonymized table somewhere else"));
        } else if (in.isWithin(out)) {
          problems.add(
              new ConfigProblem(
                  t.where(),
                  invalid
                      + "the input "
                      + other.inputPath()
                      + whose
                      + " is inside the output path "
                      + t.outputPath()
                      + ", which a rewrite would replace"
                      + aliasNote(out, in)));
        }
        if (j > i
            && outputs.get(j) != null
            && (out.isWithin(outputs.get(j)) || outputs.get(j).isWithin(out))) {
          problems.add(
              new ConfigProblem(
                  other.where(),
                  "Invalid output path for table "
                      + other.name()
                      + ": "
                      + other.outputPath()
                      + (out.sameAs(outputs.get(j))
                          ? " is also the output of table "
                          : " overlaps the output of table ")
                      + t.name()
                      + " ("
                      + t.where()
                      + "); each table needs an output of its own, or the later one replaces the earlier"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  /**
   * Catalog tables compared by name: an output table may not be any table's input, nor another
   * table's output. Names are compared as the catalog folds them (case-insensitively, backquotes
   * off, the session catalog's own prefix {@code spark_catalog.} optional).
   */
  private static void catalogTables(List<TableConfig> tables, List<ConfigProblem> problems) {
    for (int i = 0; i < tables.size(); i++) {
      TableConfig t = tables.get(i);
      if (t.outputTable() == null) {
        continue;
      }
      String out = canonical(t.outputTable());
      for (int j = 0; j < tables.size(); j++) {
        TableConfig other = tables.get(j);
        if (other.inputTable() != null && canonical(other.inputTable()).equals(out)) {
          problems.add(
              new ConfigProblem(
                  t.where(),
                  "Invalid output table for table "
                      + t.name()
                      + ": "
                      + t.outputTable()
                      + " is the input table"
                      + (j == i ? "" : " of table " + other.name())
                      + "; write the anonymized table somewhere else"));
        }
        if (j > i && other.outputTable() != null && canonical(other.outputTable()).equals(out)) {
          problems.add(
              new ConfigProblem(
                  other.where(),
                  "Invalid output table for table "
                      + other.name()
                      + ": "
                      + other.outputTable()
                      + " is also the output of table "
                      + t.name()
                      + " ("
                      + t.where()
                      + "); each table needs an output of its own, or the later one replaces the earlier"));
        }
      }
    }
  }

  static String canonical(String table) {
    String name = table.replace("`", "").toLowerCase(java.util.Locale.ROOT);
    return name.startsWith("spark_catalog.") ? name.substring("spark_catalog.".length()) : name;
  }

  /** When the text hid the overlap (links, ".."), says where both really are. */
  private static String aliasNote(ResolvedLocation out, ResolvedLocation in) {
    String outText = out.configured().replaceAll("/+$", "");
    String inText = in.configured().replaceAll("/+$", "");
    if ((outText + "/").startsWith(inText + "/") || (inText + "/").startsWith(outText + "/")) {
      return "";
    }
    return " (through links or '..': the output is "
        + out.path()
        + ", the input "
        + in.path()
        + ")";
  }
}
