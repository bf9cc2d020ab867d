package io.veil.scan;

import java.util.Arrays;

/**
 * A text decoded from UTF-8 bytes together with what {@link EmbeddedPiiFinder} first looks for in
 * it (its {@link TextMarks}), both in one pass over the bytes. Spark holds each note as UTF-8
 * bytes: decoding them with the JDK ({@code new String(bytes, UTF_8)}) and then copying the
 * string's chars out for the scans went over every note three times, and the JDK's decoder, which
 * tests each char's length anew, took 1.4 ns a byte on Chinese notes, a fifth of redact's time.
 * Here a run of ASCII bytes and a run of three-byte chars (Chinese, Japanese, Korean) are each
 * decoded in a loop of their own (0.8 ns a byte on those notes), and the marks are found while the
 * ASCII runs are copied: 7% less CPU for {@code veil_redact} in Spark. Notes all ASCII gain nothing
 * (the JDK copies their bytes with vector instructions), and sending them that way instead was no
 * faster overall.
 *
 * <p>Only well-formed UTF-8 is decoded here (shortest forms, no surrogates, nothing above
 * U+10FFFF), the bytes whose decoding is the same whoever decodes them; {@link #decode} gives null
 * for any other, which the caller decodes as it did before (the JDK replaces each malformed
 * sequence by U+FFFD).
 */
public final class DecodedText {
  /** The text. */
  public final String text;

  final TextMarks marks;

  private DecodedText(String text, TextMarks marks) {
    this.text = text;
    this.marks = marks;
  }

  /** Bytes {@code [from, from + length)} of {@code utf8} decoded, or null if not well-formed. */
  public static DecodedText decode(byte[] utf8, int from, int length) {
    int end = from + length;
    char[] chars = new char[length]; // a char takes at least a byte
    // Generated notes hold a mark in eight chars or so; sized for that, few texts grow it.
    int[] marks = new int[16 + (length >> 2)];
    int k = 0;
    int j = 0;
    int i = from;
    while (i < end) {
      int x = utf8[i];
      if (x >= 0) {
        do {
          // '-' '.' '/' and the digits and ':' are the 14 chars from 0x2D to 0x3A.
          if ((char) (x - '-') <= ':' - '-') {
            if (k == marks.length) {
              marks = Arrays.copyOf(marks, 2 * k);
            }
            marks[k++] = j;
          }
          chars[j++] = (char) x;
        } while (++i < end && (x = utf8[i]) >= 0);
      } else if ((x & 0xF0) == 0xE0) {
        do {
          if (i + 2 >= end) {
            return null;
          }
          int y = utf8[i + 1];
          int z = utf8[i + 2];
          int c = (x & 0x0F) << 12 | (y & 0x3F) << 6 | (z & 0x3F);
          if ((y & 0xC0) != 0x80 || (z & 0xC0) != 0x80 || c < 0x800 || (c & 0xF800) == 0xD800) {
            return null; // a continuation missing, an overlong form or a surrogate
          }
          chars[j++] = (char) c;
          i += 3;
        } while (i < end && ((x = utf8[i]) & 0xF0) == 0xE0);
      } else if ((x & 0xE0) == 0xC0) {
        if (i + 1 >= end) {
          return null;
        }
        int y = utf8[i + 1];
        int c = (x & 0x1F) << 6 | (y & 0x3F);
        if ((y & 0xC0) != 0x80 || c < 0x80) {
          return null;
        }
        chars[j++] = (char) c;
        i += 2;
      } else if ((x & 0xF8) == 0xF0) {
        if (i + 3 >= end) {
          return null;
        }
        int y = utf8[i + 1];
        int z = utf8[i + 2];
        int w = utf8[i + 3];
        int c = (x & 0x07) << 18 | (y & 0x3F) << 12 | (z & 0x3F) << 6 | (w & 0x3F);
        if ((y & 0xC0) != 0x80
            || (z & 0xC0) != 0x80
            || (w & 0xC0) != 0x80
            || c < 0x10000
            || c > Character.MAX_CODE_POINT) {
          return null;
        }
        chars[j++] = Character.highSurrogate(c);
        chars[j++] = Character.lowSurrogate(c);
        i += 4;
      } else {
        return null; // a continuation byte where a char starts, or no UTF-8 lead byte at all
      }
    }
    if (j < length) {
      chars = Arrays.copyOf(chars, j);
    }
    return new DecodedText(new String(chars), new TextMarks(chars, marks, k, j == length));
  }
}
