package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.testing.SharedSpark;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.junit.jupiter.api.Test;

/**
 * Encryption through Spark: every primitive type round trips; Spark's own AES reads Veil's and
 * back.
 */
class EncryptionSparkTest {
  private static final byte[] RAW = new byte[32];

  static {
    for (int i = 0; i < RAW.length; i++) {
      RAW[i] = (byte) (31 * i + 5);
    }
  }

  static Keyset keyset(byte[] raw) {
    return new Keyset("k", Map.of(1, KeyMaterial.of(raw)), 1);
  }

  static EncryptOperation encrypt(ColumnCipher cipher, boolean binary, String mode) {
    return encrypt(cipher, binary, mode, false);
  }

  /**
   * @param onBytes the job's encryption (strings from Spark's bytes) rather than the SQL function's
   *     UDF
   */
  static EncryptOperation encrypt(
      ColumnCipher cipher, boolean binary, String mode, boolean onBytes) {
    EncryptOperation.ColumnEncryptionFactory each =
        t -> ColumnEncryption.of(cipher, t, binary, "column c of table t (key k)", false);
    boolean randomized = mode.equals("randomized");
    return onBytes
        ? EncryptOperation.onBytes(each, false, false, binary, randomized)
        : new EncryptOperation(each, false, false, binary, randomized);
  }

  static DecryptOperation decrypt(ColumnCipher cipher, boolean binary, DataType type) {
    return new DecryptOperation(
        ColumnEncryption.of(cipher, type, binary, "column c of table t (key k)", false), type);
  }

  @Test
  void everyPrimitiveTypeRoundTrips() {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> df =
        spark.sql(
            "SELECT * FROM VALUES "
                + "('王伟 🙂', true, 1Y, 2S, 3, 4L, 1.5F, 2.5D, 12.34BD, DATE'1949-10-01', TIMESTAMP'2020-01-01 10:00:00.123456', "
                + " TIMESTAMP_NTZ'2020-01-01 10:00:00', X'00FF'), "
                + "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL) "
                + "AS t(s, b, y, sh, i, l, f, d, dec, dt, ts, ntz, bin)");
    Keyset ks64 = new Keyset("k", Map.of(1, KeyMaterial.of(new byte[64])), 1);
    for (String mode : List.of("randomized", "deterministic")) {
      ColumnCipher cipher =
          mode.equals("randomized")
              ? ColumnCipher.create(
                  ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(RAW), "ctx")
              : ColumnCipher.create(
                  ColumnCipher.Mode.DETERMINISTIC, ColumnCipher.Envelope.VEIL, ks64, "ctx");
      for (boolean binary : List.of(false, true)) {
        for (boolean onBytes : List.of(false, true)) {
          assertRoundTrips(
              df,
              encrypt(cipher, binary, mode, onBytes),
              cipher,
              binary,
              mode + " binary=" + binary + " onBytes=" + onBytes);
        }
      }
    }
  }

  private static void assertRoundTrips(
      Dataset<Row> df,
      EncryptOperation encrypt,
      ColumnCipher cipher,
      boolean binary,
      String label) {
    Column[] enc = new Column[df.schema().fields().length];
    for (int i = 0; i < enc.length; i++) {
      DataType t = df.schema().fields()[i].dataType();
      enc[i] = encrypt.apply(df.col(df.columns()[i]), t).as(df.columns()[i]);
    }
    Dataset<Row> encrypted = df.select(enc).localCheckpoint();
    Column[] dec = new Column[enc.length];
    for (int i = 0; i < dec.length; i++) {
      DataType t = df.schema().fields()[i].dataType();
      dec[i] =
          decrypt(cipher, binary, t)
              .apply(encrypted.col(df.columns()[i]), encrypted.schema().fields()[i].dataType())
              .as(df.columns()[i]);
    }
    assertEquals(df.schema(), encrypted.select(dec).schema());
    assertEquals(0, df.exceptAll(encrypted.select(dec)).count(), label);
    assertNull(encrypted.where("s is null").first().get(0));
    assertNotEquals(df.first().get(0), encrypted.first().get(0));
  }

