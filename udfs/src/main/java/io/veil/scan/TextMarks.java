package io.veil.scan;

import java.util.Arrays;

/**
 * A text's chars and, found in one pass over them, where its digits and the separators {@code - . /
 * :} are. Every piece of personal data {@link EmbeddedPiiFinder} looks for by its shape has a digit
 * or one of those separators at its start or within its first five chars (an email aside, found
 * from its {@code @}): the scans that used to test each char of a note, most of it letters and
 * spaces, visit only the chars near these marks.
 */
final class TextMarks {
  final char[] chars;

  /** Whether every char is ASCII: no Chinese place name can end anywhere in the text. */
  final boolean ascii;

  private final int[] at;
  private final int size;

  TextMarks(char[] chars) {
    this.chars = chars;
    // Generated notes hold a mark in eight chars or so; sized for that, few texts grow it.
    int[] found = new int[16 + (chars.length >> 2)];
    int k = 0;
    int all = 0;
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      all |= c;
      // '-' '.' '/' and the digits and ':' are the 14 chars from 0x2D to 0x3A: one comparison.
      if ((char) (c - '-') <= ':' - '-') {
        if (k == found.length) {
          found = Arrays.copyOf(found, 2 * k);
        }
        found[k++] = i;
      }
    }
    this.ascii = all < 0x80;
    this.at = found;
    this.size = k;
  }

  /** Marks found elsewhere: {@link DecodedText} finds them while it decodes the chars. */
  TextMarks(char[] chars, int[] at, int size, boolean ascii) {
    this.chars = chars;
    this.at = at;
    this.size = size;
    this.ascii = ascii;
  }

  /** How many marks the text holds. */
  int size() {
    return size;
  }

  /** Where the {@code k}th mark is, in increasing order of {@code k}. */
  int at(int k) {
    return at[k];
  }

  /** Whether the {@code k}th mark is a digit, not a separator. */
  boolean isDigit(int k) {
    char c = chars[at[k]];
    return c >= '0' && c <= '9';
  }
}
