package io.veil.ops;

import java.io.Serializable;

/**
 * Keeps the first and/or last code points of a string and drops the middle, for values whose
 * prefix alone is useful (a postcode's district, a name's initial).
 */
public final class StringTruncation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int keepFirst;
  private final int keepLast;

  public StringTruncation(int keepFirst, int keepLast) {
    if (keepFirst < 0 || keepLast < 0 || keepFirst + keepLast == 0) {
      throw new IllegalArgumentException("truncate needs keep-first or keep-last above 0");
    }
    this.keepFirst = keepFirst;
    this.keepLast = keepLast;
  }

  public String truncate(String input) {
    if (input == null) {
      return null;
    }
    int codePoints = input.codePointCount(0, input.length());
    if (codePoints <= keepFirst + keepLast) {
      return input;
    }
    String head = input.substring(0, input.offsetByCodePoints(0, keepFirst));
    String tail = input.substring(input.offsetByCodePoints(input.length(), -keepLast));
    return head + tail;
  }
}
