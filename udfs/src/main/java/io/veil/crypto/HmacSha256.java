package io.veil.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, for keyed pseudonyms and integrity tags. Immutable and thread-safe;
 * each thread keeps its own {@link Mac}.
 */
public final class HmacSha256 {
  public static final int TAG_SIZE = 32;
  /** Below 128 bits a MAC key is guessable; Tink draws the same line. */
  public static final int MIN_KEY_SIZE = 16;
  /** Truncated tags shorter than this are refused by {@link #verify}. */
  public static final int MIN_TAG_SIZE = 16;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> perThread;

  /**
   * @param key at least 16 bytes; copied
   * @throws IllegalArgumentException if the key is shorter (the message gives its length only)
   */
  public HmacSha256(byte[] key) {
    if (key == null || key.length < MIN_KEY_SIZE) {
      throw new IllegalArgumentException(
          "HMAC-SHA256 needs a key of at least 16 bytes, got "
              + (key == null ? 0 : key.length)
              + " bytes");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.perThread = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up HMAC-SHA256: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The 32-byte tag of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac(data, 0, data.length);
  }

  /** The 32-byte tag of {@code data[offset, offset + length)}. */
  public byte[] mac(byte[] data, int offset, int length) {
    Mac mac = perThread.get();
    mac.update(data, offset, length);
    return mac.doFinal();
  }

  /**
   * Checks a tag in constant time. A tag of 16 to 32 bytes is compared with that prefix of the
   * full tag (truncated HMAC, RFC 2104 section 5); any other length does not verify.
   */
  public boolean verify(byte[] tag, byte[] data) {
    if (tag == null || tag.length < MIN_TAG_SIZE || tag.length > TAG_SIZE) {
      return false;
    }
    byte[] full = mac(data);
    byte[] prefix = tag.length == TAG_SIZE ? full : java.util.Arrays.copyOf(full, tag.length);
    return MessageDigest.isEqual(prefix, tag);
  }

  @Override
  public String toString() {
    return "HmacSha256[]";
  }
}
