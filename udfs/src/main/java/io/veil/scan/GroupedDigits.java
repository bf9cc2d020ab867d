package io.veil.scan;

/**
 * Digits as people write them: groups separated by single spaces, hyphens or dots ({@code 138 1234
 * 5678}, {@code 4111-1111-1111-1111}). Anything else (letters, two separators in a row, a separator
 * at either end) is not grouped digits.
 */
final class GroupedDigits {
  private GroupedDigits() {}

  /**
   * The digits of {@code text[from, to)}, or null when it holds anything but digits and single
   * separators from {@code separators} between them.
   */
  static String digits(CharSequence text, int from, int to, String separators) {
    if (to <= from) {
      return null;
    }
    StringBuilder out = new StringBuilder(to - from);
    boolean lastWasDigit = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
        lastWasDigit = true;
      } else if (separators.indexOf(c) >= 0 && lastWasDigit) {
        lastWasDigit = false;
      } else {
        return null;
      }
    }
    return lastWasDigit ? out.toString() : null;
  }

  static String digits(CharSequence text, String separators) {
    return digits(text, 0, text.length(), separators);
  }

  /** Whether every character of {@code s} is the same digit ({@code 0000000000000}). */
  static boolean allSame(CharSequence s) {
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) != s.charAt(0)) {
        return false;
      }
    }
    return true;
  }
}
