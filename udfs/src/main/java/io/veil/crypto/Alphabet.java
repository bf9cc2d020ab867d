package io.veil.crypto;

import java.util.Arrays;

/**
 * The characters format-preserving encryption permutes: character {@code i} is numeral {@code i},
 * and the radix is the number of characters. Characters of a value outside the alphabet are left in
 * place.
 *
 * <p>An alphabet is a list of distinct Unicode code points, so characters outside the Basic
 * Multilingual Plane count as one character, never as two surrogate halves. Immutable.
 */
public final class Alphabet {
  public static final int MIN_RADIX = 2;

  /** FF1's limit (NIST SP 800-38G: radix in [2, 2^16]). */
  public static final int MAX_RADIX = 1 << 16;

  public static final Alphabet DIGITS = new Alphabet("digits", "0123456789");
  public static final Alphabet HEX_LOWER = new Alphabet("hex", "0123456789abcdef");

  /** Digits, then lower case, then upper case: the order of Bouncy Castle's radix-62 vectors. */
  public static final Alphabet ALPHANUMERIC =
      new Alphabet(
          "alphanumeric", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

  private final String name;
  private final String characters;
  private final int[] codePoints;

  /** Numeral to char when every character is in the BMP, else null. */
  private final char[] chars;

  /** Code point to numeral, -1 for none, when every character is in the BMP, else null. */
  private final int[] numeralByChar;

  /** Sorted code points and their numerals, for alphabets reaching beyond the BMP. */
  private final int[] sortedCodePoints;

  private final int[] sortedNumerals;

  private Alphabet(String name, String characters) {
    this.name = name;
    this.characters = characters;
    this.codePoints = validCodePoints(characters);
    int max = Arrays.stream(codePoints).max().orElse(0);
    if (max <= Character.MAX_VALUE) {
      chars = new char[codePoints.length];
      numeralByChar = new int[max + 1];
      Arrays.fill(numeralByChar, -1);
      for (int i = 0; i < codePoints.length; i++) {
        chars[i] = (char) codePoints[i];
        numeralByChar[codePoints[i]] = i;
      }
      sortedCodePoints = null;
      sortedNumerals = null;
    } else {
      chars = null;
      numeralByChar = null;
      long[] packed = new long[codePoints.length];
      for (int i = 0; i < codePoints.length; i++) {
        packed[i] = ((long) codePoints[i] << 32) | i;
      }
      Arrays.sort(packed);
      sortedCodePoints = new int[packed.length];
      sortedNumerals = new int[packed.length];
      for (int i = 0; i < packed.length; i++) {
        sortedCodePoints[i] = (int) (packed[i] >>> 32);
        sortedNumerals[i] = (int) packed[i];
      }
    }
  }

  /**
   * An alphabet of the given characters, in numeral order.
   *
   * @throws IllegalArgumentException if there are fewer than 2 or more than 65,536 characters, a
   *     character repeats, or the string holds an unpaired surrogate
   */
  public static Alphabet of(String characters) {
    return new Alphabet(null, characters);
  }

  /**
   * The alphabet a config or SQL call names: {@code digits}, {@code hex} (lower case), {@code
   * alphanumeric}, or anything else as the characters themselves ({@link #of}).
   *
   * @throws IllegalArgumentException as {@link #of} does
   */
  public static Alphabet named(String name) {
    switch (name) {
      case "digits":
        return DIGITS;
      case "hex":
        return HEX_LOWER;
      case "alphanumeric":
        return ALPHANUMERIC;
      default:
        return of(name);
    }
  }

  private static int[] validCodePoints(String characters) {
    int[] cps = characters.codePoints().toArray();
    if (cps.length < MIN_RADIX || cps.length > MAX_RADIX) {
      throw new IllegalArgumentException(
          "Invalid alphabet: FF1 needs 2 to 65536 distinct characters, got " + cps.length);
    }
    int[] sorted = cps.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] >= Character.MIN_SURROGATE && sorted[i] <= Character.MAX_SURROGATE) {
        throw new IllegalArgumentException(
            "Invalid alphabet: unpaired surrogate " + describe(sorted[i]));
      }
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException(
            "Invalid alphabet: " + describe(sorted[i]) + " appears more than once");
      }
    }
    return cps;
  }

  private static String describe(int codePoint) {
    return String.format("U+%04X", codePoint);
  }

  public int radix() {
    return codePoints.length;
  }

  /** The characters in numeral order. */
  public String characters() {
    return characters;
  }

  /** The numeral of a code point, or -1 if it is not in this alphabet. */
  public int numeralOf(int codePoint) {
    if (numeralByChar != null) {
      return codePoint >= 0 && codePoint < numeralByChar.length ? numeralByChar[codePoint] : -1;
    }
    int i = Arrays.binarySearch(sortedCodePoints, codePoint);
    return i >= 0 ? sortedNumerals[i] : -1;
  }

  /** The code point of a numeral in [0, radix). */
  public int codePointOf(int numeral) {
    return codePoints[numeral];
  }

  /** True when every character is a single UTF-16 char, so values keep their char positions. */
  boolean isBmp() {
    return chars != null;
  }

  /** For BMP alphabets: the numeral of a char, or -1. */
  int numeralOfChar(char c) {
    return c < numeralByChar.length ? numeralByChar[c] : -1;
  }

  /** For BMP alphabets: the char of a numeral. */
  char charOf(int numeral) {
    return chars[numeral];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Alphabet && ((Alphabet) o).characters.equals(characters);
  }

  @Override
  public int hashCode() {
    return characters.hashCode();
  }

  @Override
  public String toString() {
    if (name != null) {
      return "Alphabet[" + name + ", radix " + radix() + "]";
    }
    String shown =
        radix() <= 64
            ? characters
            : characters.substring(0, characters.offsetByCodePoints(0, 60)) + "...";
    return "Alphabet[radix " + radix() + ": " + shown + "]";
  }
}
