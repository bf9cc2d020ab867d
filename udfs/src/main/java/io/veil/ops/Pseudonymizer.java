package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Keyed pseudonyms: {@code prefix + hex(HMAC-SHA256(k, utf8(value)))} cut to {@code length} hex
 * digits, where {@code k} is derived from the configured key for this purpose alone. The same value
 * and key give the same pseudonym in every table and run, so joins on the column still work;
 * without the key nobody can test a guess (a bare hash of a phone number is reversed by hashing all
 * phone numbers).
 *
 * <p>An optional context (a column's role, {@code "crm.email"}) gives pseudonyms that do not link
 * to the same value's pseudonyms under another context or under none: {@code k} is then derived for
 * that context. A per-context key rather than the context written before each value
 * (length-prefixed) in the HMAC input: context-free pseudonyms hash the bare value, so some value
 * whose bytes spell a length, a context and another value would hash to that other value's
 * pseudonym in the context; separate HKDF keys share nothing, keep context-free pseudonyms as they
 * were, and cost nothing per value. The context is the last component of the HKDF info, {@code
 * veil/v1/pseudonym/hmac-sha256/context/<context>}, so each context has its own info, none equal to
 * the context-free {@code veil/v1/pseudonym/hmac-sha256} or to another purpose's.
 */
public final class Pseudonymizer implements Serializable {
  /**
   * Configured keys for pseudonyms and fake values below this many bytes are refused: HMAC-SHA256
   * wants a 256-bit key.
   */
  public static final int MIN_KEY_SIZE = 32;

  private static final long serialVersionUID = 1L;

  /**
   * Shortest accepted output: 80 bits. Among 10^9 distinct values, two share a pseudonym with
   * probability about 4 * 10^-7 (64 bits: 2.7%, which would merge two people in one table in 37).
   */
  public static final int MIN_LENGTH = 20;

  public static final int MAX_LENGTH = 64;

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static final String PURPOSE = "pseudonym/hmac-sha256";

  private final KeyMaterial macKey;
  private final byte[] prefixUtf8;
  private final int length;
  private final String context;
  // Built where the pseudonymizer is used (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  /** Pseudonyms with no context: the same value gives the same pseudonym in every column. */
  public Pseudonymizer(KeyMaterial key, String prefix, int length) {
    this(key, prefix, length, null);
  }

  /**
   * @param context null for none; otherwise pseudonyms only equal those made with the same context
   * @throws IllegalArgumentException for a length outside {@link #MIN_LENGTH}..{@link #MAX_LENGTH}
   *     or an empty context
   */
  public Pseudonymizer(KeyMaterial key, String prefix, int length, String context) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid pseudonym length " + length + ": accepted " + MIN_LENGTH + " to " + MAX_LENGTH);
    }
    checkContext(context);
    this.macKey = key.derive(context == null ? PURPOSE : PURPOSE + "/context/" + context, 32);
    this.prefixUtf8 = (prefix == null ? "" : prefix).getBytes(StandardCharsets.UTF_8);
    this.length = length;
    this.context = context;
  }

  /**
   * @throws IllegalArgumentException for an empty context: none is written by leaving it out
   */
  public static void checkContext(String context) {
    if (context != null && context.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid pseudonym context: it is empty (leave it out for none)");
    }
  }

  /** The context these pseudonyms are bound to, or null. */
  public String context() {
    return context;
  }

  public String pseudonym(String value) {
    if (value == null) {
      return null;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return new String(pseudonymUtf8(utf8, 0, utf8.length), StandardCharsets.UTF_8);
  }

  /**
   * The UTF-8 bytes of the pseudonym of the value whose UTF-8 bytes are {@code utf8[offset, offset
   * + length)}: the same as {@link #pseudonym} for well-formed UTF-8 ({@link Utf8}), with no Java
   * string in between (Spark's strings are UTF-8 bytes already).
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
