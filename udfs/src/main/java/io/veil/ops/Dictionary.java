package io.veil.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A word list from the dictionaries shipped in this jar ({@code io/veil/dictionaries/}): one entry
 * per line, {@code #} lines are comments, {@code .tsv} files have tab-separated columns. Each list
 * is read once per JVM, on first use, so executors load their own copy and nothing is shipped from
 * the driver.
 */
public final class Dictionary {
  private static final String DIR = "/io/veil/dictionaries/";
  private static final Map<String, List<String>> LOADED = new ConcurrentHashMap<>();

  private Dictionary() {}

  /** The entries of {@code file}, in file order. */
  public static List<String> entries(String file) {
    return LOADED.computeIfAbsent(file, Dictionary::read);
  }

  /** The distinct values of one column ({@code 0} is the first) of a tab-separated file, in order. */
  public static List<String> column(String file, int column) {
    List<String> lines = entries(file); // outside computeIfAbsent: the map must not update itself
    return LOADED.computeIfAbsent(file + "#" + column, k -> {
      Set<String> values = new LinkedHashSet<>();
      for (String line : lines) {
        String[] cols = line.split("\t", -1);
        if (column >= cols.length) {
          throw new IllegalStateException("Invalid dictionary " + file + ": a line has no column " + (column + 1));
        }
        values.add(cols[column]);
      }
      return List.copyOf(values);
    });
  }

  private static List<String> read(String file) {
    try (InputStream in = Dictionary.class.getResourceAsStream(DIR + file)) {
      if (in == null) {
        throw new IllegalStateException("Missing dictionary resource " + DIR + file);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      if (out.isEmpty()) {
        throw new IllegalStateException("Invalid dictionary " + DIR + file + ": no entries");
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dictionary resource " + DIR + file, e);
    }
  }
}
