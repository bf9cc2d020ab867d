package io.veil.spark;

import io.veil.ops.Pseudonymizer;
import io.veil.ops.Utf8;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Keyed pseudonyms for a column of any atomic type; the result is a string. The job hashes Spark's
 * UTF-8 bytes as they are ({@link #onBytes}), for the job and the SQL function alike; the form on
 * Java strings gives the same pseudonym for every well-formed value and is kept as the baseline the
 * benchmarks and tests compare it with.
 */
public final class PseudonymOperation extends KeyedReplacement {
  private final Pseudonymizer pseudonymizer;
  private final boolean onBytes;

  /** Pseudonyms as a Java UDF on strings: the baseline of {@link #onBytes}. */
  public PseudonymOperation(Pseudonymizer pseudonymizer) {
    this(pseudonymizer, false);
  }

  private PseudonymOperation(Pseudonymizer pseudonymizer, boolean onBytes) {
    super("veil_pseudonym", "pseudonyms");
    this.pseudonymizer = pseudonymizer;
    this.onBytes = onBytes;
  }

  /** The same pseudonyms, hashed from Spark's UTF-8 bytes with no Java string per value. */
  public static PseudonymOperation onBytes(Pseudonymizer pseudonymizer) {
    return new PseudonymOperation(pseudonymizer, true);
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

  /**
   * Bytes that are not well-formed UTF-8 go the Java-string way, as the SQL function takes them.
   */
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
  public boolean promisesChange() {
    return true;
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }
}
