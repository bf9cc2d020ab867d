package io.veil.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Masks shaped for well-known kinds of personal data. Each keeps what people commonly show of a
 * value (a phone number's operator prefix and last four digits, a card's last four) and the layout
 * (separators, the {@code @} of an email), and hides the rest, one mask character per hidden code
 * point so lengths are kept. What a preset shows is bounded as every mask's is ({@link
 * MinimumHiding}): a value on which it would hide fewer than 4 letters and digits, or less than a
 * third of them, has all its letters and digits hidden (an e-mail address: every code point).
 */
public enum MaskPreset {
  /**
   * Keeps the first code point of the local part and the whole domain: {@code j***@example.com};
   * where that hides too little, the whole local part is hidden ({@code *****@gmail.com}), and
   * where that still does, the whole value.
   */
  EMAIL {
    @Override
    String apply(String value, int maskChar) {
      int at = value.lastIndexOf('@');
      if (at <= 0) {
        return maskAll(value, maskChar);
      }
      int total = 0;
      int hiddenAfterFirst = 0; // letters and digits of the local part but its first code point
      int hiddenLocal = 0;
      int first = value.codePointAt(0);
      for (int i = 0; i < value.length(); ) {
        int cp = value.codePointAt(i);
        if (MinimumHiding.counts(cp)) {
          total++;
          if (i < at && cp != maskChar) {
            hiddenLocal++;
            hiddenAfterFirst += i > 0 ? 1 : 0;
          }
        }
        i += Character.charCount(cp);
      }
      int keep;
      if (value.codePointCount(0, at) > 1 && MinimumHiding.isMet(hiddenAfterFirst, total)) {
        keep = Character.charCount(first);
      } else if (MinimumHiding.isMet(hiddenLocal, total)) {
        keep = 0;
      } else {
        return maskAll(value, maskChar);
      }
      return value.substring(0, keep)
          + maskAll(value.substring(keep, at), maskChar)
          + value.substring(at);
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
      boolean maskIsAscii = mask.length == 1;
      int total = 0;
      int hiddenAfterFirst = 0;
      int hiddenLocal = 0;
      for (int i = 0; i < length; i++) {
        byte c = bytes[offset + i];
        if (MinimumHiding.countsAscii(c)) {
          total++;
          if (i < at && !(maskIsAscii && c == mask[0])) {
            hiddenLocal++;
            hiddenAfterFirst += i > 0 ? 1 : 0;
          }
        }
      }
      int keep;
      if (at > 1 && MinimumHiding.isMet(hiddenAfterFirst, total)) {
        keep = 1;
      } else if (MinimumHiding.isMet(hiddenLocal, total)) {
        keep = 0;
      } else {
        return hideAscii(bytes, offset, length, mask, (c, i) -> true);
      }
      return hideAscii(bytes, offset, length, mask, (c, i) -> i >= keep && i < at);
    }
  },
  /**
   * Keeps the first three and last four digits ({@code 138****5678}); separators and a leading
   * {@code +} stay, so {@code +86 138-1234-5678} shows its country code and one more digit.
   */
  PHONE {
    @Override
    boolean shows(int index, int total) {
      return index < 3 || index >= total - 4;
    }
  },
  /**
   * Chinese resident ID numbers and similar: keeps the region code (the first six characters) and
   * the sequence code (the 15th to 17th), and hides the birth date and the check character ({@code
   * 110105********002*}). Positions are those of the 18-character number, so the older 15-character
   * one (birth date in the 7th to 12th) shows no digit of its birth date either.
   */
  ID_CARD {
    @Override
    boolean shows(int index, int total) {
      return index < 6 || (index >= 14 && index < 17);
    }
  },
  /** Bank cards: keeps only the last four digits (PCI DSS allows more; Veil shows less). */
  CARD {
    @Override
    boolean shows(int index, int total) {
      return index >= total - 4;
    }
  };

  /**
   * Whether a preset that hides letters and digits by position shows the {@code index}th of a
   * value's {@code total} letters and digits. Separators are always shown.
   */
  boolean shows(int index, int total) {
    throw new UnsupportedOperationException(name() + " masks by its own rule");
  }

  String apply(String value, int maskChar) {
    return maskAlphanumerics(value, maskChar);
  }

  byte[] applyAscii(byte[] bytes, int offset, int length, byte[] mask) {
    return maskAlphanumericsAscii(bytes, offset, length, mask);
  }

  /**
   * The UTF-8 bytes of {@link #mask} of the ASCII string in {@code bytes[offset, offset + length)},
   * or null if a byte there is not ASCII (the caller then masks the decoded string).
   */
  public byte[] maskAscii(byte[] bytes, int offset, int length, int maskChar) {
    return maskAscii(bytes, offset, length, Utf8.encode(maskChar));
  }

  /**
   * As above, with the mask character as its UTF-8 bytes ({@link Utf8#encode}), encoded once per
   * job.
   */
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
  private static byte[] hideAscii(
      byte[] bytes, int offset, int length, byte[] mask, Hidden hidden) {
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

  /**
   * Hides the letters and digits this preset does not {@link #shows show}, counting only letters
   * and digits, so "+86 138-1234-5678" keeps "+86 1" as a prefix of digits, not of characters;
   * where that hides too little ({@link MinimumHiding}), hides every letter and digit.
   */
  private String maskAlphanumerics(String value, int maskChar) {
    int total = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      total += MinimumHiding.counts(cp) ? 1 : 0;
    }
    int hidden = 0;
    int seen = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (MinimumHiding.counts(cp)) {
        hidden += !shows(seen, total) && cp != maskChar ? 1 : 0;
        seen++;
      }
    }
    boolean showAny = MinimumHiding.isMet(hidden, total);
    StringBuilder out = new StringBuilder(value.length());
    seen = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      if (MinimumHiding.counts(cp)) {
        out.appendCodePoint(showAny && shows(seen, total) ? cp : maskChar);
        seen++;
      } else {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** {@link #maskAlphanumerics} on ASCII bytes, where letters and digits are [A-Za-z0-9]. */
  private byte[] maskAlphanumericsAscii(byte[] bytes, int offset, int length, byte[] mask) {
    int total = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      total += MinimumHiding.countsAscii(bytes[i]) ? 1 : 0;
    }
    boolean maskIsAscii = mask.length == 1;
    int hidden = 0;
    int seen = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte c = bytes[i];
      if (MinimumHiding.countsAscii(c)) {
        hidden += !shows(seen, total) && !(maskIsAscii && c == mask[0]) ? 1 : 0;
        seen++;
      }
    }
    boolean showAny = MinimumHiding.isMet(hidden, total);
    int replaced = 0;
    for (int k = 0; k < total; k++) {
      replaced += showAny && shows(k, total) ? 0 : 1;
    }
    byte[] out = new byte[length + replaced * (mask.length - 1)];
    int p = 0;
    seen = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      byte c = bytes[i];
      boolean hide = false;
      if (MinimumHiding.countsAscii(c)) {
        hide = !(showAny && shows(seen, total));
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
}
