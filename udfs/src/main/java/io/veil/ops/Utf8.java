package io.veil.ops;

/**
 * Checks on UTF-8 bytes, for the functions that work on Spark's string bytes directly instead of
 * decoding them into Java strings first.
 *
 * <p>Such a function must give exactly what the Java-string version gives, and a Java string made
 * from bytes that are not well-formed UTF-8 holds U+FFFD where they were: its bytes differ from the
 * input's. So the byte path is taken only for bytes that decode and re-encode unchanged, which is
 * what {@link #isWellFormed} tells (Unicode's table 3-7: no overlong forms, no surrogates, nothing
 * above U+10FFFF, no cut-off sequences), and everything else goes the Java-string way.
 */
public final class Utf8 {
  private Utf8() {}

  /** True if every byte of {@code bytes[offset, offset + length)} is below 0x80. */
  public static boolean isAscii(byte[] bytes, int offset, int length) {
    for (int i = offset, end = offset + length; i < end; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** True if the bytes are well-formed UTF-8, so that decoding and re-encoding gives them back. */
  public static boolean isWellFormed(byte[] bytes, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (i < end) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int trailing;
      int min; // the smallest second byte allowed (excludes overlong forms)
      int max; // the largest (excludes surrogates and code points above U+10FFFF)
      if (b >= 0xc2 && b <= 0xdf) {
        trailing = 1;
        min = 0x80;
        max = 0xbf;
      } else if (b >= 0xe0 && b <= 0xef) {
        trailing = 2;
        min = b == 0xe0 ? 0xa0 : 0x80;
        max = b == 0xed ? 0x9f : 0xbf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        trailing = 3;
        min = b == 0xf0 ? 0x90 : 0x80;
        max = b == 0xf4 ? 0x8f : 0xbf;
      } else {
        return false; // a continuation byte first, C0, C1 or F5..FF
      }
      if (end - i <= trailing) {
        return false;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < min || second > max) {
        return false;
      }
      for (int k = 2; k <= trailing; k++) {
        if ((bytes[i + k] & 0xc0) != 0x80) {
          return false;
        }
      }
      i += trailing + 1;
    }
    return true;
  }

  /** The UTF-8 bytes of one code point. */
  public static byte[] encode(int codePoint) {
    return new String(Character.toChars(codePoint))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
