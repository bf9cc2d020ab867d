package io.veil.spark;

import io.veil.crypto.DecryptionException;
import io.veil.crypto.FormatPreservingCipher;
import io.veil.ops.ColumnCipher;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.ops.InvalidValueException;
import io.veil.ops.PlaintextCodec;
import java.io.Serializable;
import java.util.Base64;
import org.apache.spark.sql.types.DecimalType;

/**
 * One column's reversible encryption as Spark sees it: a value of the column's type in, a
 * ciphertext out (base64 text or binary), and back. Failures name the column and key but never the
 * value; with {@code on-invalid = null} they give null instead.
 */
public final class ColumnEncryption implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ColumnCipher cipher;
  private final FormatPreservingEncryption fpe;
  private final PlaintextCodec codec;
  private final boolean binary;
  private final String label;
  private final boolean invalidToNull;
  private final String invalidHint;

  /** For decimal columns, the declared type a decrypted value must fit; null otherwise. */
  private final DecimalType decimal;

  private ColumnEncryption(
      ColumnCipher cipher,
      FormatPreservingEncryption fpe,
      PlaintextCodec codec,
      boolean binary,
      String label,
      boolean invalidToNull,
      String invalidHint,
      DecimalType decimal) {
    this.decimal = decimal;
    this.cipher = cipher;
    this.fpe = fpe;
    this.codec = codec;
    this.binary = binary;
    this.label = label;
    this.invalidToNull = invalidToNull;
    this.invalidHint = invalidHint;
  }

  private static final String JOB_HINT = " (set on-invalid = null to write null instead)";

  private static final String TOO_LONG =
      "the value has more than "
          + FormatPreservingCipher.MAX_LENGTH
          + " characters of the alphabet (Veil's limit for FF1, whose time grows with the square of the length)";

  /**
   * This encryption with another remedy appended to invalid-value messages (the default names the
   * job's {@code on-invalid} setting, which SQL functions do not have); "" for none.
   */
  public ColumnEncryption withInvalidHint(String hint) {
    return new ColumnEncryption(cipher, fpe, codec, binary, label, invalidToNull, hint, decimal);
  }

  /**
   * @param originalType the type of the plaintext values, which says how they become bytes
   * @param binary ciphertexts as binary values rather than base64 text
   * @param label names the column, table and key in messages, e.g. "column email of table customers
   *     with key pii"
   * @throws IllegalArgumentException when values of {@code originalType} cannot be encrypted
   */
  public static ColumnEncryption of(
      ColumnCipher cipher,
      org.apache.spark.sql.types.DataType originalType,
      boolean binary,
      String label,
      boolean invalidToNull) {
    PlaintextCodec codec = PlaintextCodecs.of(originalType);
    if (codec == null) {
      throw new IllegalArgumentException(
          "values of type " + originalType.simpleString() + " cannot be encrypted");
    }
    DecimalType decimal = originalType instanceof DecimalType ? (DecimalType) originalType : null;
    return new ColumnEncryption(
        cipher, null, codec, binary, label, invalidToNull, JOB_HINT, decimal);
  }

  public static ColumnEncryption formatPreserving(
      FormatPreservingEncryption fpe, String label, boolean invalidToNull) {
    return new ColumnEncryption(
        null, fpe, PlaintextCodec.STRING, false, label, invalidToNull, JOB_HINT, null);
  }

  public boolean isFormatPreserving() {
    return fpe != null;
  }

  public boolean isBinary() {
    return binary;
  }

  public ColumnCipher cipher() {
    return cipher;
  }

  /** Encrypts a non-null value of the column's type. */
  public Object seal(Object value) {
    if (fpe != null) {
      try {
        return fpe.encrypt((String) value);
      } catch (FormatPreservingCipher.DomainTooSmallException e) {
        return invalid(
            "the value has too few characters of the alphabet (FF1 needs a domain of at least 1,000,000)");
      } catch (FormatPreservingCipher.ValueTooLongException e) {
        return invalid(TOO_LONG);
      }
    }
    byte[] out = cipher.encrypt(codec.encode(value));
    return binary ? out : Base64.getEncoder().encodeToString(out);
  }

  /**
   * Whether {@link #sealUtf8} can take this column's values: strings under AES (GCM or SIV), whose
   * plaintext is their UTF-8 bytes. FF1 works on characters, and other types on their own
   * encodings.
   */
  public boolean sealsUtf8() {
    return fpe == null && codec == PlaintextCodec.STRING;
  }

  /**
   * The ciphertext of a string given as its UTF-8 bytes, as {@link #seal} gives it for the same
   * string but before the base64 text, and without a Java string on the way.
   */
  public byte[] sealUtf8(byte[] utf8, int offset, int length) {
    if (!sealsUtf8()) {
      throw new IllegalStateException("only strings under AES are sealed from UTF-8 bytes");
    }
    return cipher.encrypt(utf8, offset, length);
  }

  /** Decrypts a non-null ciphertext back to a value of the column's original type. */
  public Object open(Object sealed) {
    if (fpe != null) {
      try {
        return fpe.decrypt((String) sealed);
      } catch (FormatPreservingCipher.DomainTooSmallException e) {
        return invalid("the value has too few characters of the alphabet to be FF1 ciphertext");
      } catch (FormatPreservingCipher.ValueTooLongException e) {
        return invalid(TOO_LONG);
      }
    }
    byte[] bytes = bytes(sealed);
    if (bytes == null) {
      return invalid("the value is not base64 text");
    }
    byte[] plain;
    try {
      plain = cipher.decrypt(bytes);
    } catch (DecryptionException e) {
      return invalid(
          "it does not authenticate (a tampered value, the wrong key or the wrong context)");
    } catch (IllegalArgumentException e) {
      return invalid(e.getMessage());
    }
    Object value;
    try {
      value = codec.decode(plain);
    } catch (IllegalArgumentException e) {
      value = null;
    }
    if (value == null || decimal != null && !fits((java.math.BigDecimal) value)) {
      // Authentic ciphertext whose plaintext cannot be the recorded type: writing it would turn
      // a value into garbage, so it is refused like any other value the op cannot take.
      return invalid(
          "the decrypted value is not a "
              + (decimal != null ? decimal : codec.sparkName())
              + " value (if the column's recorded original type is wrong, give decrypt original-type)");
    }
    return value;
  }

  /** The key version a ciphertext names, or null when it is not one. */
  public Integer version(Object sealed) {
    if (fpe != null) {
      return null;
    }
    byte[] bytes = bytes(sealed);
    try {
      return bytes == null ? null : cipher.versionOf(bytes);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private boolean fits(java.math.BigDecimal value) {
    return value.scale() == decimal.scale() && value.precision() <= decimal.precision();
  }

  private static byte[] bytes(Object sealed) {
    if (sealed instanceof byte[]) {
      return (byte[]) sealed;
    }
    try {
      // MIME decoding also reads base64 wrapped with CRLF, as Spark 4's base64() writes it.
      return Base64.getMimeDecoder().decode((String) sealed);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private Object invalid(String why) {
    if (invalidToNull) {
      return null;
    }
    throw new InvalidValueException("Invalid value in " + label + ": " + why + invalidHint);
  }
}
