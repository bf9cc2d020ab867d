package io.veil.spark.sql;

import io.veil.ops.InvalidValueException;
import io.veil.spark.ColumnEncryption;
import java.io.Serializable;
import java.util.Base64;

/**
 * Decrypts Veil envelopes of either mode, read from each value's format byte (1: randomized
 * AES-GCM, 2: deterministic AES-SIV), so one function reads what {@code veil_encrypt}, {@code
 * veil_encrypt_deterministic} and the job's string columns wrote. The plaintext comes back as a
 * string.
 */
final class EnvelopeDecryption implements Serializable {
  private static final long serialVersionUID = 1L;

  static final byte RANDOMIZED = 1;
  static final byte DETERMINISTIC = 2;

  private final ColumnEncryption randomized;
  private final ColumnEncryption deterministic;
  private final String label;
  private final String keySizes;

  /**
   * @param randomized null when the key's size does not fit AES-256-GCM
   * @param deterministic null when the key's size does not fit AES-SIV-512
   * @param label names the function and key in messages
   * @param keySizes the key's sizes, for the message when a mode cannot be read
   */
  EnvelopeDecryption(
      ColumnEncryption randomized, ColumnEncryption deterministic, String label, String keySizes) {
    this.randomized = randomized;
    this.deterministic = deterministic;
    this.label = label;
    this.keySizes = keySizes;
  }

  String open(String sealed) {
    if (sealed == null) {
      return null;
    }
    byte[] bytes;
    try {
      // MIME decoding also reads base64 wrapped with CRLF, as Spark 4's base64() writes it.
      bytes = Base64.getMimeDecoder().decode(sealed);
    } catch (IllegalArgumentException e) {
      throw invalid("the value is not base64 text");
    }
    if (bytes.length == 0) {
      throw invalid("the value is empty");
    }
    switch (bytes[0]) {
      case RANDOMIZED:
        return (String) using(randomized, "randomized (AES-256-GCM, 32-byte key)").open(bytes);
      case DETERMINISTIC:
        return (String) using(deterministic, "deterministic (AES-SIV, 64-byte key)").open(bytes);
      default:
        throw invalid("it is not a Veil ciphertext (unknown format byte)");
    }
  }

  private ColumnEncryption using(ColumnEncryption e, String mode) {
    if (e == null) {
      throw invalid("it is " + mode + " ciphertext, but the key has " + keySizes);
    }
    return e;
  }

  private InvalidValueException invalid(String why) {
    return new InvalidValueException("Invalid value in " + label + ": " + why);
  }
}
