package io.veil.ops.validate;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The 18-character resident identity number of mainland China (GB 11643-1999).
 *
 * <p>Layout: 6-digit administrative division code, birth date {@code YYYYMMDD}, 3-digit sequence
 * (odd last digit for men, even for women), and one check character computed with ISO 7064 MOD 11-2
 * over the first 17 digits; a check value of 10 is written as {@code X}.
 *
 * <p>Plain Java with no Spark dependency: the sample-data generator, the {@code fake} operation and
 * the PII scanner share it.
 */
public final class ChineseIdNumber {

  /** Length of a valid number, check character included. */
  public static final int LENGTH = 18;

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  // Indexed by (weighted sum mod 11); equals (12 - sum mod 11) mod 11 with 10 written as 'X'.
  private static final char[] CHECK_CHARACTERS = "10X98765432".toCharArray();

  /** First two digits of the province-level divisions (GB/T 2260), Taiwan, Hong Kong, Macao too. */
  private static final boolean[] PROVINCES = new boolean[100];

  static {
    int[] codes = {
      11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
      52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82
    };
    for (int code : codes) {
      PROVINCES[code] = true;
    }
  }

  private ChineseIdNumber() {}

  /**
   * Returns the check character for the first 17 digits of a number.
   *
   * @throws IllegalArgumentException if {@code first17} is not exactly 17 ASCII digits
   */
  public static char checkCharacter(CharSequence first17) {
    if (first17 == null || first17.length() != LENGTH - 1) {
      throw new IllegalArgumentException(
          "Invalid ID number body: expected 17 digits, got "
              + (first17 == null ? "null" : first17.length() + " characters"));
    }
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(
            "Invalid ID number body: character " + (i + 1) + " is not a digit");
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS[sum % 11];
  }

  /**
   * Whether {@code value} is a well-formed number: 18 characters, 17 digits and an upper-case check
   * character that matches, a known province prefix and a real calendar date. Lower-case {@code x}
   * is rejected, as GB 11643 prints {@code X}; callers that want leniency upper-case first. No
   * clock is consulted, so a birth date in the future still passes.
   */
  public static boolean isValid(CharSequence value) {
    if (value == null || value.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    if (!PROVINCES[digits(value, 0, 2)]) {
      return false;
    }
    if (birthDate(value).isEmpty()) {
      return false;
    }
    return value.charAt(LENGTH - 1) == checkCharacter(value.subSequence(0, LENGTH - 1));
  }

  /**
   * The birth date encoded in characters 7 to 14, if they form a real date with a year from 1800 to
   * 2099; the check character is not verified here.
   */
  public static Optional<LocalDate> birthDate(CharSequence value) {
    if (value == null || value.length() < 14) {
      return Optional.empty();
    }
    int year = digits(value, 6, 10);
    int month = digits(value, 10, 12);
    int day = digits(value, 12, 14);
    if (year < 1800 || year > 2099 || month < 0 || day < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.of(year, month, day));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses {@code value[from, to)} as a decimal number, or returns -1 if a character is not a
   * digit.
   */
  private static int digits(CharSequence value, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
