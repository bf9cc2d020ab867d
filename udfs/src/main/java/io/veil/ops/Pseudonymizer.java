package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Keyed pseudonyms: {@code prefix + hex(HMAC-SHA256(k, utf8(value)))} cut to {@code length} hex
 * digits, where {@code k} is derived from the configured key for this purpose alone. The same
 * value and key give the same pseudonym in every table and run, so joins on the column still
 * work; without the key nobody can test a guess (a bare hash of a phone number is reversed by
 * hashing all phone numbers).
 */
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Shortest accepted output: 64 bits keeps accidental collisions rare up to ~100M values. */
  public static final int MIN_LENGTH = 16;

  public static final int MAX_LENGTH = 64;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final KeyMaterial macKey;
  private final byte[] prefixUtf8;
  private final int length;
  // Built where the pseudonymizer is used (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  public Pseudonymizer(KeyMaterial key, String prefix, int length) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid pseudonym length " + length + ": accepted " + MIN_LENGTH + " to " + MAX_LENGTH);
    }
    this.macKey = key.derive("pseudonym/hmac-sha256", 32);
    this.prefixUtf8 = (prefix == null ? "" : prefix).getBytes(StandardCharsets.UTF_8);
    this.length = length;
  }

  public String pseudonym(String value) {
    if (value == null) {
      return null;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return new String(pseudonymUtf8(utf8, 0, utf8.length), StandardCharsets.UTF_8);
  }

  /**
   * The UTF-8 bytes of the pseudonym of the value whose UTF-8 bytes are {@code utf8[offset,
   * offset + length)}: the same as {@link #pseudonym} for well-formed UTF-8 ({@link Utf8}), with no
   * Java string in between (Spark's strings are UTF-8 bytes already).
   */
  public byte[] pseudonymUtf8(byte[] utf8, int offset, int length) {
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    byte[] tag = m.mac(utf8, offset, length);
    byte[] pre = prefixUtf8;
    byte[] out = new byte[pre.length + this.length];
    System.arraycopy(pre, 0, out, 0, pre.length);
    int p = pre.length;
    for (int i = 0; p < out.length; i++) {
      int b = tag[i] & 0xff;
      out[p++] = HEX[b >>> 4];
      if (p < out.length) {
        out[p++] = HEX[b & 0x0f];
      }
    }
    return out;
  }
}
