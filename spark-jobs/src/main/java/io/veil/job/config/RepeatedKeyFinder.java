package io.veil.job.config;

import io.veil.job.config.KeyOutline.Key;
import io.veil.job.config.KeyOutline.Kind;
import io.veil.job.config.KeyOutline.Obj;
import io.veil.job.config.KeyOutline.Setting;
import io.veil.spark.ColumnPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds what HOCON would merge away in a job file, before Veil sees the merged config:
 *
 * <ul>
 *   <li>A key set twice where the later replaces the earlier: a value after anything, an object
 *       after a value. Refused everywhere: a repeated {@code mode}, {@code key}, {@code path} or
 *       {@code tables} list silently changes what a run does, however far apart the two lines.
 *   <li>A column ruled in two places: refused even when both are objects that HOCON would merge
 *       ({@code email { op = mask } ... email { preset = email } }), since a rule's settings only
 *       mean something together. Groups of nested fields ({@code address { city = keep } }) may be
 *       split: each rule inside still has one place.
 *   <li>Other objects written in several places ({@code veil.keys.pii = ...} beside a {@code veil {
 *       ... } } block, two {@code keys} or {@code output} blocks): accepted. HOCON's object merge
 *       overrides nothing, so every setting still has exactly one line.
 *   <li>{@code +=} and a value that substitutes its own key ({@code a = ${a} [x]}) say on their
 *       face that they extend what is there: accepted.
 *   <li>{@code include}: refused, as the included file's keys could override the job file's rules
 *       where no check sees them.
 * </ul>
 *
 * Two spellings of one column path under different keys ({@code "address.city"} and {@code address
 * { city } }) are not HOCON's doing; the loader finds those on the merged config.
 */
final class RepeatedKeyFinder {
  private record Found(int line, String message) {}

  private final Problems problems;
  private final List<Found> found = new ArrayList<>();

  private RepeatedKeyFinder(Problems problems) {
    this.problems = problems;
  }

  /** Records a problem, with the line of the setting that would win, for each repeated key. */
  static void check(KeyOutline outline, Problems problems) {
    RepeatedKeyFinder finder = new RepeatedKeyFinder(problems);
    for (int line : outline.includes()) {
      finder.found.add(
          new Found(
              line,
              "Invalid include: a job file cannot include other files; Veil checks"
                  + " that no rule or setting overrides another in the one file it reads, so write them there."));
    }
    finder.settings(outline.root(), Place.ROOT);
    finder.found.stream()
        .sorted(Comparator.comparingInt(Found::line))
        .forEach(f -> problems.add(f.line, f.message));
  }

  private void settings(Obj obj, Place place) {
    for (Map.Entry<String, Key> e : obj.keys().entrySet()) {
      String name = e.getKey();
      Key key = e.getValue();
      if (overrides(key)) {
        report(
            key,
            "Invalid '"
                + name
                + "' in "
                + place.description
                + ": it is set "
                + times(key)
                + "; a repeated key would let the later value win.");
      }
      if (place == Place.VEIL && name.equals("tables")) {
        tables(key);
        continue;
      }
      if (place.scope == Place.Scope.TABLE && name.equals("columns") && key.object() != null) {
        columns(key.object(), List.of(), place.description);
        continue;
      }
      Place child = place.child(name);
      if (key.object() != null) {
        settings(key.object(), child);
      }
      items(key, child);
    }
  }

  /** Objects inside a key's values that are no objects themselves: in arrays, mostly. */
  private void items(Key key, Place place) {
    int item = 0;
    for (Setting s : key.settings()) {
      for (Obj o : s.objects()) {
        settings(o, place.item(++item));
      }
    }
  }

  private void tables(Key tables) {
    int index = 0;
    for (Setting s : tables.settings()) {
      for (Obj table : s.objects()) {
        index++;
        settings(table, Place.table("table " + tableName(table, index)));
      }
    }
  }

