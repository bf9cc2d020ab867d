package io.veil.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * Encrypts a column: AES-256-GCM (randomized), AES-SIV (deterministic, joinable) or FF1 (format
 * preserving). Randomized encryption is marked nondeterministic, so Spark never merges, reorders or
 * re-evaluates two calls as if they gave the same result.
 */
public final class EncryptOperation implements ColumnOperation {
  private final ColumnEncryptionFactory factory;
  private final boolean formatPreserving;
  private final boolean sparkEnvelope;
  private final boolean binary;
  private final boolean randomized;
  private final boolean onBytes;

  /** Builds the per-type {@link ColumnEncryption} once the column's type is known. */
  public interface ColumnEncryptionFactory {
    ColumnEncryption forType(DataType type);
  }

  /**
   * As a Java UDF on values of the column's type (the SQL functions).
   *
   * @param sparkEnvelope Spark's aes_encrypt layout, which takes strings and binary only
   * @param binary binary ciphertext rather than base64 text
   * @param randomized a new ciphertext on every call, so Spark must treat it as nondeterministic
   */
  public EncryptOperation(
      ColumnEncryptionFactory factory,
      boolean formatPreserving,
      boolean sparkEnvelope,
      boolean binary,
      boolean randomized) {
    this(factory, formatPreserving, sparkEnvelope, binary, randomized, false);
  }

  private EncryptOperation(
      ColumnEncryptionFactory factory,
      boolean formatPreserving,
      boolean sparkEnvelope,
      boolean binary,
      boolean randomized,
      boolean onBytes) {
    this.factory = factory;
    this.formatPreserving = formatPreserving;
    this.sparkEnvelope = sparkEnvelope;
    this.binary = binary;
    this.randomized = randomized;
    this.onBytes = onBytes;
  }

  /**
   * Veil's encryption, for the job and the SQL functions alike: string columns under AES are
   * encrypted from Spark's UTF-8 bytes ({@link Utf8Encryption}), other columns as Java values. The
   * constructor's all-Java-values form is kept as the baseline the benchmarks and tests compare it
   * with.
   */
  public static EncryptOperation onBytes(
      ColumnEncryptionFactory factory,
      boolean formatPreserving,
      boolean sparkEnvelope,
      boolean binary,
      boolean randomized) {
    return new EncryptOperation(factory, formatPreserving, sparkEnvelope, binary, randomized, true);
  }

  @Override
  public String name() {
    return "encrypt";
  }

  @Override
  public String rejectType(DataType type) {
    if (formatPreserving) {
      return type instanceof StringType ? null : "format-preserving encryption takes strings";
    }
    if (sparkEnvelope) {
      return type instanceof StringType || type instanceof BinaryType
          ? null
          : "envelope = spark takes strings and binary, as Spark's aes_encrypt does";
    }
    return PlaintextCodecs.of(type) != null
        ? null
        : "encryption takes atomic values, not " + type.typeName();
  }

  @Override
  public DataType resultType(DataType type) {
    if (formatPreserving) {
      return DataTypes.StringType;
    }
    return binary ? DataTypes.BinaryType : DataTypes.StringType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    ColumnEncryption e = factory.forType(type);
    if (onBytes && type instanceof StringType && e.sealsUtf8()) {
      return Utf8Encryption.apply(e, randomized, input);
    }
    UserDefinedFunction udf;
    if (type instanceof StringType) {
      UDF1<String, Object> f = v -> v == null ? null : e.seal(v);
      udf = functions.udf(f, resultType(type));
    } else {
      UDF1<Object, Object> f = v -> v == null ? null : e.seal(v);
      udf = functions.udf(f, resultType(type));
    }
    udf = udf.withName("veil_encrypt");
    if (randomized) {
      udf = udf.asNondeterministic();
    }
    return udf.apply(input);
  }

  /** Ciphertext never equals its plaintext, except by chance under FF1, whose domain is small. */
  @Override
  public boolean promisesChange() {
    return !formatPreserving; // FF1 may map a value onto itself
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }
}
