package io.veil.ops;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A generalization hierarchy as ARX writes it: one line per value, the value first and its
 * generalizations from left to right ({@code 81667;8166*;816**;81***;8****;*}), separated by {@code
 * ;}. Level 0 is the value itself; level n is the n-th column after it. Every line has the same
 * number of columns, and no value appears twice.
 */
public final class Hierarchy implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, String[]> levels;
  private final int height;

  private Hierarchy(Map<String, String[]> levels, int height) {
    this.levels = levels;
    this.height = height;
  }

  /**
   * @param lines the file's lines; blank lines are skipped
   * @throws IllegalArgumentException naming the line of the first problem (never its values)
   */
  public static Hierarchy parse(List<String> lines, String separator) {
    Map<String, String[]> levels = new HashMap<>();
    Pattern split = Pattern.compile(Pattern.quote(separator));
    int height = -1;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] columns = split.split(line, -1);
      if (height < 0) {
        height = columns.length;
      } else if (columns.length != height) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " has " + columns.length + " columns, the first line " + height);
      }
      if (levels.putIfAbsent(columns[0], columns) != null) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " repeats a value of an earlier line");
      }
    }
    if (height < 2) {
      throw new IllegalArgumentException(
          height < 0
              ? "it has no lines"
              : "its lines have one column: a value and no generalization (separator '"
                  + separator
                  + "'?)");
    }
    return new Hierarchy(levels, height);
  }

  /** The highest level: the number of generalizations per value. */
  public int height() {
    return height - 1;
  }

  public int size() {
    return levels.size();
  }

  /** {@code value} at {@code level}, or null when the hierarchy does not hold it. */
  public String generalize(String value, int level) {
    String[] row = levels.get(value);
    return row == null ? null : row[level];
  }
}
