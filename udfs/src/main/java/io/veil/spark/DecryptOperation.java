package io.veil.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;

/** Decrypts a column Veil (or Spark's aes_encrypt) encrypted, back to its original type. */
public final class DecryptOperation implements ColumnOperation {
  private final ColumnEncryption encryption;
  private final DataType originalType;

  public DecryptOperation(ColumnEncryption encryption, DataType originalType) {
    this.encryption = encryption;
    this.originalType = originalType;
  }

  @Override
  public String name() {
    return "decrypt";
  }

  @Override
  public String rejectType(DataType type) {
    if (encryption.isBinary()) {
      return type instanceof BinaryType ? null : "binary-encoded ciphertext is stored as binary";
    }
    return type instanceof StringType ? null : "ciphertext is stored as text";
  }

  @Override
  public DataType resultType(DataType type) {
    return originalType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    ColumnEncryption e = encryption;
    UDF1<Object, Object> f = v -> v == null ? null : e.open(v);
    return functions.udf(f, originalType).withName("veil_decrypt").apply(input);
  }

  @Override
  public boolean promisesChange() {
    return false;
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException(name() + " promises no change");
  }
}
