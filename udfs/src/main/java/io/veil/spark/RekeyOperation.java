package io.veil.spark;

import io.veil.ops.ColumnCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Re-encrypts a column under its key's primary version: decrypt with whichever version each value
 * names, encrypt with the primary. The plaintext exists only inside the UDF call.
 */
public final class RekeyOperation implements ColumnOperation {
  private final ColumnEncryption from;
  private final ColumnEncryption to;
  private final List<Integer> oldVersions;
  private final DataType plaintextType;

  /**
   * @param oldVersions the versions values may name, for the per-version counts in the report; for
   *     ciphertexts without a version header, the one version in the column's metadata
   * @param plaintextType the type the values had before they were first encrypted, as recorded
   */
  public RekeyOperation(
      ColumnEncryption from,
      ColumnEncryption to,
      List<Integer> oldVersions,
      DataType plaintextType) {
    this.from = from;
    this.to = to;
    this.oldVersions = List.copyOf(oldVersions);
    this.plaintextType = plaintextType;
  }

  @Override
  public String name() {
    return "rekey";
  }

  @Override
  public String rejectType(DataType type) {
    DataType expected = from.isBinary() ? DataTypes.BinaryType : DataTypes.StringType;
    return type.equals(expected)
        ? null
        : "ciphertext of this column is stored as " + expected.simpleString();
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public DataType plaintextType(DataType type) {
    return plaintextType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    ColumnEncryption a = from;
    ColumnEncryption b = to;
    UDF1<Object, Object> f =
        v -> {
          if (v == null) {
            return null;
          }
          Object plain = a.open(v);
          return plain == null ? null : b.seal(plain);
        };
    var udf = functions.udf(f, type).withName("veil_rekey");
    if (!b.isFormatPreserving() && b.cipher().mode() == ColumnCipher.Mode.RANDOMIZED) {
      udf = udf.asNondeterministic();
    }
    return udf.apply(input);
  }

  @Override
  public boolean promisesChange() {
    return false;
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException(name() + " promises no change");
  }

  @Override
  public Map<String, Column> metrics(Column input, Column output, DataType type) {
    Map<String, Column> m = new LinkedHashMap<>();
    if (from.isFormatPreserving() || from.cipher().envelope() == ColumnCipher.Envelope.SPARK) {
      // No version in the ciphertext: every value was written under the metadata's version.
      m.put("values_from_version_" + oldVersions.get(0), functions.count(input));
      return m;
    }
    ColumnEncryption e = from;
    UDF1<Object, Integer> version = v -> v == null ? null : e.version(v);
    Column ver =
        functions.udf(version, DataTypes.IntegerType).withName("veil_key_version").apply(input);
    for (int v : oldVersions) {
      m.put(
          "values_from_version_" + v,
          functions.sum(functions.when(ver.equalTo(v), 1L).otherwise(0L)));
    }
    return m;
  }
}
