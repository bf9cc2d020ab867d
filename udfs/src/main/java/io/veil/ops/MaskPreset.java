package io.veil.ops;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Masks shaped for well-known kinds of personal data. Each keeps what people commonly show of a
 * value (a phone number's operator prefix and last four digits, a card's last four) and the
 * layout (separators, the {@code @} of an email), and hides the rest, one mask character per
 * hidden code point so lengths are kept.
 */
public enum MaskPreset {
  /** Keeps the first code point of the local part and the whole domain: {@code j***@example.com}. */
  EMAIL {
    @Override
    String apply(String value, int maskChar) {
      int at = value.lastIndexOf('@');
      if (at <= 0) {
        return maskAll(value, maskChar);
      }
      String local = value.substring(0, at);
      return Masker.positional(1, 0, maskChar).mask(local) + value.substring(at);
    }

    @Override
    byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask) {
      int last = length - 1;
      while (last >= 0 && bytes[offset + last] != '@') {
        last--;
      }
      int at = last; // the last @, or -1
      if (at <= 0) {
        return hideAscii(bytes, offset, length, mask, (c, i) -> true);
      }
      int keep = at > 1 ? 1 : 0; // a one-character local part is hidden whole, as the mask does
      return hideAscii(bytes, offset, length, mask, (c, i) -> i >= keep && i < at);
    }
  },
  /**
   * Keeps the first three and last four digits ({@code 138****5678}); separators and a leading
   * {@code +} stay, so {@code +86 138-1234-5678} shows its country code and one more digit.
   */
  PHONE {
    @Override
    String apply(String value, int maskChar) {
      return maskAlphanumerics(value, 3, 4, maskChar);
    }
    @Override
    byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask) {
      return maskAlphanumericsAscii(bytes, offset, length, 3, 4, mask);
    }
  },
  /**
   * Chinese resident ID numbers and similar: keeps the six-character region code and the last
   * four characters; hides the birth date in between.
   */
  ID_CARD {
    @Override
    String apply(String value, int maskChar) {
      return maskAlphanumerics(value, 6, 4, maskChar);
    }
    @Override
    byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask) {
      return maskAlphanumericsAscii(bytes, offset, length, 6, 4, mask);
    }
  },
  /** Bank cards: keeps only the last four digits (PCI DSS allows more; Veil shows less). */
  CARD {
    @Override
    String apply(String value, int maskChar) {
      return maskAlphanumerics(value, 0, 4, maskChar);
    }
    @Override
    byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask) {
      return maskAlphanumericsAscii(bytes, offset, length, 0, 4, mask);
    }
  };

  abstract String apply(String value, int maskChar);

  /** {@link #apply} on ASCII bytes; {@code mask} is the mask character's UTF-8 bytes. */
  abstract byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask);

  /**
   * The UTF-8 bytes of {@link #mask} of the ASCII string in {@code bytes[offset, offset +
   * length)}, or null if a byte there is not ASCII (the caller then masks the decoded string).
   */
  public byte[] maskAscii(byte[] bytes, int offset, int length, int maskChar) {
    return maskAscii(bytes, offset, length, Utf8.encode(maskChar));
  }

  /** As above, with the mask character as its UTF-8 bytes ({@link Utf8#encode}), encoded once per job. */
  public byte[] maskAscii(byte[] bytes, int offset, int length, byte[] maskUtf8) {
    return Utf8.isAscii(bytes, offset, length) ? applyAscii(bytes, offset, length, maskUtf8) : null;
  }

  /** Masks {@code value}; null stays null. */
  public String mask(String value, int maskChar) {
    return value == null ? null : apply(value, maskChar);
  }

  /** The config name of this preset, as in {@code preset = id-card}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static MaskPreset fromConfigName(String name) {
    for (MaskPreset p : values()) {
      if (p.configName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        name + " is not a valid mask preset. Accepted presets are " + acceptedNames() + ".");
  }

  public static String acceptedNames() {
    return Arrays.stream(values()).map(MaskPreset::configName).collect(Collectors.joining(", "));
  }

  private static String maskAll(String value, int maskChar) {
    return Masker.positional(0, 0, maskChar).mask(value);
  }

  /** Which characters of an ASCII value to hide, by character and position. */
  private interface Hidden {
    boolean test(byte c, int position);
  }

  /** The value with each character {@code hidden} picks replaced by {@code mask}. */
  private static byte[] hideAscii(byte[] bytes, int offset, int length, byte[] mask, Hidden hidden) {
    int count = 0;
    for (int i = 0; i < length; i++) {
      count += hidden.test(bytes[offset + i], i) ? 1 : 0;
    }
    byte[] out = new byte[length + count * (mask.length - 1)];
    int p = 0;
    for (int i = 0; i < length; i++) {
      byte c = bytes[offset + i];
      if (hidden.test(c, i)) {
        System.arraycopy(mask, 0, out, p, mask.length);
        p += mask.length;
      } else {
        out[p++] = c;
      }
    }
    return out;
  }

  private static boolean isAsciiLetterOrDigit(byte c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** {@link #maskAlphanumerics} on ASCII bytes, where letters and digits are [A-Za-z0-9]. */
  private static byte[] maskAlphanumericsAscii(byte[] bytes, int offset, int length, int keepFirst, int keepLast,
      byte[] mask) {
    int total = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      total += isAsciiLetterOrDigit(bytes[i]) ? 1 : 0;
    }
    boolean tooShort = keepFirst + keepLast >= total;
    int hideFrom = tooShort ? 0 : keepFirst; // counted in letters and digits
    int hideTo = tooShort ? total : total - keepLast;
    byte[] out = new byte[length + (hideTo - hideFrom) * (mask.length - 1)];
    int p = 0;
    int seen = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte c = bytes[i];
      boolean hide = false;
      if (isAsciiLetterOrDigit(c)) {
        hide = seen >= hideFrom && seen < hideTo;
        seen++;
      }
      if (hide) {
        System.arraycopy(mask, 0, out, p, mask.length);
        p += mask.length;
      } else {
        out[p++] = c;
      }
    }
    return out;
  }

  /**
   * Hides letters and digits except the first {@code keepFirst} and the last {@code keepLast} of
   * them, counting only letters and digits, so "+86 138-1234-5678" keeps "+86 1" as a prefix of
   * digits, not of characters.
   */
  private static String maskAlphanumerics(String value, int keepFirst, int keepLast, int maskChar) {
    int total = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        total++;
      }
    }
    if (keepFirst + keepLast >= total) {
      // Too short to show anything safely: hide every letter and digit.
      keepFirst = 0;
      keepLast = 0;
    }
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        boolean keep = seen < keepFirst || seen >= total - keepLast;
        out.appendCodePoint(keep ? cp : maskChar);
        seen++;
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }
}
