package io.veil.scan;

/**
 * A position on Earth as a latitude/longitude pair, in one of two forms, each its own detector:
 *
 * <ul>
 *   <li>{@link #decimalDegrees() lat-long}: signed decimal degrees, latitude first, separated by a
 *       comma, a space, or both ({@code 37.7749, -122.4194}, {@code 37.7749,-122.4194}, {@code
 *       37.7749 -122.4194}), optionally in parentheses or brackets. Latitude is within ±90,
 *       longitude within ±180, and each has at least {@value #MIN_DECIMALS} decimal places: that is
 *       the precision a GPS fix is written with (about 100 m), while prices have two decimals and
 *       version numbers more dots. {@code 0.000, 0.000} is not accepted: it is the placeholder for
 *       "no position", and names no place.
 *   <li>{@link #degreesMinutesSeconds() dms}: degrees, minutes and seconds with a hemisphere
 *       letter, latitude ({@code N}/{@code S}) first ({@code 40°26'46"N 79°58'56"W}): minutes and
 *       seconds below 60, seconds possibly with decimals, minutes marked with {@code '} or {@code
 *       ′} and seconds with {@code "}, {@code ″} or {@code ''} (word processors' curly quotes too),
 *       a single space allowed after each mark and before the letter, and a comma, a space or
 *       nothing between the two halves.
 * </ul>
 *
 * <p>{@link #isCoordinate} checks a single latitude or longitude (a {@code lat} or {@code lng}
 * column's value) by the same decimal rules.
 */
public final class GeoCoordinatesDetector implements ValueDetector {
  /** Decimal places a decimal-degree value needs: GPS precision, more than a price's two. */
  static final int MIN_DECIMALS = 3;

  private static final int MAX_LATITUDE = 90;
  private static final int MAX_LONGITUDE = 180;

  private final boolean dms;

  private GeoCoordinatesDetector(boolean dms) {
    this.dms = dms;
  }

  /** Pairs in signed decimal degrees, form {@code lat-long}. */
  public static GeoCoordinatesDetector decimalDegrees() {
    return new GeoCoordinatesDetector(false);
  }

  /** Pairs in degrees, minutes and seconds with hemisphere letters, form {@code dms}. */
  public static GeoCoordinatesDetector degreesMinutesSeconds() {
    return new GeoCoordinatesDetector(true);
  }

  @Override
  public PiiType type() {
    return PiiType.GEO_COORDINATES;
  }

  @Override
  public String form() {
    return dms ? "dms" : "lat-long";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return (dms ? matchDmsAt(s, 0) : matchDecimalAt(s, 0)) == s.length();
  }

