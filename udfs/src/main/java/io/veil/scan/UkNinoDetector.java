package io.veil.scan;

/**
 * United Kingdom National Insurance numbers: a two-letter prefix, six digits and a suffix letter
 * {@code A} to {@code D}, in either case. Written solid ({@code AB123456C}) or spaced as HMRC
 * prints them ({@code AB 12 34 56 C}): the digits as one block or as three pairs, the prefix and
 * the suffix each optionally set off by a single space.
 *
 * <p>The prefix follows HMRC's allocation rules: {@code D, F, I, Q, U, V} are never used as either
 * letter, {@code O} never as the second, and {@code BG, GB, KN, NK, NT, TN, ZZ} are not allocated.
 * So {@code QQ123456C}, the number in HMRC's own examples, is not accepted, nor are postcodes
 * ({@code SW1A 1AA}) or car registrations ({@code AB12 CDE}), which break the digit run.
 */
public final class UkNinoDetector implements ValueDetector {
  /** Solid form, {@code AB123456C}: the shortest. */
  static final int MIN_LENGTH = 9;

  @Override
  public PiiType type() {
    return PiiType.UK_NINO;
  }

  @Override
  public String form() {
    return "uk-nino";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return matchAt(s, 0) == s.length();
  }

  /**
   * The end (exclusive) of a valid National Insurance number written in {@code text} from exactly
   * {@code from}, or -1. Whether it ends at a word boundary is the caller's to check.
   */
  public static int matchAt(CharSequence text, int from) {
    int n = text.length();
    if (from < 0 || n - from < MIN_LENGTH) {
      return -1;
    }
    if (!isAllocatedPrefix(upper(text.charAt(from)), upper(text.charAt(from + 1)))) {
      return -1;
    }
    int i = skipSpace(text, from + 2);
    if (!isDigitPair(text, i)) {
      return -1;
    }
    i += 2;
    // One space after the first pair means the digits are written as pairs: both gaps spaced.
    boolean pairs = i + 1 < n && text.charAt(i) == ' ' && isDigit(text.charAt(i + 1));
    for (int pair = 0; pair < 2; pair++) {
      if (pairs) {
        if (i >= n || text.charAt(i) != ' ') {
          return -1;
        }
        i++;
      }
      if (!isDigitPair(text, i)) {
        return -1;
      }
      i += 2;
    }
    i = skipSpace(text, i);
    if (i >= n) {
      return -1;
    }
    char suffix = upper(text.charAt(i));
    return suffix >= 'A' && suffix <= 'D' ? i + 1 : -1;
  }

  /**
   * {@link #allocated} for every pair of capitals, indexed by {@code (first - 'A') * 26 + second -
   * 'A'}: redact tries every word of a note as a prefix, and the rules' string searches were a
   * tenth of its time.
   */
  private static final boolean[] ALLOCATED = new boolean[26 * 26];

  static {
    for (char first = 'A'; first <= 'Z'; first++) {
      for (char second = 'A'; second <= 'Z'; second++) {
        ALLOCATED[(first - 'A') * 26 + second - 'A'] = allocated(first, second);
      }
    }
  }

  /** Whether HMRC allocates numbers with prefix {@code first second} (upper case). */
  static boolean isAllocatedPrefix(char first, char second) {
    if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
      return false;
    }
    return ALLOCATED[(first - 'A') * 26 + second - 'A'];
  }

  /** HMRC's rules for a prefix of two capitals. */
  private static boolean allocated(char first, char second) {
    if ("DFIQUV".indexOf(first) >= 0 || "DFIOQUV".indexOf(second) >= 0) {
      return false;
    }
    return switch (first) {
      case 'B' -> second != 'G';
      case 'G' -> second != 'B';
      case 'K' -> second != 'N';
      case 'N' -> second != 'K' && second != 'T';
      case 'T' -> second != 'N';
      case 'Z' -> second != 'Z';
      default -> true;
    };
  }

  /** {@code i} past one space there, if there is one. */
  private static int skipSpace(CharSequence text, int i) {
    return i < text.length() && text.charAt(i) == ' ' ? i + 1 : i;
  }

  private static boolean isDigitPair(CharSequence text, int i) {
    return i + 1 < text.length() && isDigit(text.charAt(i)) && isDigit(text.charAt(i + 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** ASCII upper case; other characters unchanged (and then rejected as letters). */
  private static char upper(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }
}
