package io.veil.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of the word lists shipped under {@code io/veil/dictionaries/} (surnames, given-name
 * characters, first and last names, words...): its entries in file order, without {@code #} comment
 * lines and blank lines; {@code .tsv} files have tab-separated columns. Loaded once per JVM and
 * shared; plain Java, so executors load their own copy on first use and nothing is shipped from the
 * driver.
 */
public final class Dictionary {
  private static final String DIR = "/io/veil/dictionaries/";
  private static final Map<String, Dictionary> LOADED = new ConcurrentHashMap<>();

  private final String name;
  private final List<String> entries;
  private final Set<String> exact;
  private final Set<String> folded;
  private final Set<String> unaccented;
  private final Map<Integer, List<String>> columns = new ConcurrentHashMap<>();

  private Dictionary(String name, List<String> entries) {
    this.name = name;
    this.entries = List.copyOf(entries);
    this.exact = Set.copyOf(new HashSet<>(entries));
    Set<String> f = new HashSet<>();
    for (String e : entries) {
      f.add(fold(e));
    }
    this.folded = Set.copyOf(f);
    Set<String> u = new HashSet<>();
    for (String e : entries) {
      u.add(unaccent(e));
    }
    this.unaccented = Set.copyOf(u);
  }

  /**
   * The dictionary file {@code name} (for example {@code surnames-zh.txt}).
   *
   * @throws IllegalArgumentException if no such dictionary is shipped
   */
  public static Dictionary named(String name) {
    return LOADED.computeIfAbsent(name, Dictionary::load);
  }

  private static Dictionary load(String name) {
    try (InputStream in = Dictionary.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "Unknown dictionary " + name + ": no resource " + DIR + name);
      }
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line.strip());
        }
      }
      return new Dictionary(name, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read dictionary " + DIR + name, e);
    }
  }

  public String name() {
    return name;
  }

  /** The entries in file order. */
  public List<String> entries() {
    return entries;
  }

  /**
   * The distinct values of one column ({@code 0} is the first) of a tab-separated file, in order.
   */
  public List<String> column(int column) {
    return columns.computeIfAbsent(
        column,
        c -> {
          Set<String> values = new java.util.LinkedHashSet<>();
          for (String line : entries) {
            String[] cols = line.split("\t", -1);
            if (c >= cols.length) {
              throw new IllegalStateException(
                  "Invalid dictionary " + name + ": a line has no column " + (c + 1));
            }
            values.add(cols[c]);
          }
          return List.copyOf(values);
        });
  }

  /**
   * Whether {@code word} is an entry, ignoring case and Unicode normalization form (a decomposed
   * {@code Zoe\u0308} finds {@code Zoë}).
   */
  public boolean containsIgnoreCase(String word) {
    return word != null && folded.contains(fold(word));
  }

  /**
   * Whether {@code word} is an entry ignoring case and accents: {@code Garcia} finds {@code García}
   * and the reverse; {@code Müller} finds {@code Muller}.
   */
  public boolean containsIgnoreCaseAndAccents(String word) {
    return word != null && (folded.contains(fold(word)) || unaccented.contains(unaccent(word)));
  }

  /** Whether {@code word} is an entry exactly as written. */
  public boolean contains(String word) {
    return word != null && exact.contains(word);
  }

  private static String unaccent(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      if (Character.getType(d.charAt(i)) != Character.NON_SPACING_MARK) {
        out.append(d.charAt(i));
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  private static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "Dictionary " + name + " (" + entries.size() + " entries)";
  }
}
