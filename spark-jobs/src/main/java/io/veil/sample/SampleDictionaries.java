package io.veil.sample;

import io.veil.ops.Dictionary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared dictionaries under {@code io/veil/dictionaries/} (module udfs), loaded once per JVM.
 * Executors load their own copy on first use, so nothing is shipped from the driver.
 */
final class SampleDictionaries {

  record Region(String code, String city, String district) {}

  record City(String name, String postcodePattern) {}

  final List<String> singleSurnamesZh = new ArrayList<>();
  final List<String> compoundSurnamesZh = new ArrayList<>();
  final List<String> givenNameCharsZh;
  final Map<String, String> pinyin = new HashMap<>();
  final List<String> firstNames;
  final List<String> lastNames;
  final List<String> words;
  final List<String> emailDomains;
  final List<Region> regionsZh = new ArrayList<>();
  final Map<String, List<City>> citiesByCountry = new HashMap<>();
  final Map<String, List<String>> streetsByCountry = new HashMap<>();

  private SampleDictionaries() {
    for (String surname : lines("surnames-zh.txt")) {
      (surname.length() == 1 ? singleSurnamesZh : compoundSurnamesZh).add(surname);
    }
    givenNameCharsZh = lines("given-name-chars-zh.txt");
    for (String line : lines("pinyin-zh.tsv")) {
      String[] cols = columns(line, 2, "pinyin-zh.tsv");
      pinyin.put(cols[0], cols[1]);
    }
    firstNames = lines("first-names-latin.txt");
    lastNames = lines("last-names-latin.txt");
    words = lines("words.txt");
    emailDomains = lines("email-domains.txt");
    for (String line : lines("regions-zh.tsv")) {
      String[] cols = columns(line, 3, "regions-zh.tsv");
      regionsZh.add(new Region(cols[0], cols[1], cols[2]));
    }
    for (String line : lines("cities.tsv")) {
      String[] cols = columns(line, 3, "cities.tsv");
      citiesByCountry
          .computeIfAbsent(cols[0], k -> new ArrayList<>())
          .add(new City(cols[1], cols[2]));
    }
    for (String line : lines("streets.tsv")) {
      String[] cols = columns(line, 2, "streets.tsv");
      streetsByCountry.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(cols[1]);
    }
  }

  static SampleDictionaries get() {
    return Holder.INSTANCE;
  }

  /** The pinyin of a surname or of each character of a given name, concatenated. */
  String pinyinOf(String hanzi) {
    String whole = pinyin.get(hanzi);
    if (whole != null) {
      return whole;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hanzi.length(); i++) {
      String one = pinyin.get(hanzi.substring(i, i + 1));
      if (one == null) {
        throw new IllegalStateException("Missing pinyin in pinyin-zh.tsv for " + hanzi.charAt(i));
      }
      out.append(one);
    }
    return out.toString();
  }

  List<City> cities(String country) {
    return require(citiesByCountry, country, "cities.tsv");
  }

  List<String> streets(String country) {
    return require(streetsByCountry, country, "streets.tsv");
  }

  private static <T> List<T> require(Map<String, List<T>> byCountry, String country, String file) {
    List<T> values = byCountry.get(country);
    if (values == null) {
      throw new IllegalStateException("Missing country " + country + " in dictionary " + file);
    }
    return values;
  }

  /** The entries of a dictionary: every line except {@code #} comments and blank lines. */
  static List<String> lines(String file) {
    return Dictionary.named(file).entries();
  }

  private static String[] columns(String line, int count, String file) {
    String[] cols = line.split("\t", -1);
    if (cols.length != count) {
      throw new IllegalStateException(
          "Invalid line in dictionary " + file + ": expected " + count + " tab-separated columns");
    }
    return cols;
  }

  private static final class Holder {
    static final SampleDictionaries INSTANCE = new SampleDictionaries();
  }
}
