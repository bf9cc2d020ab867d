package io.veil.spark;

import io.veil.ops.Pseudonymizer;
import io.veil.ops.Utf8;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Keyed pseudonyms for a column of any atomic type; the result is a string. The job hashes Spark's
 * UTF-8 bytes as they are ({@link #onBytes}); the SQL function goes through a Java string, which
 * gives the same pseudonym for every well-formed value.
 */
public final class PseudonymOperation extends KeyedReplacement {
  private final Pseudonymizer pseudonymizer;
  private final boolean onBytes;

  public PseudonymOperation(
      Pseudonymizer pseudonymizer, String keyName, int keyVersion, String prefix, int length) {
    this(pseudonymizer, keyName, keyVersion, prefix, length, false);
  }

  private PseudonymOperation(
      Pseudonymizer pseudonymizer, String keyName, int keyVersion, String prefix, int length, boolean onBytes) {
    super("veil_pseudonym", "pseudonyms", describe(keyName, keyVersion, prefix, length, pseudonymizer.context()));
    this.pseudonymizer = pseudonymizer;
    this.onBytes = onBytes;
  }

  /** The same pseudonyms, hashed from Spark's UTF-8 bytes with no Java string per value. */
  public static PseudonymOperation onBytes(
      Pseudonymizer pseudonymizer, String keyName, int keyVersion, String prefix, int length) {
    return new PseudonymOperation(pseudonymizer, keyName, keyVersion, prefix, length, true);
  }

  private static Map<String, Object> describe(String keyName, int keyVersion, String prefix, int length,
      String context) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "replace");
    d.put("with", "pseudonym");
    d.put("key", keyName);
    d.put("key_version", keyVersion);
    d.put("prefix", prefix);
    d.put("length", length);
    if (context != null) {
      d.put("context", context); // only when set: metadata of context-free pseudonyms is unchanged
    }
    return d;
  }

  @Override
  UDF1<String, String> function() {
    Pseudonymizer p = pseudonymizer;
    return p::pseudonym;
  }

  @Override
  Utf8Function utf8Function() {
    return onBytes ? new PseudonymFunction(pseudonymizer) : null;
  }

  /** Bytes that are not well-formed UTF-8 go the Java-string way, as the SQL function takes them. */
  private static final class PseudonymFunction implements Utf8Function {
    private static final long serialVersionUID = 1L;
    private final Pseudonymizer pseudonymizer;

    PseudonymFunction(Pseudonymizer pseudonymizer) {
      this.pseudonymizer = pseudonymizer;
    }

    @Override
    public UTF8String apply(UTF8String value) {
      byte[] base = Utf8Function.base(value);
      int offset = Utf8Function.offset(value);
      int length = value.numBytes();
      if (Utf8.isWellFormed(base, offset, length)) {
        return UTF8String.fromBytes(pseudonymizer.pseudonymUtf8(base, offset, length));
      }
      return UTF8String.fromString(pseudonymizer.pseudonym(value.toString()));
    }

    @Override
    public String toString() {
      return "veil_pseudonym"; // never the key
    }
  }

  /** A pseudonym is never the value itself: every non-null value must change. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }
}
