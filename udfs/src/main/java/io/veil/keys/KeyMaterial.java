package io.veil.keys;

import io.veil.crypto.Hkdf;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Secret key bytes, kept opaque: {@link #toString()} says only the length, and no exception or log
 * line of Veil's ever formats the bytes. Instances travel to Spark executors inside the serialized
 * operations; clusters that share executors should enable Spark's RPC and I/O encryption ({@code
 * spark.network.crypto.enabled}, {@code spark.io.encryption.enabled}).
 */
public final class KeyMaterial implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;

  private KeyMaterial(byte[] bytes) {
    this.bytes = bytes;
  }

  public static KeyMaterial of(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("Key material must not be empty");
    }
    return new KeyMaterial(bytes.clone());
  }

  /**
   * A key of the first {@code length} bytes of {@code bytes}, copied: the caller zeroes its array.
   */
  static KeyMaterial of(byte[] bytes, int length) {
    if (length <= 0 || length > bytes.length) {
      throw new IllegalArgumentException("Key material must not be empty");
    }
    return new KeyMaterial(java.util.Arrays.copyOf(bytes, length));
  }

  /** A fresh random key of {@code length} bytes from the platform's strong source. */
  public static KeyMaterial random(int length) {
    byte[] b = new byte[length];
    new SecureRandom().nextBytes(b);
    return new KeyMaterial(b);
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the raw bytes, for a cipher's constructor; callers must not keep or print them. */
  public byte[] copyBytes() {
    return bytes.clone();
  }

  /**
   * A subkey for one purpose (HKDF-SHA256, RFC 5869, info {@code "veil/v1/" + purpose}), so that
   * one configured key never feeds two algorithms with the same bytes: a pseudonym's HMAC key and
   * an AES-SIV key derived from the same master key are unrelated.
   */
  public KeyMaterial derive(String purpose, int length) {
    byte[] info = ("veil/v1/" + purpose).getBytes(StandardCharsets.UTF_8);
    return new KeyMaterial(Hkdf.derive(bytes, new byte[0], info, length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyMaterial
        && java.security.MessageDigest.isEqual(bytes, ((KeyMaterial) o).bytes);
  }

  /**
   * The length alone: a hash of the bytes would be a short, fast-to-test digest of the key, and
   * hash codes end up in logs, heap dumps and timing. Keys are rarely hashed, so collisions cost
   * nothing.
   */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + bytes.length + " bytes, redacted]";
  }
}