  @Test
  void sparksAesDecryptReadsTheSparkEnvelope() {
    SparkSession spark = SharedSpark.get();
    List<String> values = SparkMaskCompatibilityTest.randomStrings(500, 7);
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    ColumnCipher cipher =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, keyset(RAW), null);
    DataType string = df.schema().apply("s").dataType();
    Dataset<Row> encrypted =
        df.select(
            df.col("s"),
            encrypt(cipher, false, "randomized").apply(df.col("s"), string).as("c"),
            encrypt(cipher, false, "randomized", true).apply(df.col("s"), string).as("b"));
    String key = "unbase64('" + Base64.getEncoder().encodeToString(RAW) + "')";
    Dataset<Row> back =
        encrypted.selectExpr(
            "s",
            "cast(aes_decrypt(unbase64(c), " + key + ", 'GCM') as string) as p",
            "cast(aes_decrypt(unbase64(b), " + key + ", 'GCM') as string) as pb");
    assertEquals(500, back.where("s = p and s = pb").count());
  }

  /** The read path the docs give for envelope = spark with a context: Spark's aad argument. */
  @Test
  void sparksAesDecryptReadsTheSparkEnvelopeWithAContextAsItsAad() {
    SparkSession spark = SharedSpark.get();
    List<String> values = SparkMaskCompatibilityTest.randomStrings(200, 9);
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    ColumnCipher cipher =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED,
            ColumnCipher.Envelope.SPARK,
            keyset(RAW),
            "customers.name");
    DataType string = df.schema().apply("s").dataType();
    Dataset<Row> encrypted =
        df.select(
            df.col("s"), encrypt(cipher, false, "randomized").apply(df.col("s"), string).as("c"));
    String key = "unbase64('" + Base64.getEncoder().encodeToString(RAW) + "')";
    Dataset<Row> back =
        encrypted.selectExpr(
            "s",
            "cast(aes_decrypt(unbase64(c), "
                + key
                + ", 'GCM', 'DEFAULT', 'customers.name') as string) as p",
            "try_aes_decrypt(unbase64(c), "
                + key
                + ", 'GCM', 'DEFAULT', 'customers.email') as wrong");
    assertEquals(200, back.where("s = p and wrong is null").count());
  }

  @Test
  void veilDecryptsSparksAesEncryptWithAndWithoutContext() {
    SparkSession spark = SharedSpark.get();
    List<String> values = SparkMaskCompatibilityTest.randomStrings(500, 8);
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    String key = "unbase64('" + Base64.getEncoder().encodeToString(RAW) + "')";
    // Spark 4 chunks base64() output with CRLF every 76 characters; Veil reads it all the same.
    Dataset<Row> sparkEncrypted =
        df.selectExpr(
            "s",
            "base64(aes_encrypt(s, " + key + ", 'GCM')) as c",
            "base64(aes_encrypt(s, "
                + key
                + ", 'GCM', 'DEFAULT', unhex(''), 'orders.note')) as ca");
    assertTrue(
        sparkEncrypted.where("c like '%\\r\\n%'").count() > 0,
        "some values long enough to be chunked");
    ColumnCipher plain =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, keyset(RAW), null);
    ColumnCipher bound =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, keyset(RAW), "orders.note");
    DataType string = df.schema().apply("s").dataType();
    Dataset<Row> out =
        sparkEncrypted.select(
            sparkEncrypted.col("s"),
            decrypt(plain, false, string).apply(sparkEncrypted.col("c"), string).as("p"),
            decrypt(bound, false, string).apply(sparkEncrypted.col("ca"), string).as("pa"));
    assertEquals(500, out.where("s = p and s = pa").count());
  }

  @Test
  void randomizedEncryptionIsNondeterministicInThePlan() {
    for (boolean onBytes : List.of(false, true)) {
      randomizedEncryptionIsNondeterministicInThePlan(onBytes);
    }
  }

  private void randomizedEncryptionIsNondeterministicInThePlan(boolean onBytes) {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> df = spark.sql("SELECT 'x' AS s");
    ColumnCipher cipher =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(RAW), null);
    Column c =
        encrypt(cipher, false, "randomized", onBytes)
            .apply(df.col("s"), df.schema().apply("s").dataType());
    var analyzed = df.select(c.as("a")).queryExecution().analyzed();
    assertTrue(
        scala.jdk.javaapi.CollectionConverters.asJava(analyzed.expressions()).stream()
            .anyMatch(e -> !e.deterministic()),
        "Spark must see randomized encryption as nondeterministic");
    Row r =
        df.select(
                c.as("a"),
                encrypt(cipher, false, "randomized", onBytes)
                    .apply(df.col("s"), df.schema().apply("s").dataType())
                    .as("b"))
            .first();
    assertNotEquals(r.get(0), r.get(1));
  }
}
