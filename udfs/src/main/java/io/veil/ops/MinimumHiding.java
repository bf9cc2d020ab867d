package io.veil.ops;

/**
 * How much of a value a mask must hide before it may show the rest: at least {@link #MIN_HIDDEN} of
 * the value's letters and digits and at least a third of them. A mask that would hide less (a
 * keep-first/keep-last mask or a preset on a short value) masks the value whole instead.
 *
 * <p>Only letters and digits count: separators and punctuation carry next to nothing, and a letter
 * equal to the mask character is not hidden by being "replaced" with itself. The numbers let the
 * familiar {@code 138****5678} through (4 of 11 digits) and stop {@code 123*5678} (1 of 8), an
 * 11-character value with one character hidden, and a name shown but for a letter or two.
 */
final class MinimumHiding {
  /** Fewest letters and digits a mask hides: below 10,000 guesses a value is not hidden. */
  static final int MIN_HIDDEN = 4;

  /** A mask hides at least 1/{@value} of a value's letters and digits. */
  static final int MIN_SHARE_DENOMINATOR = 3;

  private MinimumHiding() {}

  /**
   * Whether hiding {@code hidden} of a value's {@code lettersAndDigits} letters and digits is
   * enough to show the rest.
   */
  static boolean isMet(int hidden, int lettersAndDigits) {
    return hidden >= MIN_HIDDEN && (long) hidden * MIN_SHARE_DENOMINATOR >= lettersAndDigits;
  }

  /** Letters and digits, as {@link Character#isLetterOrDigit(int)}: Java's and Spark's classes. */
  static boolean counts(int codePoint) {
    return Character.isLetterOrDigit(codePoint);
  }

  /** {@link #counts} for an ASCII byte: exactly [0-9A-Za-z]. */
  static boolean countsAscii(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
