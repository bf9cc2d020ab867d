package io.veil.keys;

import java.util.regex.Pattern;

/**
 * Decides whether text written where a name belongs (a variable name, a path, an alias) might be
 * key material pasted by mistake, so that messages show it only when it cannot be. The test errs
 * towards hiding: a real name that looks random (a UUID directory, say) is hidden too, and the
 * message still names the conf entry or config line to look at.
 *
 * <p>Key material as text is base64 (standard or URL-safe, padded or not) or hex of 16 bytes or
 * more. Three signs tell it from names people write: base64's own {@code +} and {@code =}; a run of
 * 16 or more hex digits mixing digits and letters; and, over the letters and digits taken in order,
 * either a switch between upper case, lower case and digits in a third or more of adjacent pairs
 * (base64 switches in about 65%, {@code VEIL_KEY_PII_V1} in 14%), or in a fifth or more together
 * with 70% of the distinct characters random base64 of that length would have; a path's parts are
 * judged one by one too. Measured on random keys (standard, unpadded and URL-safe base64, hex;
 * alone and as a path's last part), this finds every 32- and 64-byte key in 50,000 tries each;
 * about 1 in 20,000 16-byte keys passes as a name. It hides some CamelCase paths ({@code
 * /Users/BobSmith/MyKeys/Veil2026Q4.key}), never a temporary directory's long number.
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
    if (looksRandom(text)) {
      return true;
    }
    // A key pasted as a path's last part (file:/keys/<key>): its directories dilute the whole.
    for (String part : text.split("/")) {
      if (part.length() < text.length() && looksRandom(part)) {
        return true;
      }
    }
    return false;
  }

  private static boolean looksRandom(String text) {
    if (text.indexOf('=') >= 0 || text.indexOf('+') >= 0) {
      return true; // base64's own characters; no name or path needs them
    }
    for (String word : text.split("[^0-9A-Za-z]+")) {
      if (LONG_HEX.matcher(word).matches() && hasDigit(word) && hasLetter(word)) {
        return true;
      }
    }
    // Separators ('/', '-', '_') are base64 characters too, so judge the letters and digits as one
    // run.
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
    if (switches * 3 >= run.length() - 1) {
      return true; // a third or more
    }
    if (switches * 5 < run.length() - 1) {
      // Under 20%: random base64 switches in about 65% of pairs, so a key lands here almost never
      // (6 standard deviations at 43 characters), while paths do: /tmp/junit-6053656924940679081/
      // has as many distinct characters as random text, with two switches in its 28.
      return false;
    }
    long distinct = run.chars().distinct().count();
    double randomDistinct =
        64 * (1 - Math.pow(63.0 / 64, run.length())); // expected for random base64
    return distinct >= 0.7 * randomDistinct;
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
