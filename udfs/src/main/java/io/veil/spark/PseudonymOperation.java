package io.veil.spark;

import io.veil.ops.Pseudonymizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;

/** Keyed pseudonyms for a column of any atomic type; the result is a string. */
public final class PseudonymOperation extends KeyedReplacement {
  private final Pseudonymizer pseudonymizer;

  public PseudonymOperation(
      Pseudonymizer pseudonymizer, String keyName, int keyVersion, String prefix, int length) {
    super("veil_pseudonym", "pseudonyms", describe(keyName, keyVersion, prefix, length));
    this.pseudonymizer = pseudonymizer;
  }

  private static Map<String, Object> describe(String keyName, int keyVersion, String prefix, int length) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "replace");
    d.put("with", "pseudonym");
    d.put("key", keyName);
    d.put("key_version", keyVersion);
    d.put("prefix", prefix);
    d.put("length", length);
    return d;
  }

  @Override
  UDF1<String, String> function() {
    Pseudonymizer p = pseudonymizer;
    return p::pseudonym;
  }

  /** A pseudonym is never the value itself: every non-null value must change. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }
}
