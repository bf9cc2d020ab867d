package io.veil.scan;

import io.veil.ops.Dictionary;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Person names, checked against the name dictionaries shipped with Veil.
 *
 * <ul>
 *   <li>Chinese: a surname of {@code surnames-zh.txt} (compound ones such as 欧阳 first), then one or
 *       two characters of {@code given-name-chars-zh.txt}; Han characters only.
 *   <li>Latin: "First [Middle] Last" or "Last, First", where the first name is in {@code
 *       first-names-latin.txt} or {@code first-names-latin-de-fr-es.txt} and the last in {@code
 *       last-names-latin.txt} or {@code last-names-latin-de-fr-es.txt}, or one of them is and the
 *       other is a capitalized name-like word that is not a common word of {@code words.txt}.
 *       Middle names, initials ({@code J.}) and particles ({@code van}, {@code de}, {@code del})
 *       may come between; a hyphenated name is known when either half is ({@code Hans-Peter}).
 *       Spanish names with two surnames count with either surname known ({@code José García López},
 *       {@code García López, José}). A single capitalized first or last name is a {@link
 *       Match#LATIN_SINGLE} match: weak evidence that the column's other values and name must back.
 * </ul>
 */
public final class PersonNameDetector implements ValueDetector {

  /** How a value matched. */
  public enum Match {
    NONE,
    CHINESE,
    LATIN,
    LATIN_SINGLE;

    public boolean isFullName() {
      return this == CHINESE || this == LATIN;
    }
  }

  private static final Set<String> PARTICLES =
      Set.of(
          "van", "von", "der", "den", "de", "da", "di", "del", "della", "du", "la", "le", "bin",
          "al", "ten", "ter", "los", "las", "y", "dos", "das");

  /**
   * At most this many words that are not particles: a first, a middle and two surnames ({@code
   * María José García López}, {@code María del Carmen Fernández Ruiz}).
   */
  private static final int MAX_NAME_WORDS = 4;

  /** At most this many words with the particles ({@code María de los Ángeles de la Fuente}). */
  private static final int MAX_WORDS = 7;

  /**
   * First words of place names, not of people's: "San Diego", "Santa Cruz", "Saint Denis" end in a
   * word that is also a surname (Diego, Cruz, Denis).
   */
  private static final Set<String> PLACE_PREFIXES =
      Set.of("san", "santa", "santo", "são", "sao", "saint", "sainte", "st", "st.", "sankt");

  private final Dictionary surnamesZh = Dictionary.named("surnames-zh.txt");
  private final Dictionary givenCharsZh = Dictionary.named("given-name-chars-zh.txt");
  private final Dictionary firstNames = Dictionary.named("first-names-latin.txt");
  private final Dictionary lastNames = Dictionary.named("last-names-latin.txt");
  // German, French and Spanish names, for the detector only (fakes draw from the two above).
  private final Dictionary moreFirstNames = Dictionary.named("first-names-latin-de-fr-es.txt");
  private final Dictionary moreLastNames = Dictionary.named("last-names-latin-de-fr-es.txt");
  private final Dictionary words = Dictionary.named("words.txt");

  @Override
  public PiiType type() {
    return PiiType.PERSON_NAME;
  }

  @Override
  public String form() {
    return "name";
  }

  /** Whether {@code value} is a full name (Chinese or Latin); single names do not count. */
  @Override
  public boolean matches(String value) {
    return match(value).isFullName();
  }

  public Match match(String value) {
    if (value == null) {
      return Match.NONE;
    }
    String s = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
    if (s.isEmpty() || s.length() > 60) {
      return Match.NONE;
    }
    if (isHan(s.codePointAt(0))) {
      return isChineseName(s) ? Match.CHINESE : Match.NONE;
    }
    return latin(s);
  }

  private boolean isChineseName(String s) {
    int n = s.codePointCount(0, s.length());
    if (n < 2 || n > 4 || n != s.length() || !s.codePoints().allMatch(PersonNameDetector::isHan)) {
      return false;
    }
    if (n >= 3 && surnamesZh.contains(s.substring(0, 2)) && isGivenName(s.substring(2))) {
      return true;
    }
    return n <= 3 && surnamesZh.contains(s.substring(0, 1)) && isGivenName(s.substring(1));
  }

  private boolean isGivenName(String given) {
    if (given.isEmpty() || given.length() > 2) {
      return false;
    }
    for (int i = 0; i < given.length(); i++) {
      if (!givenCharsZh.contains(given.substring(i, i + 1))) {
        return false;
      }
    }
    return true;
  }

  private Match latin(String s) {
    List<String> tokens = new ArrayList<>(List.of(s.split("\\s+")));
    int comma = s.indexOf(',');
    if (comma >= 0) {
      // "Last, First [Middle]"
      if (s.indexOf(',', comma + 1) >= 0) {
        return Match.NONE;
      }
      String last = s.substring(0, comma).strip();
      String rest = s.substring(comma + 1).strip();
      if (last.isEmpty() || rest.isEmpty()) {
        return Match.NONE;
      }
      List<String> surnames = List.of(last.split("\\s+"));
      tokens = new ArrayList<>(List.of(rest.split("\\s+")));
      // Two surnames or a particle ("García López, José", "van Beethoven, Lukas") only before a
      // known first name: "Santa Cruz, CA" is a place.
      if (surnames.size() > 3 || (surnames.size() > 1 && !isKnownFirstName(tokens.get(0)))) {
        return Match.NONE;
      }
      tokens.addAll(surnames);
    }
    if (tokens.size() > MAX_WORDS
        || tokens.stream().filter(t -> !PARTICLES.contains(t)).count() > MAX_NAME_WORDS) {
      return Match.NONE;
    }
    if (tokens.size() == 1) {
      String t = tokens.get(0);
      boolean known = isKnownFirstName(t) || isKnownLastName(t);
      return known && isCapitalizedName(t) ? Match.LATIN_SINGLE : Match.NONE;
    }
    String first = tokens.get(0);
    String last = tokens.get(tokens.size() - 1);
    if (PLACE_PREFIXES.contains(first.toLowerCase(Locale.ROOT))) {
      return Match.NONE;
    }
    for (String middle : tokens.subList(1, tokens.size() - 1)) {
      if (!(isCapitalizedName(middle) || isInitial(middle) || PARTICLES.contains(middle))) {
        return Match.NONE;
      }
    }
    if (!isNameShaped(first) || !isNameShaped(last)) {
      return Match.NONE;
    }
    boolean firstKnown = isKnownFirstName(first);
    boolean lastKnown = isKnownLastName(last) || isKnownFirstSurname(tokens);
    if (firstKnown && lastKnown) {
      return Match.LATIN;
    }
    boolean capitalized = (isCapitalizedName(first) || isInitial(first)) && isCapitalizedName(last);
    if (!capitalized) {
      return Match.NONE;
    }
    if (firstKnown && !isCommonWord(last)) {
      return Match.LATIN;
    }
    if (lastKnown && !isInitial(first) && !isCommonWord(first)) {
      return Match.LATIN;
    }
    if (lastKnown && isInitial(first)) {
      return Match.LATIN;
    }
    return Match.NONE;
  }

  private boolean isKnownFirstName(String name) {
    return isKnown(name, firstNames, moreFirstNames);
  }

  private boolean isKnownLastName(String name) {
    return isKnown(name, lastNames, moreLastNames);
  }

  /**
   * Spanish (and Portuguese) names end in two surnames, the father's then the mother's, and the
   * mother's may be missing from the dictionaries ({@code Lucía García Zubizarreta}): a known
   * surname just before the last word counts as a known last name when that word is a capitalized
   * name that is not a common word.
   */
  private boolean isKnownFirstSurname(List<String> tokens) {
    if (tokens.size() < 3) {
      return false;
    }
    String surname = tokens.get(tokens.size() - 2);
    String last = tokens.get(tokens.size() - 1);
    return isCapitalizedName(surname)
        && isKnownLastName(surname)
        && isCapitalizedName(last)
        && !isCommonWord(last);
  }

  /** In one of the dictionaries ignoring case and accents; a double name if either half is. */
  private static boolean isKnown(String name, Dictionary... dictionaries) {
    int hyphen = name.indexOf('-');
    for (Dictionary names : dictionaries) {
      if (names.containsIgnoreCaseAndAccents(name)
          || (hyphen > 0
              && (names.containsIgnoreCaseAndAccents(name.substring(0, hyphen))
                  || names.containsIgnoreCaseAndAccents(name.substring(hyphen + 1))))) {
        return true;
      }
    }
    return false;
  }

  private boolean isCommonWord(String token) {
    return words.containsIgnoreCase(token);
  }

  /** Letters, with inner hyphens or apostrophes ({@code Jean-Luc}, {@code O'Brien}). */
  private static boolean isNameShaped(String t) {
    if (isInitial(t)) {
      return true;
    }
    if (t.length() < 2
        || !Character.isLetter(t.charAt(0))
        || !Character.isLetter(t.charAt(t.length() - 1))) {
      return false;
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(Character.isLetter(c)
          || Character.getType(c) == Character.NON_SPACING_MARK
          || c == '-'
          || c == '\''
          || c == '\u2019')) {
        return false;
      }
    }
    return true;
  }

  /** Name-shaped and written {@code Title} or {@code UPPER} case. */
  private static boolean isCapitalizedName(String t) {
    return isNameShaped(t)
        && !isInitial(t)
        && Character.isUpperCase(t.charAt(0))
        && (hasLowerCase(t) || t.equals(t.toUpperCase(Locale.ROOT)));
  }

  private static boolean hasLowerCase(String t) {
    for (int i = 1; i < t.length(); i++) {
      if (Character.isLowerCase(t.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInitial(String t) {
    return (t.length() == 1 || (t.length() == 2 && t.charAt(1) == '.'))
        && Character.isUpperCase(t.charAt(0));
  }

  static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }
}
