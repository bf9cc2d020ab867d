package io.veil.scan;

/**
 * Mainland China mobile numbers: 11 digits, {@code 1} then {@code 3}-{@code 9}, in a number segment
 * that is allocated (140-144, 154, 160, 161, 163, 164, 168, 169, 179 and 194 are not, as of MIIT's
 * 2024 plan). Written plain ({@code 13812345678}), grouped with spaces, hyphens or dots ({@code
 * 138-1234-5678}), and optionally after the country code {@code +86}, {@code (+86)}, {@code 0086}
 * or {@code 86}.
 */
public final class ChineseMobileDetector implements ValueDetector {
  static final int LENGTH = 11;
  private static final String SEPARATORS = " -.";
  private static final boolean[] UNALLOCATED = new boolean[100];

  static {
    for (int segment : new int[] {40, 41, 42, 43, 44, 54, 60, 61, 63, 64, 68, 69, 79, 94}) {
      UNALLOCATED[segment] = true;
    }
  }

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public String form() {
    return "cn-mobile";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    int from = 0;
    if (s.startsWith("+86")) {
      from = 3;
    } else if (s.startsWith("(+86)")) {
      from = 5;
    } else if (s.startsWith("0086")) {
      from = 4;
    }
    while (from > 0 && from < s.length() && (s.charAt(from) == ' ' || s.charAt(from) == '-')) {
      from++;
    }
    if (from > 0 && from == s.length()) {
      return false;
    }
    String digits = GroupedDigits.digits(s, from, s.length(), SEPARATORS);
    if (digits == null) {
      return false;
    }
    if (from == 0 && digits.length() == LENGTH + 2 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    return isMobileNumber(digits);
  }

  /** Whether {@code digits} (digits only) is an 11-digit number in an allocated mobile segment. */
  static boolean isMobileNumber(CharSequence digits) {
    if (digits.length() != LENGTH || digits.charAt(0) != '1') {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    int segment = (digits.charAt(1) - '0') * 10 + (digits.charAt(2) - '0');
    return segment >= 30 && !UNALLOCATED[segment];
  }
}
