package io.veil.scan;

/**
 * E-mail addresses in the common dot-atom form of RFC 5322 ({@code local@domain}): a local part of
 * at most 64 characters (letters, digits, {@code !#$%&'*+/=?^_`{|}~-} and non-ASCII letters of RFC
 * 6531; dots only between them) and a domain name of at least two labels of at most 63 letters,
 * digits or inner hyphens, whose top-level label is alphabetic or an IDN {@code xn--} label; 254
 * characters at most. Quoted local parts and IP-literal domains are not recognised: they are
 * vanishingly rare in data and common in false positives.
 */
public final class EmailDetector implements ValueDetector {
  static final int MAX_LENGTH = 254;
  static final int MAX_LOCAL_LENGTH = 64;
  private static final String ATEXT_SPECIALS = "!#$%&'*+/=?^_`{|}~-";

  @Override
  public PiiType type() {
    return PiiType.EMAIL;
  }

  @Override
  public String form() {
    return "email";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    if (s.length() < 6 || s.length() > MAX_LENGTH) {
      return false;
    }
    int at = s.indexOf('@');
    return at > 0
        && at == s.lastIndexOf('@')
        && isLocalPart(s, 0, at)
        && isDomain(s, at + 1, s.length());
  }

  /** Whether {@code s[from, to)} is a dot-atom local part. */
  static boolean isLocalPart(CharSequence s, int from, int to) {
    int length = to - from;
    if (length < 1
        || length > MAX_LOCAL_LENGTH
        || s.charAt(from) == '.'
        || s.charAt(to - 1) == '.') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (s.charAt(i - 1) == '.') {
          return false;
        }
      } else if (!isAtext(c)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[from, to)} is a domain name of two or more labels. */
  static boolean isDomain(CharSequence s, int from, int to) {
    if (to - from < 4 || to - from > 253) {
      return false;
    }
    int labels = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        if (!isLabel(s, start, i)) {
          return false;
        }
        labels++;
        if (i == to) {
          return labels >= 2 && isTopLevelLabel(s, start, i);
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean isLabel(CharSequence s, int from, int to) {
    if (to - from < 1 || to - from > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '-' || (c >= 0x80 && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTopLevelLabel(CharSequence s, int from, int to) {
    if (to - from >= 4 && s.subSequence(from, from + 4).toString().equalsIgnoreCase("xn--")) {
      return true;
    }
    if (to - from < 2) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!Character.isLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isAtext(char c) {
    return isAsciiLetterOrDigit(c)
        || ATEXT_SPECIALS.indexOf(c) >= 0
        || (c >= 0x80 && Character.isLetterOrDigit(c));
  }

  static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
