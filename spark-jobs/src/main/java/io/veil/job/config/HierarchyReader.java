package io.veil.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.veil.spark.ColumnPath;
import io.veil.spark.op.GeneralizeDefinition;
import io.veil.spark.op.OperationSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's {@code hierarchies}: per quasi-identifier, the levels {@code enforce =
 * generalize} may choose from, in the generalize op's own terms with the varying parameter given as
 * a list, one entry per level: {@code bands = [[0, 5, 10, ...], [0, 10, 20, ...]]}, {@code
 * keep-first = [5, 3, 2, 0]}, or a {@code hierarchy} file whose every column is a level. Each level
 * is read by the generalize op's reader, so it is checked exactly as a column rule would be.
 *
 * <p>Each level must coarsen the one below it (bands: the same first bound and a subset of the
 * bounds; prefixes: fewer characters), so that a class at one level is a union of classes at the
 * level below: the search's pruning relies on it.
 */
final class HierarchyReader {
  /** More nodes than this are a config error: each costs a pass over the table's classes. */
  static final int MAX_NODES = 10_000;

  private final OperationSpecReader ops;

  HierarchyReader(OperationSpecReader ops) {
    this.ops = ops;
  }

  /** Per quasi-identifier, its levels from 1 up; problems are recorded in {@code t}. */
  Map<ColumnPath, List<OperationSettings>> read(
      Section t, String table, List<ColumnPath> quasi, boolean generalize) {
    Map<ColumnPath, List<OperationSettings>> out = new LinkedHashMap<>();
    Section h = t.object("hierarchies", false);
    if (h == null || h.keys().isEmpty()) {
      if (generalize) {
        t.problem(
            "enforce",
            "Table "
                + table
                + " sets enforce = generalize but no hierarchies: give the levels of at least one"
                + " quasi-identifier, e.g. hierarchies { age { bands = [[0, 10, 20], [0, 20, 40]] }"
                + " }.");
      }
      return out;
    }
    if (!generalize) {
      t.problem(
          "hierarchies",
          "Table "
              + table
              + " sets hierarchies, which only enforce = generalize uses: set enforce = generalize"
              + " or remove them.");
      return out;
    }
    long nodes = 1;
    for (String key : h.keys()) {
      ColumnPath path;
      try {
        path = ColumnPath.parse(key);
      } catch (IllegalArgumentException e) {
        h.problem(key, e.getMessage() + " (in hierarchies of table " + table + ").");
        continue;
      }
      if (!quasi.contains(path)) {
        h.problem(
            key,
            "Invalid hierarchy "
                + key
                + " in table "
                + table
                + ": it is not one of the quasi-identifiers "
                + quasi
                + ".");
        continue;
      }
      Section levels = h.object(key, true);
      if (levels == null) {
        continue;
      }
      List<OperationSettings> read = levels(levels, "hierarchy of " + key + " in table " + table);
      if (read != null) {
        out.put(path, read);
        nodes *= read.size() + 1;
      }
    }
    if (nodes > MAX_NODES) {
      t.problem(
          "hierarchies",
          "The hierarchies of table "
              + table
              + " make "
              + nodes
              + " combinations of levels, more than "
              + MAX_NODES
              + ": give fewer levels.");
    }
    return out;
  }

  private List<OperationSettings> levels(Section levels, String context) {
    ConfigObject obj = levels.objectValue();
    if (obj.containsKey("op") || obj.containsKey("level")) {
      levels.problem(
          obj.containsKey("op") ? "op" : "level",
          "Invalid "
              + context
              + ": a hierarchy lists levels of op = generalize; give bands, keep-first or"
              + " hierarchy, without op or level.");
      return null;
    }
    String varying =
        obj.containsKey("bands")
            ? "bands"
            : obj.containsKey("keep-first")
                ? "keep-first"
                : obj.containsKey("hierarchy") ? "" : null;
    if (varying == null) {
      levels.problem(
          "",
          "Invalid "
              + context
              + ": give bands = [[...], [...]] (numbers, dates), keep-first = [...] (strings) or"
              + " hierarchy = \"file.csv\".");
      return null;
    }
    List<OperationSettings> out = new ArrayList<>();
    if (varying.isEmpty()) { // a file: every column is a level
      OperationSettings first = level(levels, obj, "level", ConfigValueFactory.fromAnyRef(1), 1);
      if (!(first instanceof GeneralizeDefinition.FromFile f)) {
        return null;
      }
      out.add(first);
      for (int i = 2; i <= f.hierarchy().height(); i++) {
        out.add(level(levels, obj, "level", ConfigValueFactory.fromAnyRef(i), i));
      }
      return out;
    }
    ConfigValue list = obj.get(varying);
    if (list.valueType() != ConfigValueType.LIST || ((ConfigList) list).isEmpty()) {
      levels.problem(
          varying,
          "Invalid '"
              + varying
              + "' in "
              + context
              + ": expected a list with one entry per level, from the finest up.");
      return null;
    }
    ConfigList entries = (ConfigList) list;
    for (int i = 0; i < entries.size(); i++) {
      OperationSettings s = level(levels, obj, varying, entries.get(i), i + 1);
      if (s == null) {
        return null;
      }
      out.add(s);
    }
    String coarsening = coarsening(out);
    if (coarsening != null) {
      levels.problem(varying, "Invalid '" + varying + "' in " + context + ": " + coarsening + ".");
      return null;
    }
    return out;
  }

  private OperationSettings level(
      Section levels, ConfigObject obj, String key, ConfigValue value, int level) {
    ConfigObject one =
        obj.withValue(key, value).withValue("op", ConfigValueFactory.fromAnyRef("generalize"));
    return ops.read(
        new Section(
            one,
            "level " + level + " of " + levels.context(),
            levels.problems(),
            value.origin() != null && value.origin().lineNumber() > 0
                ? value.origin()
                : levels.origin()));
  }

  /** Why the levels do not each coarsen the one below, or null. */
  private static String coarsening(List<OperationSettings> levels) {
    for (int i = 1; i < levels.size(); i++) {
      OperationSettings below = levels.get(i - 1);
      OperationSettings above = levels.get(i);
      if (below instanceof GeneralizeDefinition.Prefix b
          && above instanceof GeneralizeDefinition.Prefix a
          && a.keepFirst() >= b.keepFirst()) {
        return "level "
            + (i + 1)
            + " keeps "
            + a.keepFirst()
            + " characters, not fewer than level "
            + i
            + "'s "
            + b.keepFirst();
      }
      if (below instanceof GeneralizeDefinition.Banded b
          && above instanceof GeneralizeDefinition.Banded a) {
        List<BigDecimal> lower = b.bands();
        boolean subset =
            a.bands().stream().allMatch(x -> lower.stream().anyMatch(y -> y.compareTo(x) == 0));
        if (a.bands().get(0).compareTo(lower.get(0)) != 0 || !subset) {
          return "the bounds of level "
              + (i + 1)
              + " must be some of level "
              + i
              + "'s, starting at the same bound, so that each band joins whole bands of the level"
              + " below";
        }
      }
    }
    return null;
  }
}
