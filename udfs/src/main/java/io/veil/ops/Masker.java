package io.veil.ops;

import java.io.Serializable;
import java.util.Objects;

/**
 * Hides characters of a string while keeping its length in code points.
 *
 * <p>A masker keeps the first {@code keepFirst} and last {@code keepLast} code points and replaces
 * every other code point according to its character class. Kept ends may show only so much ({@link
 * MinimumHiding}): where the mask would hide fewer than 4 of the value's letters and digits, or
 * less than a third of them, it masks the value whole, as if nothing were kept. Classes follow
 * Spark's {@code mask()} (Java's general categories): upper-case letters, lower-case letters,
 * decimal digits, and everything else; Veil adds {@code letter} for letters with no case (Chinese,
 * Arabic, Hebrew...), which Spark counts as "other" and so leaves readable unless {@code otherChar}
 * is given.
 *
 * <p>Strings are walked by code point, never by UTF-16 unit, so a surrogate pair is never split.
 * That is the only place Veil's class masking differs from Spark's: Spark masks the two halves of a
 * supplementary character (an emoji, say) separately and writes two mask characters for it.
 */
public final class Masker implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Replacement value meaning "leave this class as it is". */
  public static final int KEEP = -1;

  /**
   * Replacement value for {@code letter} meaning "treat uncased letters as other", as Spark does.
   */
  public static final int AS_OTHER = -2;

  private final int keepFirst;
  private final int keepLast;
  private final int upper;
  private final int lower;
  private final int digit;
  private final int other;
  private final int letter;
  // The one replacement of every class (a positional mask), or NONE: saves a class lookup per
  // masked character.
  private final int uniform;

  private static final int NONE = -3;

  // The byte path's lookups, built on first use (also after deserialization). Null until then.
  private transient AsciiTable ascii;

  /** Per ASCII character: the UTF-8 bytes it becomes where masked, and whether that hides it. */
  private static final class AsciiTable {
    final byte[][] masked = new byte[128][];
    final boolean[] hides = new boolean[128];
  }

  private Masker(
      int keepFirst, int keepLast, int upper, int lower, int digit, int other, int letter) {
    if (keepFirst < 0 || keepLast < 0) {
      throw new IllegalArgumentException("keep-first and keep-last must be >= 0");
    }
    this.keepFirst = keepFirst;
    this.keepLast = keepLast;
    this.upper = checkReplacement("upper", upper);
    this.lower = checkReplacement("lower", lower);
    this.digit = checkReplacement("digit", digit);
    this.other = checkReplacement("other", other);
    this.letter = letter == AS_OTHER ? AS_OTHER : checkReplacement("letter", letter);
    boolean same =
        upper != KEEP
            && lower == upper
            && digit == upper
            && other == upper
            && (letter == AS_OTHER || letter == upper);
    this.uniform = same ? upper : NONE;
  }

  private static int checkReplacement(String name, int codePoint) {
    if (codePoint != KEEP && !Character.isValidCodePoint(codePoint)) {
      throw new IllegalArgumentException("Invalid mask character for " + name);
    }
    return codePoint;
  }

  /** Replaces every code point outside the kept prefix and suffix with {@code maskChar}. */
  public static Masker positional(int keepFirst, int keepLast, int maskChar) {
    return new Masker(keepFirst, keepLast, maskChar, maskChar, maskChar, maskChar, maskChar);
  }

  /**
   * Masks by character class; {@link #KEEP} leaves a class readable, and {@code letter =} {@link
   * #AS_OTHER} gives exactly Spark's {@code mask(str, upper, lower, digit, other)}.
   */
  public static Masker byClass(
      int keepFirst, int keepLast, int upper, int lower, int digit, int other, int letter) {
    return new Masker(keepFirst, keepLast, upper, lower, digit, other, letter);
  }

  public String mask(String input) {
    if (input == null) {
      return null;
    }
    int length = input.length();
    int codePoints = input.codePointCount(0, length);
    int maskFrom = keepFirst;
    int maskTo = codePoints - keepLast; // exclusive
    if (maskFrom >= maskTo || (keepsEnds() && !hidesEnough(input, maskFrom, maskTo))) {
      // Keeping the ends would show too much (a two-letter name, 7 of 8 digits): hide it all.
      maskFrom = 0;
      maskTo = codePoints;
    }
    StringBuilder out = new StringBuilder(length);
    int index = 0;
    for (int i = 0; i < length; ) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      if (index < maskFrom || index >= maskTo) {
        out.appendCodePoint(cp);
      } else {
        int replacement = uniform != NONE ? uniform : replacementFor(cp);
        out.appendCodePoint(replacement == KEEP ? cp : replacement);
      }
      index++;
    }
    return out.toString();
  }

  private boolean keepsEnds() {
    return keepFirst > 0 || keepLast > 0;
  }

  /**
   * Whether masking code points [maskFrom, maskTo) of {@code input} meets {@link MinimumHiding}.
   */
  private boolean hidesEnough(String input, int maskFrom, int maskTo) {
    int total = 0;
    int hidden = 0;
    int index = 0;
    for (int i = 0; i < input.length(); index++) {
      int cp = input.codePointAt(i);
      i += Character.charCount(cp);
      if (MinimumHiding.counts(cp)) {
        total++;
        if (index >= maskFrom && index < maskTo && hides(cp)) {
          hidden++;
        }
      }
    }
    return MinimumHiding.isMet(hidden, total);
  }

  /** Whether masking {@code cp} changes it: its class is masked, and not with {@code cp} itself. */
  private boolean hides(int cp) {
    int replacement = uniform != NONE ? uniform : replacementFor(cp);
    return replacement != KEEP && replacement != cp;
  }

  /**
   * The UTF-8 bytes of {@link #mask} of the ASCII string in {@code bytes[offset, offset + length)},
   * or null if a byte there is not ASCII (the caller then masks the decoded string). Spark's
   * strings are UTF-8 bytes, and most masked columns (e-mails, phone, card and ID numbers) are
   * ASCII: this masks them with no Java string in between.
   */
  public byte[] maskAscii(byte[] bytes, int offset, int length) {
    if (!Utf8.isAscii(bytes, offset, length)) {
      return null;
    }
    AsciiTable table = ascii;
    if (table == null) {
      table = asciiTable();
      ascii = table;
    }
    byte[][] masked = table.masked;
    int maskFrom = keepFirst; // an ASCII character is one code point
    int maskTo = length - keepLast;
    if (maskFrom >= maskTo
        || (keepsEnds() && !hidesEnoughAscii(table, bytes, offset, length, maskFrom, maskTo))) {
      maskFrom = 0;
      maskTo = length;
    }
    int size = length;
    for (int i = offset + maskFrom, end = offset + maskTo; i < end; i++) {
      size += masked[bytes[i]].length - 1;
    }
    byte[] out = new byte[size];
    System.arraycopy(bytes, offset, out, 0, maskFrom);
    int p = maskFrom;
    for (int i = offset + maskFrom, end = offset + maskTo; i < end; i++) {
      byte[] r = masked[bytes[i]];
      if (r.length == 1) {
        out[p++] = r[0];
      } else {
        System.arraycopy(r, 0, out, p, r.length);
        p += r.length;
      }
    }
    System.arraycopy(bytes, offset + maskTo, out, p, length - maskTo);
    return out;
  }

  /** {@link #hidesEnough} on ASCII bytes. */
  private static boolean hidesEnoughAscii(
      AsciiTable table, byte[] bytes, int offset, int length, int maskFrom, int maskTo) {
    int total = 0;
    int hidden = 0;
    for (int i = 0; i < length; i++) {
      byte c = bytes[offset + i];
      if (MinimumHiding.countsAscii(c)) {
        total++;
        if (i >= maskFrom && i < maskTo && table.hides[c]) {
          hidden++;
        }
      }
    }
    return MinimumHiding.isMet(hidden, total);
  }

  private AsciiTable asciiTable() {
    AsciiTable table = new AsciiTable();
    for (int c = 0; c < 128; c++) {
      int r = uniform != NONE ? uniform : replacementFor(c);
      table.masked[c] = Utf8.encode(r == KEEP ? c : r);
      table.hides[c] = hides(c);
    }
    return table;
  }

  private int replacementFor(int cp) {
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER:
        return upper;
      case Character.LOWERCASE_LETTER:
        return lower;
      case Character.DECIMAL_DIGIT_NUMBER:
        return digit;
      case Character.TITLECASE_LETTER:
      case Character.MODIFIER_LETTER:
      case Character.OTHER_LETTER:
        return letter == AS_OTHER ? other : letter;
      default:
        return other;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Masker)) {
      return false;
    }
    Masker m = (Masker) o;
    return keepFirst == m.keepFirst
        && keepLast == m.keepLast
        && upper == m.upper
        && lower == m.lower
        && digit == m.digit
        && other == m.other
        && letter == m.letter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keepFirst, keepLast, upper, lower, digit, other, letter);
  }
}
