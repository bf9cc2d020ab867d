package io.veil.spark;

import io.veil.ops.FakeValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;

/** Keyed fake values from a dictionary for a column of any atomic type; the result is a string. */
public final class FakeOperation extends KeyedReplacement {
  private final FakeValues fakes;

  public FakeOperation(FakeValues fakes, String keyName, int keyVersion) {
    super("veil_fake", "fake values", describe(fakes, keyName, keyVersion));
    this.fakes = fakes;
  }

  private static Map<String, Object> describe(FakeValues fakes, String keyName, int keyVersion) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "replace");
    d.put("with", "fake");
    d.put("dictionary", fakes.kind().configName());
    d.put("key", keyName);
    d.put("key_version", keyVersion);
    return d;
  }

  @Override
  UDF1<String, String> function() {
    FakeValues f = fakes;
    return f::fake;
  }

  /** A fake may happen to equal its input (a city named after itself): nothing is promised. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return null;
  }
}
