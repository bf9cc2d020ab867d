package io.veil.scan;

/**
 * IPv4 addresses in dotted-decimal form: four decimal parts from 0 to 255 without leading zeros
 * (which some parsers read as octal), optionally with a prefix length ({@code 10.0.0.0/8}). Parsed,
 * never resolved: nothing here touches the network.
 */
public final class Ipv4AddressDetector implements ValueDetector {

  @Override
  public PiiType type() {
    return PiiType.IP_ADDRESS;
  }

  @Override
  public String form() {
    return "ipv4";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    int slash = s.indexOf('/');
    if (slash >= 0) {
      int bits = smallNumber(s, slash + 1, s.length());
      if (bits < 0 || bits > 32) {
        return false;
      }
      s = s.substring(0, slash);
    }
    return isAddress(s, 0, s.length());
  }

  /** Whether {@code s[from, to)} is exactly a dotted-decimal IPv4 address. */
  static boolean isAddress(CharSequence s, int from, int to) {
    int parts = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        int part = smallNumber(s, start, i);
        if (part < 0 || part > 255) {
          return false;
        }
        parts++;
        start = i + 1;
      }
    }
    return parts == 4;
  }

  /** The decimal number in {@code s[from, to)} (1 to 3 digits, no leading zero), or -1. */
  private static int smallNumber(CharSequence s, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 3 || (length > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
