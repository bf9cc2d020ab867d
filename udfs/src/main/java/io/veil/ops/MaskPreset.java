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
  },
  /** Bank cards: keeps only the last four digits (PCI DSS allows more; Veil shows less). */
  CARD {
    @Override
    String apply(String value, int maskChar) {
      return maskAlphanumerics(value, 0, 4, maskChar);
    }
  };

  abstract String apply(String value, int maskChar);

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
