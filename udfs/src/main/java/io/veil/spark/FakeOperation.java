package io.veil.spark;

import io.veil.ops.FakeValues;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed fake values from a dictionary for a column of any atomic type; the result is a string.
 * Non-string values are first written in the same session-independent text form as for
 * pseudonyms, so a fake is the same in every run and cluster.
 */
public final class FakeOperation implements ColumnOperation {
  private final FakeValues fakes;
  private final Map<String, Object> description;

  public FakeOperation(FakeValues fakes, String keyName, int keyVersion) {
    this.fakes = fakes;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "replace");
    d.put("with", "fake");
    d.put("dictionary", fakes.kind().configName());
    d.put("key", keyName);
    d.put("key_version", keyVersion);
    this.description = d;
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String rejectType(DataType type) {
    return SparkTypes.isAtomic(type) ? null : "fake values replace atomic values, not " + type.typeName();
  }

  @Override
  public DataType resultType(DataType type) {
    return DataTypes.StringType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    FakeValues f = fakes;
    UDF1<String, String> fn = f::fake;
    return functions.udf(fn, DataTypes.StringType).withName("veil_fake")
        .apply(PseudonymOperation.canonical(input, type));
  }

  /** A fake may happen to equal its input (a city named after itself): nothing is promised. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return null;
  }

  @Override
  public Map<String, Object> describe() {
    return description;
  }
}
