package io.veil.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 under one key, for keyed pseudonyms and integrity tags. Immutable and thread-safe.
 *
 * <p>Each thread keeps SHA-256 states that have already absorbed the key's inner and outer pad
 * blocks (RFC 2104) and copies them per message, so a short message costs two compression rounds.
 * The JDK's {@code javax.crypto.Mac} recompresses the pad blocks on every call, four rounds in all;
 * the copies measured 2x faster here. The Wycheproof vectors pin the result.
 */
public final class HmacSha256 {
  public static final int TAG_SIZE = 32;

  /** Below 128 bits a MAC key is guessable; Tink draws the same line. */
  public static final int MIN_KEY_SIZE = 16;

  /** Truncated tags shorter than this are refused by {@link #verify}. */
  public static final int MIN_TAG_SIZE = 16;

  private static final int BLOCK = 64;

  private final byte[] innerPad;
  private final byte[] outerPad;
  private final ThreadLocal<Pads> perThread;

  /** Per-thread digests after the pad blocks. Static: it must not pin the HmacSha256 (and key). */
  private static final class Pads {
    final MessageDigest inner;
    final MessageDigest outer;

    Pads(byte[] innerPad, byte[] outerPad) {
      inner = sha256();
      inner.update(innerPad);
      outer = sha256();
      outer.update(outerPad);
    }
  }

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
    byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
    byte[] in = new byte[BLOCK];
    byte[] out = new byte[BLOCK];
    for (int i = 0; i < BLOCK; i++) {
      byte b = i < k.length ? k[i] : 0;
      in[i] = (byte) (b ^ 0x36);
      out[i] = (byte) (b ^ 0x5c);
    }
    this.innerPad = in;
    this.outerPad = out;
    byte[] ip = innerPad;
    byte[] op = outerPad;
    this.perThread = ThreadLocal.withInitial(() -> new Pads(ip, op));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The 32-byte tag of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac(data, 0, data.length);
  }

  /** The 32-byte tag of {@code data[offset, offset + length)}. */
  public byte[] mac(byte[] data, int offset, int length) {
    Pads pads = perThread.get();
    MessageDigest inner = copy(pads.inner);
    inner.update(data, offset, length);
    MessageDigest outer = copy(pads.outer);
    outer.update(inner.digest());
    return outer.digest();
  }

  private static MessageDigest copy(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digests of this JDK cannot be copied", e);
    }
  }

  /**
   * Checks a tag in constant time. A tag of 16 to 32 bytes is compared with that prefix of the full
   * tag (truncated HMAC, RFC 2104 section 5); any other length does not verify.
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
