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

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final KeyMaterial macKey;
  private final String prefix;
  private final int length;
  // Built where the pseudonymizer is used (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  public Pseudonymizer(KeyMaterial key, String prefix, int length) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid pseudonym length " + length + ": accepted " + MIN_LENGTH + " to " + MAX_LENGTH);
    }
    this.macKey = key.derive("pseudonym/hmac-sha256", 32);
    this.prefix = prefix == null ? "" : prefix;
    this.length = length;
  }

  public String pseudonym(String value) {
    if (value == null) {
      return null;
    }
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    byte[] tag = m.mac(value.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[prefix.length() + length];
    prefix.getChars(0, prefix.length(), out, 0);
    int p = prefix.length();
    for (int i = 0; p < out.length; i++) {
      int b = tag[i] & 0xff;
      out[p++] = HEX[b >>> 4];
      if (p < out.length) {
        out[p++] = HEX[b & 0x0f];
      }
    }
    return new String(out);
  }
}
