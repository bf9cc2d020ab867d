package io.veil.spark;

import io.veil.ops.FakeValues;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;

/** Keyed fake values from a dictionary for a column of any atomic type; the result is a string. */
public final class FakeOperation extends KeyedReplacement {
  private final FakeValues fakes;

  public FakeOperation(FakeValues fakes) {
    super("veil_fake", "fake values");
    this.fakes = fakes;
  }

  @Override
  UDF1<String, String> function() {
    FakeValues f = fakes;
    return f::fake;
  }

  /** A fake may happen to equal its input (a city named after itself): nothing is promised. */
  @Override
  public boolean promisesChange() {
    return false;
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException(name() + " promises no change");
  }
}
