package io.veil.scan;

/**
 * Hardware (MAC, EUI-48) addresses as operating systems and network gear print them: six pairs of
 * hex digits joined by colons or by hyphens, the same separator throughout ({@code
 * 00:1a:2b:3c:4d:5e}, {@code 00-1A-2B-3C-4D-5E}), or Cisco's three dotted groups of four ({@code
 * 001a.2b3c.4d5e}). Either case. Twelve bare hex digits are not accepted: hashes and keys look the
 * same. The all-zero address and the broadcast address {@code ff:ff:ff:ff:ff:ff} are not accepted
 * either: they name no device.
 */
public final class MacAddressDetector implements ValueDetector {
  /** {@code 00:1a:2b:3c:4d:5e}. */
  static final int PAIRS_LENGTH = 17;

  /** {@code 001a.2b3c.4d5e}. */
  static final int DOTTED_LENGTH = 14;

  @Override
  public PiiType type() {
    return PiiType.MAC_ADDRESS;
  }

  @Override
  public String form() {
    return "mac";
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
   * The end (exclusive) of a MAC address written in {@code text} from exactly {@code from}, or -1.
   * Whether it ends at a word boundary is the caller's to check, but the address must not run on
   * with its own separator and another group ({@code 00:1a:2b:3c:4d:5e:6f}, an IPv6 address with
   * two-digit groups): the whole is then something longer than an address.
   */
  public static int matchAt(CharSequence text, int from) {
    if (from < 0) {
      return -1;
    }
    int n = text.length();
    int end;
    char separator;
    if (n - from >= DOTTED_LENGTH && text.charAt(from + 4) == '.') {
      separator = '.';
      end = from + DOTTED_LENGTH;
    } else if (n - from >= PAIRS_LENGTH) {
      separator = text.charAt(from + 2);
      if (separator != ':' && separator != '-') {
        return -1;
      }
      end = from + PAIRS_LENGTH;
    } else {
      return -1;
    }
    // Every fifth (dotted) or third (pairs) character is the separator, the rest hex digits.
    int stride = separator == '.' ? 5 : 3;
    boolean allZero = true;
    boolean allOnes = true;
    for (int i = from; i < end; i++) {
      char c = text.charAt(i);
      if ((i - from) % stride == stride - 1) {
        if (c != separator) {
          return -1;
        }
        continue;
      }
      int nibble = hex(c);
      if (nibble < 0) {
        return -1;
      }
      allZero &= nibble == 0;
      allOnes &= nibble == 15;
    }
    if (allZero || allOnes) {
      return -1;
    }
    if (end < n && text.charAt(end) == separator && end + 1 < n) {
      char next = text.charAt(end + 1);
      if (next == separator || hex(next) >= 0) {
        return -1;
      }
    }
    return end;
  }

  /** The value of an ASCII hex digit, or -1. */
  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
