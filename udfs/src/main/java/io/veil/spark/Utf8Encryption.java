package io.veil.spark;

import io.veil.ops.Utf8;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string column's AES encryption (GCM or SIV) on the UTF-8 bytes Spark holds, for the job: the
 * plaintext is the value's bytes as they are, and a base64 result is written as bytes, where a Java
 * UDF decodes every value to a Java string, encodes it back to UTF-8 to encrypt it, and turns the
 * base64 text into a string and back to bytes again.
 *
 * <p>The ciphertexts decrypt to exactly what the SQL function's would: bytes that are not
 * well-formed UTF-8 go the Java-string way, as a UDF takes them (malformed sequences become
 * U+FFFD).
 */
public final class Utf8Encryption implements Serializable {
  private static final long serialVersionUID = 1L;
  private final ColumnEncryption encryption;

  private Utf8Encryption(ColumnEncryption encryption) {
    this.encryption = encryption;
  }

  /**
   * {@code input} (a string column) encrypted by {@code encryption}, which must {@link
   * ColumnEncryption#sealsUtf8 seal UTF-8}: base64 text, or binary when it says so.
   *
   * @param randomized the ciphertexts differ on every call, so Spark must treat them as
   *     nondeterministic
   */
  static Column apply(ColumnEncryption encryption, boolean randomized, Column input) {
    boolean binary = encryption.isBinary();
    return MethodCall.of(
        new Utf8Encryption(encryption),
        Utf8Encryption.class,
        binary ? "binary" : "base64",
        binary ? DataTypes.BinaryType : DataTypes.StringType,
        !randomized,
        input);
  }

  /** The ciphertext as base64 text (the standard alphabet, padded, on one line). */
  public UTF8String base64(UTF8String value) {
    return UTF8String.fromBytes(Base64.getEncoder().encode(binary(value)));
  }

  /** The ciphertext as bytes. */
  public byte[] binary(UTF8String value) {
    byte[] base = Utf8Function.base(value);
    int offset = Utf8Function.offset(value);
    int length = value.numBytes();
    if (Utf8.isWellFormed(base, offset, length)) {
      return encryption.sealUtf8(base, offset, length);
    }
    byte[] replaced = value.toString().getBytes(StandardCharsets.UTF_8);
    return encryption.sealUtf8(replaced, 0, replaced.length);
  }

  @Override
  public String toString() {
    return "veil_encrypt"; // never the key
  }
}
