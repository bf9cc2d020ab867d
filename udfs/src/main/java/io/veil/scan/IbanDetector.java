package io.veil.scan;

import java.util.Locale;

/**
 * International bank account numbers (ISO 13616): a country code of the IBAN registry, two check
 * digits, and an alphanumeric account part making up exactly that country's length; the whole,
 * rearranged with letters as numbers, is 1 modulo 97. Printed groups of four (separated by single
 * spaces) and lower case are accepted.
 */
public final class IbanDetector implements ValueDetector {
  /**
   * IBAN length per country, from the SWIFT IBAN registry, indexed by the code's two letters
   * ({@link #length}): the finder asks at every token that starts with two capitals and two digits,
   * and a map's string key was a substring and its hash per ask.
   */
  private static final byte[] LENGTHS = new byte[26 * 26];

  static {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
            + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21"
            + " HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27"
            + " MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24"
            + " RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 UA29 VA22 VG24"
            + " XK20 YE30";
    for (String entry : table.split(" ")) {
      LENGTHS[(entry.charAt(0) - 'A') * 26 + entry.charAt(1) - 'A'] =
          (byte) Integer.parseInt(entry.substring(2));
    }
  }

  /**
   * The IBAN length of the country whose code is {@code a b}, or 0 when no such country has one.
   */
  static int length(char a, char b) {
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
      return 0;
    }
    return LENGTHS[(a - 'A') * 26 + b - 'A'];
  }

  @Override
  public PiiType type() {
    return PiiType.IBAN;
  }

  @Override
  public String form() {
    return "iban";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    if (s.length() < 15 || s.length() > 42) {
      return false;
    }
    StringBuilder compact = new StringBuilder(34);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (i == 0 || s.charAt(i - 1) == ' ') {
          return false;
        }
      } else {
        compact.append(c);
      }
    }
    return isIban(compact.toString().toUpperCase(Locale.ROOT));
  }

  /** Whether {@code s} (upper case, no spaces) is a valid IBAN. */
  static boolean isIban(String s) {
    if (s.length() < 15) {
      return false;
    }
    int length = length(s.charAt(0), s.charAt(1));
    if (length == 0 || s.length() != length) {
      return false;
    }
    if (!isDigit(s.charAt(2)) || !isDigit(s.charAt(3))) {
      return false;
    }
    int check = (s.charAt(2) - '0') * 10 + (s.charAt(3) - '0');
    if (check < 2 || check > 98) {
      return false;
    }
    // ISO 7064 MOD 97-10 over account part + country + check digits, letters as 10..35.
    int remainder = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt((k + 4) % s.length());
      if (isDigit(c)) {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
