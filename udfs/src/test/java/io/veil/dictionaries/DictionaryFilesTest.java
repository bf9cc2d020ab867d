package io.veil.dictionaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared dictionaries are data other modules depend on: pin their format and coverage. */
class DictionaryFilesTest {

  private static final String DIR = "/io/veil/dictionaries/";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "surnames-zh.txt",
        "given-name-chars-zh.txt",
        "pinyin-zh.tsv",
        "first-names-latin.txt",
        "last-names-latin.txt",
        "first-names-latin-de-fr-es.txt",
        "last-names-latin-de-fr-es.txt",
        "words.txt",
        "email-domains.txt",
        "regions-zh.tsv",
        "cities.tsv",
        "streets.tsv",
      })
  void everyFileHasACommentHeaderAndCleanUniqueEntries(String name) throws IOException {
    String text = read(name);
    assertTrue(text.startsWith("# "), name + " starts with a '# ' header line");
    assertTrue(text.contains("no personal data"), name + " header says it holds no personal data");
    assertFalse(text.contains("\r"), name + " uses LF line ends");
    assertTrue(text.endsWith("\n"), name + " ends with a newline");
    List<String> entries = entries(name);
    assertFalse(entries.isEmpty(), name);
    Set<String> seen = new HashSet<>();
    for (String entry : entries) {
      assertEquals(entry.strip(), entry, name + ": no surrounding blanks in '" + entry + "'");
      assertFalse(entry.isEmpty(), name + ": no blank lines");
      assertTrue(seen.add(entry), name + ": duplicate '" + entry + "'");
    }
  }

  @Test
  void listsHaveTheAdvertisedSizes() throws IOException {
    assertBetween(150, 180, entries("surnames-zh.txt").size(), "surnames-zh.txt");
    assertBetween(280, 400, entries("given-name-chars-zh.txt").size(), "given-name-chars-zh.txt");
    assertBetween(280, 400, entries("first-names-latin.txt").size(), "first-names-latin.txt");
    assertBetween(280, 400, entries("last-names-latin.txt").size(), "last-names-latin.txt");
    assertBetween(280, 400, entries("words.txt").size(), "words.txt");
    assertBetween(
        2000, 3000, entries("first-names-latin-de-fr-es.txt").size(), "first-names-latin-de-fr-es");
    assertBetween(
        1500, 2500, entries("last-names-latin-de-fr-es.txt").size(), "last-names-latin-de-fr-es");
  }

  /**
   * The German, French and Spanish lists hold one capitalized word per line that the detector can
   * look up alone: no spaces, hyphens or particles, 3 letters or more, no common word, nothing the
   * base list already has (ignoring case and accents, as the detector does), and say where they
   * come from and under which license.
   */
  @ParameterizedTest
  @ValueSource(strings = {"first-names-latin", "last-names-latin"})
  void theGermanFrenchAndSpanishListsExtendTheBaseListsWithSingleWords(String list)
      throws IOException {
    String name = list + "-de-fr-es.txt";
    String text = read(name);
    assertTrue(text.contains("Faker 40.63.0") && text.contains("MIT License"), name);
    assertTrue(text.contains("Copyright (c) 2012 Daniele Faraglia"), name + " keeps the notice");
    Set<String> taken = new HashSet<>();
    for (String entry : entries(list + ".txt")) {
      taken.add(unaccented(entry));
    }
    Set<String> words = new HashSet<>();
    for (String word : entries("words.txt")) {
      words.add(unaccented(word));
    }
    for (String entry : entries(name)) {
      assertTrue(entry.matches("\\p{Lu}[\\p{L}'\u2019]{2,}"), name + ": one word, '" + entry + "'");
      assertFalse(words.contains(unaccented(entry)), name + ": a common word, " + entry);
      assertTrue(taken.add(unaccented(entry)), name + ": listed already, " + entry);
    }
  }

  @Test
  void chineseNamesAreHanAndEveryOneHasAPinyinReading() throws IOException {
    Map<String, String> pinyin = new HashMap<>();
    for (String line : entries("pinyin-zh.tsv")) {
      String[] cols = line.split("\t", -1);
      assertEquals(2, cols.length, line);
      assertTrue(cols[1].matches("[a-z]+"), "pinyin is lower-case ASCII: " + line);
      pinyin.put(cols[0], cols[1]);
    }
    for (String surname : entries("surnames-zh.txt")) {
      assertTrue(isHan(surname) && surname.length() <= 2, surname);
      assertNotNull(pinyin.get(surname), "pinyin for surname " + surname);
    }
    for (String c : entries("given-name-chars-zh.txt")) {
      assertTrue(isHan(c) && c.length() == 1, c);
      assertNotNull(pinyin.get(c), "pinyin for given-name character " + c);
    }
  }

  @Test
  void emailDomainsAreReservedForDocumentation() throws IOException {
    for (String domain : entries("email-domains.txt")) {
      assertTrue(
          domain.matches("example\\.(com|org|net)|[a-z]+\\.example"),
          "only RFC 2606 example domains: " + domain);
    }
  }

  @Test
  void regionCodesAreSixDigitsUnderAKnownProvince() throws IOException {
    Set<String> provinces =
        Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
            "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
            "63", "64", "65");
    for (String line : entries("regions-zh.tsv")) {
      String[] cols = line.split("\t", -1);
      assertEquals(3, cols.length, line);
      assertTrue(cols[0].matches("\\d{6}"), line);
      assertTrue(provinces.contains(cols[0].substring(0, 2)), line);
      assertTrue(isHan(cols[1]) && cols[1].endsWith("市"), line);
      assertTrue(isHan(cols[2]), line);
    }
  }

  @Test
  void citiesAndStreetsCoverTheSampleCountries() throws IOException {
    Set<String> countries = Set.of("CN", "US", "GB", "DE", "FR");
    Set<String> withCities = new HashSet<>();
    for (String line : entries("cities.tsv")) {
      String[] cols = line.split("\t", -1);
      assertEquals(3, cols.length, line);
      assertTrue(countries.contains(cols[0]), line);
      assertTrue(cols[2].matches("[0-9A-Z#? ]+") && cols[2].contains("#"), line);
      withCities.add(cols[0]);
    }
    Set<String> withStreets = new HashSet<>();
    for (String line : entries("streets.tsv")) {
      String[] cols = line.split("\t", -1);
      assertEquals(2, cols.length, line);
      assertTrue(countries.contains(cols[0]), line);
      withStreets.add(cols[0]);
    }
    assertEquals(countries, withCities);
    assertEquals(countries, withStreets);
  }

  private static void assertBetween(int min, int max, int actual, String what) {
    assertTrue(actual >= min && actual <= max, what + " has " + actual + " entries");
  }

  private static String unaccented(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD)
        .replaceAll("\\p{Mn}", "")
        .toLowerCase(Locale.ROOT);
  }

  private static boolean isHan(String s) {
    return !s.isEmpty()
        && s.codePoints()
            .allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }

  private static String read(String name) throws IOException {
    try (InputStream in = DictionaryFilesTest.class.getResourceAsStream(DIR + name)) {
      assertNotNull(in, "resource " + DIR + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> entries(String name) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : read(name).split("\n")) {
      if (!line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }
}
