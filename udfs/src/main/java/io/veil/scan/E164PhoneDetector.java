package io.veil.scan;

/**
 * International phone numbers in E.164 form: {@code +}, an assigned ITU-T country calling code,
 * then the national number, 8 to 15 digits in all, optionally grouped with spaces, hyphens or dots
 * and an area code in parentheses ({@code +1 (415) 555-2671}, {@code +44 20 7946 0958}). Numbers
 * for North America (+1, NANP rules), China (+86: mobile segments, or a landline area code), and a
 * few large plans are checked for their national length; others need 6 to 13 national digits that
 * do not start with a trunk {@code 0} (Italy's, kept after +39, excepted).
 */
public final class E164PhoneDetector implements ValueDetector {
  static final int MAX_DIGITS = 15;
  static final int MIN_DIGITS = 8;
  private static final String SEPARATORS = " -.";

  private static final boolean[] CODES_2 = new boolean[100];
  private static final boolean[] CODES_3 = new boolean[1000];

  static {
    for (int c :
        new int[] {
          20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54,
          55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98
        }) {
      CODES_2[c] = true;
    }
    int[][] ranges = {
      {211, 213}, {216, 216}, {218, 218}, {220, 258}, {260, 269}, {290, 291}, {297, 299},
      {350, 359}, {370, 383}, {385, 387}, {389, 389}, {420, 421}, {423, 423}, {500, 509},
      {590, 599}, {670, 670}, {672, 683}, {685, 692}, {800, 800}, {808, 808}, {850, 850},
      {852, 853}, {855, 856}, {870, 870}, {878, 878}, {880, 883}, {886, 886}, {888, 888},
      {960, 968}, {970, 977}, {979, 979}, {992, 996}, {998, 998}
    };
    for (int[] r : ranges) {
      for (int c = r[0]; c <= r[1]; c++) {
        CODES_3[c] = true;
      }
    }
  }

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public String form() {
    return "e164";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    if (s.length() < MIN_DIGITS + 1 || s.charAt(0) != '+') {
      return false;
    }
    String digits = digitsAfterPlus(s);
    return digits != null && isInternationalNumber(digits);
  }

  /**
   * The digits after the leading {@code +}: groups separated by single separators, where one group
   * may be wrapped in parentheses ({@code (415)}); null for anything else.
   */
  private static String digitsAfterPlus(String s) {
    int open = s.indexOf('(');
    int close = s.indexOf(')');
    String body = s.substring(1);
    if (open >= 0 || close >= 0) {
      if (open < 1
          || close < open + 2
          || s.indexOf('(', open + 1) >= 0
          || s.indexOf(')', close + 1) >= 0) {
        return null;
      }
      // "(415)" becomes "415": the parentheses must sit where a separator could. A trunk
      // prefix in parentheses, "+44 (0)20 ...", is not dialled from abroad and is dropped.
      String inner = s.substring(open + 1, close);
      String before = s.substring(1, open);
      String after = s.substring(close + 1);
      if (before.isEmpty() || after.isEmpty()) {
        return null;
      }
      String b = before.endsWith(" ") ? before : before + " ";
      String a = after.startsWith(" ") || after.startsWith("-") ? after : " " + after;
      body = inner.equals("0") ? (b + a).replace("  ", " ") : b + inner + a;
    }
    return GroupedDigits.digits(body, SEPARATORS);
  }

  /** Whether {@code digits} (country code first, no {@code +}) is a plausible E.164 number. */
  static boolean isInternationalNumber(String digits) {
    int n = digits.length();
    if (n < MIN_DIGITS || n > MAX_DIGITS) {
      return false;
    }
    int code = countryCodeLength(digits);
    if (code == 0) {
      return false;
    }
    String cc = digits.substring(0, code);
    String national = digits.substring(code);
    switch (cc) {
      case "1":
        // NANP: NXX NXX XXXX, N = 2..9
        return national.length() == 10 && national.charAt(0) >= '2' && national.charAt(3) >= '2';
      case "86":
        if (national.length() == ChineseMobileDetector.LENGTH && national.charAt(0) == '1') {
          return ChineseMobileDetector.isMobileNumber(national);
        }
        // Landlines: an area code (10 for Beijing, 2x, 3-digit ones from 3) and the local number.
        return national.length() >= 9
            && national.length() <= 11
            && national.charAt(0) != '0'
            && (national.charAt(0) != '1' || national.startsWith("10"));
      case "7":
        return national.length() == 10;
      case "44":
        return (national.length() == 9 || national.length() == 10) && national.charAt(0) != '0';
      case "33":
        return national.length() == 9 && national.charAt(0) != '0';
      case "49":
        return national.length() >= 6 && national.length() <= 13 && national.charAt(0) != '0';
      case "39":
        return national.length() >= 6 && national.length() <= 11;
      default:
        return national.length() >= 6 && national.length() <= 13 && national.charAt(0) != '0';
    }
  }

  /** Length of the assigned country calling code {@code digits} starts with, or 0. */
  static int countryCodeLength(String digits) {
    char first = digits.charAt(0);
    if (first == '1' || first == '7') {
      return 1;
    }
    if (first == '0') {
      return 0;
    }
    int two = Integer.parseInt(digits.substring(0, 2));
    if (CODES_2[two]) {
      return 2;
    }
    int three = Integer.parseInt(digits.substring(0, 3));
    return CODES_3[three] ? 3 : 0;
  }
}
