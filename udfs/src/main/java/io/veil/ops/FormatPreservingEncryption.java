package io.veil.ops;

import io.veil.crypto.Alphabet;
import io.veil.crypto.FormatPreservingCipher;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * NIST FF1 on one column's strings: characters of the alphabet are encrypted, every other character
 * (a phone number's dashes, an ID number's final X under the digits alphabet) stays in place, and
 * the output has the input's length. The context is the FF1 tweak, so one value encrypts
 * differently in columns with different contexts. FF1 output has no room for a key version: the
 * version used is recorded in the column's metadata instead.
 */
public final class FormatPreservingEncryption implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Configured key size (AES-256); the FF1 key itself is derived from it. */
  public static final int KEY_SIZE = 32;

  private final KeyMaterial key;
  private final String alphabet;
  private final byte[] tweak;
  private transient FormatPreservingCipher cipher;

  /**
   * @param key the configured key version's bytes (32); an FF1 key is derived for this purpose
   * @param alphabet the characters forming numerals, in order
   * @param context the FF1 tweak; null for none
   */
  public FormatPreservingEncryption(KeyMaterial key, Alphabet alphabet, String context) {
    if (key.length() != KEY_SIZE) {
      throw new IllegalArgumentException(
          "has "
              + key.length()
              + " bytes, expected "
              + KEY_SIZE
              + " for format-preserving encryption");
    }
    this.key = key.derive("format-preserving/ff1", 32);
    this.alphabet = alphabet.characters();
    this.tweak = context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
    this.cipher = new FormatPreservingCipher(this.key.copyBytes(), alphabet);
  }

  /**
   * @throws FormatPreservingCipher.DomainTooSmallException when the value has too few alphabet
   *     characters for FF1's minimum domain of 1,000,000
   * @throws FormatPreservingCipher.ValueTooLongException when it has more than {@link
   *     FormatPreservingCipher#MAX_LENGTH}: FF1's time grows with the square of the length
   */
  public String encrypt(String value) {
    return value == null ? null : cipher().encrypt(value, tweak);
  }

  /** The inverse of {@link #encrypt}, refusing the same lengths. */
  public String decrypt(String value) {
    return value == null ? null : cipher().decrypt(value, tweak);
  }

  private FormatPreservingCipher cipher() {
    FormatPreservingCipher c = cipher;
    if (c == null) {
      c = new FormatPreservingCipher(key.copyBytes(), Alphabet.of(alphabet));
      cipher = c;
    }
    return c;
  }
}
