package io.veil.ops;

import java.io.Serializable;

/**
 * Keeps the first and/or last code points of a string and drops the middle, for values whose prefix
 * alone is useful (a postcode's district, a name's initial).
 *
 * <p>A value no longer than what is kept would come out whole ({@code keep-first = 1, keep-last =
 * 1} on a two-letter name), so {@link #truncate} masks it whole instead, as a mask does; the job
 * can write null or fail instead ({@code on-invalid}), for which {@link #keepsWhole} tells such
 * values apart. The empty string has nothing to hide and stays empty.
 */
public final class StringTruncation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a value too short to truncate is masked with: a mask's default character. */
  public static final int MASK_CHAR = '*';

  private static final Masker MASK_WHOLE = Masker.positional(0, 0, MASK_CHAR);

  private final int keepFirst;
  private final int keepLast;

  public StringTruncation(int keepFirst, int keepLast) {
    if (keepFirst < 0 || keepLast < 0 || keepFirst + keepLast == 0) {
      throw new IllegalArgumentException("truncate needs keep-first or keep-last above 0");
    }
    this.keepFirst = keepFirst;
    this.keepLast = keepLast;
  }

  /** How many code points a truncated value keeps. */
  public int kept() {
    return keepFirst + keepLast;
  }

  /** The truncated value; a value no longer than {@link #kept} masked whole; null stays null. */
  public String truncate(String input) {
    if (input == null) {
      return null;
    }
    int codePoints = input.codePointCount(0, input.length());
    if (codePoints <= kept()) {
      return MASK_WHOLE.mask(input);
    }
    String head = input.substring(0, input.offsetByCodePoints(0, keepFirst));
    String tail = input.substring(input.offsetByCodePoints(input.length(), -keepLast));
    return head + tail;
  }

  /**
   * Whether truncating {@code input} would keep all of it: a value that is not empty and has no
   * more code points than {@link #kept}. False for null.
   */
  public boolean keepsWhole(String input) {
    return input != null && !input.isEmpty() && input.codePointCount(0, input.length()) <= kept();
  }
}
