package io.veil.scan;

/**
 * United States Social Security numbers written as {@code AAA-GG-SSSS}, the parts separated by
 * hyphens or by single spaces, the same separator twice. Nine bare digits are not accepted: too
 * many other identifiers (order, account, routing numbers) are nine digits, and without the
 * grouping nothing says the number is an SSN.
 *
 * <p>The Social Security Administration never issues an area {@code 000}, {@code 666} or {@code
 * 900}-{@code 999}, a group {@code 00} or a serial {@code 0000}. Three numbers that look valid are
 * known to be no one's: {@code 078-05-1120} (printed on a sample card sold in wallets, then used by
 * thousands), {@code 219-09-9999} (an advertisement in an SSA pamphlet) and {@code 123-45-6789}
 * (the placeholder everyone types).
 */
public final class UsSsnDetector implements ValueDetector {
  /** {@code AAA-GG-SSSS}: eleven characters. */
  static final int LENGTH = 11;

  @Override
  public PiiType type() {
    return PiiType.US_SSN;
  }

  @Override
  public String form() {
    return "us-ssn";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return matchAt(s, 0) == s.length();
  }

  /**
   * The end (exclusive) of a valid SSN written in {@code text} from exactly {@code from}, or -1.
   * What comes before {@code from} and whether the number ends at a word boundary are the caller's
   * to check (a full stop may follow: "SSN 123-45-6780."). But the number must not run on with its
   * own separator and another digit: {@code 123-45-6780-12} is a longer grouped number, not an SSN
   * followed by something else.
   */
  public static int matchAt(CharSequence text, int from) {
    if (from < 0 || text.length() - from < LENGTH) {
      return -1;
    }
    char separator = text.charAt(from + 3);
    if ((separator != '-' && separator != ' ') || text.charAt(from + 6) != separator) {
      return -1;
    }
    int area = number(text, from, 3);
    int group = number(text, from + 4, 2);
    int serial = number(text, from + 7, 4);
    if (area <= 0 || area == 666 || area >= 900 || group <= 0 || serial <= 0) {
      return -1;
    }
    int ssn = area * 1_000_000 + group * 10_000 + serial;
    if (ssn == 78_05_1120 || ssn == 219_09_9999 || ssn == 123_45_6789) {
      return -1;
    }
    int end = from + LENGTH;
    if (end + 1 < text.length() && text.charAt(end) == separator && isDigit(text.charAt(end + 1))) {
      return -1;
    }
    return end;
  }

  /** The {@code length} digits at {@code from} as a number, or -1 when one is not a digit. */
  private static int number(CharSequence text, int from, int length) {
    int n = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