  /** The table's name as the loader gives it: its {@code name}, else its position. */
  private static String tableName(Obj table, int index) {
    Key name = table.keys().get("name");
    if (name != null) {
      Setting last = name.settings().get(name.settings().size() - 1);
      if (last.kind() == Kind.VALUE && last.text() != null) {
        return last.text();
      }
    }
    return "#" + index;
  }

  /**
   * A columns block or a group within it; {@code prefix} is the group's path. A rule is a value
   * ({@code email = keep}) or an object with an {@code op}; an object without one is a group.
   */
  private void columns(Obj columns, List<ColumnPath.Step> prefix, String table) {
    for (Map.Entry<String, Key> e : columns.keys().entrySet()) {
      Key key = e.getValue();
      List<ColumnPath.Step> steps = new ArrayList<>(prefix);
      try {
        steps.addAll(ColumnPath.parse(e.getKey()).steps());
      } catch (IllegalArgumentException invalid) {
        steps.add(ColumnPath.Step.field(e.getKey())); // the loader reports the path itself
      }
      String column = "column " + ColumnPath.of(steps) + " of " + table;
      boolean rule =
          key.settings().stream().anyMatch(s -> s.kind() != Kind.OBJECT)
              || key.object() != null && key.object().keys().containsKey("op");
      if (rule && key.settings().size() > 1) {
        report(
            key,
            "Invalid "
                + column
                + ": it is ruled "
                + times(key)
                + "; a repeated key would let the later rule win.");
      } else if (!rule && key.object() != null) {
        columns(key.object(), steps, table);
      } else if (key.object() != null) {
        settings(key.object(), Place.inTable(column));
      }
    }
  }

  /** Whether a later setting replaces an earlier one rather than adding to it. */
  private static boolean overrides(Key key) {
    boolean earlier = false;
    boolean value = false;
    for (Setting s : key.settings()) {
      if (s.kind() == Kind.VALUE && earlier || s.kind() == Kind.OBJECT && value) {
        return true;
      }
      value |= s.kind() == Kind.VALUE;
      earlier = true;
    }
    return false;
  }

  /** "twice (job.conf:7 and job.conf:12)", naming every line. */
  private String times(Key key) {
    List<String> lines =
        key.settings().stream().map(s -> problems.where(s.line())).collect(Collectors.toList());
    String count = lines.size() == 2 ? "twice" : lines.size() + " times";
    String last = lines.remove(lines.size() - 1);
    return count + " (" + String.join(", ", lines) + " and " + last + ")";
  }

  private void report(Key key, String message) {
    found.add(new Found(key.settings().get(key.settings().size() - 1).line(), message));
  }

  /** Where a key is, in the words of the loader's other messages. */
  private record Place(String description, Scope scope) {
    enum Scope {
      ROOT,
      VEIL,
      OUTSIDE_TABLES,
      TABLE,
      IN_TABLE
    }

    static final Place ROOT = new Place("the config file", Scope.ROOT);
    static final Place VEIL = new Place("veil", Scope.VEIL);

    static Place table(String description) {
      return new Place(description, Scope.TABLE);
    }

    static Place inTable(String description) {
      return new Place(description, Scope.IN_TABLE);
    }

    /** "veil.keys.pii" outside the tables, "options of input of table customers" inside. */
    Place child(String name) {
      switch (scope) {
        case ROOT:
          return name.equals("veil") ? VEIL : new Place(name, Scope.OUTSIDE_TABLES);
        case TABLE:
        case IN_TABLE:
          return inTable(name + " of " + description);
        default:
          return new Place(description + "." + name, Scope.OUTSIDE_TABLES);
      }
    }

    Place item(int number) {
      boolean inTable = scope == Scope.TABLE || scope == Scope.IN_TABLE;
      return new Place(
          "item #" + number + " of " + description,
          inTable ? Scope.IN_TABLE : Scope.OUTSIDE_TABLES);
    }
  }
}