  /**
   * Whether {@code value} (surrounding blanks aside) is a single latitude ({@code latitude}) or
   * longitude in signed decimal degrees, in range and with at least {@value #MIN_DECIMALS} decimal
   * places.
   */
  public static boolean isCoordinate(String value, boolean latitude) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return degreesEnd(s, 0, latitude ? MAX_LATITUDE : MAX_LONGITUDE) == s.length();
  }

  /**
   * The end (exclusive) of a coordinate pair in either form written in {@code text} from exactly
   * {@code from}, or -1. The forms cannot both start at one place (decimal degrees have a dot where
   * the other has a degree sign).
   */
  public static int matchAt(CharSequence text, int from) {
    int end = matchDecimalAt(text, from);
    return end >= 0 ? end : matchDmsAt(text, from);
  }

  /**
   * The end (exclusive) of a decimal-degree pair written in {@code text} from exactly {@code from},
   * or -1. Whether it ends at a word boundary is the caller's to check, but the longitude must not
   * run on with a dot and a digit ({@code -122.4194.5} is a dotted number, not degrees).
   */
  public static int matchDecimalAt(CharSequence text, int from) {
    int n = text.length();
    if (from < 0 || from >= n) {
      return -1;
    }
    char first = text.charAt(from);
    char close = first == '(' ? ')' : first == '[' ? ']' : 0;
    int latitudeFrom = close == 0 ? from : from + 1;
    int latitudeEnd = degreesEnd(text, latitudeFrom, MAX_LATITUDE);
    if (latitudeEnd < 0) {
      return -1;
    }
    int i = latitudeEnd;
    boolean separated = false;
    if (i < n && text.charAt(i) == ' ') {
      i++;
      separated = true;
    }
    if (i < n && text.charAt(i) == ',') {
      i++;
      separated = true;
      if (i < n && text.charAt(i) == ' ') {
        i++;
      }
    }
    if (!separated) {
      return -1;
    }
    int longitudeFrom = i;
    int longitudeEnd = degreesEnd(text, longitudeFrom, MAX_LONGITUDE);
    if (longitudeEnd < 0
        || (isZero(text, latitudeFrom, latitudeEnd) && isZero(text, longitudeFrom, longitudeEnd))) {
      return -1;
    }
    if (close == 0) {
      return longitudeEnd;
    }
    return longitudeEnd < n && text.charAt(longitudeEnd) == close ? longitudeEnd + 1 : -1;
  }

  /**
   * The end (exclusive) of a degrees-minutes-seconds pair written in {@code text} from exactly
   * {@code from}, or -1. Whether it ends at a word boundary is the caller's to check.
   */
  public static int matchDmsAt(CharSequence text, int from) {
    if (from < 0) {
      return -1;
    }
    int i = dmsEnd(text, from, true);
    if (i < 0) {
      return -1;
    }
    if (i < text.length() && text.charAt(i) == ',') {
      i++;
    }
    if (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return dmsEnd(text, i, false);
  }

  /**
   * The end of signed decimal degrees at {@code i}, at most {@code max} in size, with at least
   * {@value #MIN_DECIMALS} decimals; or -1.
   */
  private static int degreesEnd(CharSequence text, int i, int max) {
    int n = text.length();
    if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
      i++;
    }
    int wholeEnd = digitsEnd(text, i, 3);
    if (wholeEnd < 0 || wholeEnd >= n || text.charAt(wholeEnd) != '.') {
      return -1;
    }
    int whole = number(text, i, wholeEnd);
    int fractionEnd = digitsEnd(text, wholeEnd + 1, Integer.MAX_VALUE);
    if (fractionEnd < 0 || fractionEnd - (wholeEnd + 1) < MIN_DECIMALS) {
      return -1;
    }
    if (whole > max || (whole == max && !isZero(text, wholeEnd + 1, fractionEnd))) {
      return -1;
    }
    // A further dot and digit make a version or a dotted number (1.234.5), not degrees.
    if (fractionEnd + 1 < n
        && text.charAt(fractionEnd) == '.'
        && isDigit(text.charAt(fractionEnd + 1))) {
      return -1;
    }
    return fractionEnd;
  }

  /** The end of one half of a DMS pair at {@code i}: {@code 40°26'46"N}; or -1. */
  private static int dmsEnd(CharSequence text, int i, boolean latitude) {
    int n = text.length();
    int degreesEnd = digitsEnd(text, i, 3);
    if (degreesEnd < 0 || degreesEnd >= n || !isDegreeSign(text.charAt(degreesEnd))) {
      return -1;
    }
    int degrees = number(text, i, degreesEnd);
    i = skipSpace(text, degreesEnd + 1);
    int minutesEnd = digitsEnd(text, i, 2);
    if (minutesEnd < 0 || minutesEnd >= n || !isMinuteMark(text.charAt(minutesEnd))) {
      return -1;
    }
    int minutes = number(text, i, minutesEnd);
    i = skipSpace(text, minutesEnd + 1);
    int secondsEnd = digitsEnd(text, i, 2);
    if (secondsEnd < 0) {
      return -1;
    }
    int seconds = number(text, i, secondsEnd);
    boolean fractionOfASecond = false;
    i = secondsEnd;
    if (i < n && text.charAt(i) == '.') {
      int fractionEnd = digitsEnd(text, i + 1, Integer.MAX_VALUE);
      if (fractionEnd < 0) {
        return -1;
      }
      fractionOfASecond = !isZero(text, i + 1, fractionEnd);
      i = fractionEnd;
    }
    i = secondsMarkEnd(text, i);
    if (i < 0) {
      return -1;
    }
    i = skipSpace(text, i);
    if (i >= n) {
      return -1;
    }
    char hemisphere = text.charAt(i);
    boolean known =
        latitude ? hemisphere == 'N' || hemisphere == 'S' : hemisphere == 'E' || hemisphere == 'W';
    int max = latitude ? MAX_LATITUDE : MAX_LONGITUDE;
    if (!known
        || minutes >= 60
        || seconds >= 60
        || degrees > max
        || (degrees == max && (minutes > 0 || seconds > 0 || fractionOfASecond))) {
      return -1;
    }
    return i + 1;
  }

  /** The end of a seconds mark at {@code i}, or -1. */
  private static int secondsMarkEnd(CharSequence text, int i) {
    if (i >= text.length()) {
      return -1;
    }
    char c = text.charAt(i);
    // ", double prime, right double quotation mark (what word processors make of ").
    if (c == '"' || c == '\u2033' || c == '\u201d') {
      return i + 1;
    }
    // Two apostrophes, as typed where " is awkward.
    return c == '\'' && i + 1 < text.length() && text.charAt(i + 1) == '\'' ? i + 2 : -1;
  }

  /** Degree sign, or the masculine ordinal indicator often typed for it. */
  private static boolean isDegreeSign(char c) {
    return c == '\u00b0' || c == '\u00ba';
  }

  /** Apostrophe, prime, or right single quotation mark (what word processors make of '). */
  private static boolean isMinuteMark(char c) {
    return c == '\'' || c == '\u2032' || c == '\u2019';
  }

  /**
   * The end of the run of ASCII digits at {@code i}, or -1 when there is none or it is longer than
   * {@code maxDigits}.
   */
  private static int digitsEnd(CharSequence text, int i, int maxDigits) {
    int end = i;
    while (end < text.length() && isDigit(text.charAt(end))) {
      end++;
      if (end - i > maxDigits) {
        return -1;
      }
    }
    return end > i ? end : -1;
  }

  /** The digits {@code text[from, to)} as a number (at most three of them). */
  private static int number(CharSequence text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    return n;
  }

  /** Whether {@code text[from, to)} has no digit but 0 (signs and the point aside). */
  private static boolean isZero(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '1' && c <= '9') {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(CharSequence text, int i) {
    return i < text.length() && text.charAt(i) == ' ' ? i + 1 : i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
