package io.veil.scan;

/**
 * IPv6 addresses in the text forms of RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one
 * run of groups compressed to {@code ::}, the last two groups optionally written as an IPv4 address
 * ({@code ::ffff:192.0.2.1}); a zone ({@code %eth0}) or prefix length ({@code /64}) may follow.
 * Parsed, never resolved: nothing here touches the network.
 */
public final class Ipv6AddressDetector implements ValueDetector {

  @Override
  public PiiType type() {
    return PiiType.IP_ADDRESS;
  }

  @Override
  public String form() {
    return "ipv6";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    int slash = s.indexOf('/');
    if (slash >= 0) {
      String bits = s.substring(slash + 1);
      if (bits.isEmpty()
          || bits.length() > 3
          || !bits.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(bits) > 128
          || (bits.length() > 1 && bits.charAt(0) == '0')) {
        return false;
      }
      s = s.substring(0, slash);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      if (zone == s.length() - 1) {
        return false;
      }
      s = s.substring(0, zone);
    }
    return isAddress(s);
  }

  /** Whether {@code s} is exactly an IPv6 address (no zone, no prefix length). */
  static boolean isAddress(String s) {
    if (s.length() < 2 || s.length() > 45) {
      return false;
    }
    int compressed = s.indexOf("::");
    if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    if (compressed < 0) {
      return groups(s, 0, s.length(), true) == 8;
    }
    int head = compressed == 0 ? 0 : groups(s, 0, compressed, false);
    int tail = compressed + 2 == s.length() ? 0 : groups(s, compressed + 2, s.length(), true);
    return head >= 0 && tail >= 0 && head + tail <= 7;
  }

  /**
   * The number of 16-bit groups in {@code s[from, to)}: hex groups separated by single colons, the
   * last one, when {@code ipv4Last}, possibly a dotted IPv4 address counting two; -1 if malformed.
   */
  private static int groups(String s, int from, int to, boolean ipv4Last) {
    int count = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == ':') {
        int length = i - start;
        if (i == to && ipv4Last && s.indexOf('.', start) >= 0 && s.indexOf('.', start) < to) {
          if (!Ipv4AddressDetector.isAddress(s, start, to)) {
            return -1;
          }
          return count + 2;
        }
        if (length < 1 || length > 4) {
          return -1;
        }
        for (int k = start; k < i; k++) {
          if (!isHexDigit(s.charAt(k))) {
            return -1;
          }
        }
        count++;
        start = i + 1;
      }
    }
    return count;
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
