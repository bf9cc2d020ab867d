package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * A keyed offset per person, for shifting dates: {@code HMAC-SHA256(k, utf8(by))} picks an offset
 * uniformly among {@code -max..-min} and {@code min..max} (never 0), where {@code k} is derived
 * from the configured key for this purpose alone and {@code by} is the person's identifier as text.
 * The same person gets the same offset in every column, table and run, so the intervals between
 * their dates survive while the dates do not; without the key nobody can compute an offset.
 *
 * <p>The first 8 bytes of the tag, as an unsigned number, are reduced modulo the {@code 2 * (max -
 * min + 1)} offsets: the bias is below {@code 2^-30} for any range this class takes, far below what
 * a table could show.
 */
public final class DateShift implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The largest offset accepted, in days: a century either way. */
  public static final int MAX_DAYS = 36_500;

  private static final String PURPOSE = "shift/hmac-sha256";

  private final KeyMaterial macKey;
  private final long min;
  private final long count;
  // Built where the shift is used (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  /**
   * @param min the smallest offset either way, at least 1
   * @param max the largest, at least {@code min}; both in the caller's unit (days or seconds)
   */
  public DateShift(KeyMaterial key, long min, long max) {
    if (min < 1 || max < min || max > MAX_DAYS * 86_400L) {
      throw new IllegalArgumentException(
          "Invalid shift range " + min + " to " + max + ": need 1 <= min <= max");
    }
    this.macKey = key.derive(PURPOSE, 32);
    this.min = min;
    this.count = max - min + 1;
  }

  /** The offset for the person whose identifier is {@code by}; never 0. */
  public long offset(String by) {
    byte[] utf8 = by.getBytes(StandardCharsets.UTF_8);
    return offsetUtf8(utf8, 0, utf8.length);
  }

  /** The offset for an identifier given as UTF-8 bytes. */
  public long offsetUtf8(byte[] utf8, int offset, int length) {
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    byte[] tag = m.mac(utf8, offset, length);
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r = (r << 8) | (tag[i] & 0xff);
    }
    long pick = Long.remainderUnsigned(r, 2 * count);
    return pick < count ? -(min + pick) : min + (pick - count);
  }

  @Override
  public String toString() {
    return "DateShift(" + min + ".." + (min + count - 1) + ")"; // never the key
  }
}
