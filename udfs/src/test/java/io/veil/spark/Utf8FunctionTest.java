package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.MaskPreset;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.TextRedactor;
import io.veil.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's functions on Spark's bytes write exactly what the Java UDFs (the SQL functions) write:
 * ASCII, other text, supplementary characters, null, and strings whose bytes are not UTF-8 at all,
 * in generated code and inside a lambda (which Spark evaluates without code generation).
 */
class Utf8FunctionTest {
  private static Dataset<Row> values;

  @BeforeAll
  static void data() {
    SparkSession spark = SharedSpark.get();
    List<String> strings = new ArrayList<>(SparkMaskCompatibilityTest.randomStrings(2000, 9));
    strings.addAll(List.of("zhang.wei@example.com", "13812345678", "", "ab", "😀 emoji 😀", "王伟"));
    // Around the minimum a mask hides (issue 20, finding 4), where the two paths must agree too.
    strings.addAll(
        List.of(
            "12345678",
            "li.na@gmail.com",
            "wei@example.com",
            "11010519491231002X",
            "110105491231015",
            "6222 0212 3456 7890",
            "欧阳娜娜-lina@example.com"));
    // Personal data inside text, for redact: around ASCII, Han and supplementary characters.
    strings.addAll(
        List.of(
            "Call back on 138-1234-5678 or write to zhang.wei@example.com, thanks",
            "客户王伟（13812345678）说寄到北京市海淀区中关村大街27号 😀 wei@example.com",
            "😀😀 card 6222 0212 3456 7890 😀 ip 192.168.10.20",
            "no personal data in this note, 😀 just words",
            // A replacement character written as such (valid UTF-8), beside personal data.
            "lost chars \uFFFD\uFFFD then 138-1234-5678 and wei@example.com"));
    strings.add(null);
    Dataset<Row> text = spark.createDataset(strings, Encoders.STRING()).toDF("s");
    // Bytes that are not UTF-8 (an overlong form, a lone continuation byte, a surrogate): Parquet
    // files written by other tools can hold such strings.
    Dataset<Row> broken =
        spark.sql(
            "SELECT CAST(unhex(h) AS STRING) AS s FROM VALUES ('41C080'), ('80'),"
                + " ('6162EDA080'), ('414243FF44454647'), ('806D61696C20776569406578616D706C652E636F6D2C2063616C6C203133383132333435363738') AS t(h)");
    values = text.unionByName(broken).cache();
  }

  private static void assertSameValues(ColumnOperation onBytes, ColumnOperation udf) {
    Column s = values.col("s");
    List<Row> rows =
        values
            .select(
                onBytes.apply(s, DataTypes.StringType),
                udf.apply(s, DataTypes.StringType),
                functions
                    .transform(functions.array(s), x -> onBytes.apply(x, DataTypes.StringType))
                    .getItem(0),
                functions
                    .transform(functions.array(s), x -> udf.apply(x, DataTypes.StringType))
                    .getItem(0))
            .collectAsList();
    assertEquals(values.count(), rows.size());
    int nulls = 0;
    for (Row r : rows) {
      assertEquals(r.getString(1), r.getString(0));
      assertEquals(r.getString(1), r.getString(2), "in a lambda");
      assertEquals(r.getString(3), r.getString(2), "in a lambda");
      nulls += r.isNullAt(0) ? 1 : 0;
    }
    assertEquals(1, nulls);
  }

  @Test
  void masksOnBytesAreTheUdfMasks() {
    for (Masker m :
        List.of(
            Masker.positional(3, 4, '*'),
            Masker.positional(1, 0, 0x2022),
            Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER),
            Masker.byClass(2, 1, Masker.KEEP, 'x', '9', '_', '?'))) {
      assertSameValues(
          StringOperation.mask("veil_mask", m, null),
          new StringOperation("mask", "veil_mask", m::mask, null));
    }
  }

  @Test
  void presetsOnBytesAreTheUdfPresets() {
    for (MaskPreset p : MaskPreset.values()) {
      assertSameValues(
          StringOperation.preset("veil_mask_preset", p, '#', null),
          new StringOperation("mask", "veil_mask_preset", v -> p.mask(v, '#'), null));
    }
  }

  @Test
  void classMaskOnBytesIsSparksMask() {
    Masker sparkLike = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    Dataset<Row> text =
        values.where("s IS NULL OR s NOT RLIKE '[\\\\x{10000}-\\\\x{10FFFF}]'"); // see Masker
    Column s = text.col("s");
    List<Row> rows =
        text.select(
                StringOperation.mask("veil_mask", sparkLike, null).apply(s, DataTypes.StringType),
                functions.call_function("mask", s))
            .collectAsList();
    for (Row r : rows) {
      assertEquals(r.getString(1), r.getString(0));
    }
  }

  @Test
  void redactOnBytesIsTheUdfRedact() {
    for (TextRedactor r :
        List.of(
            new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES),
            new TextRedactor(TextRedactor.Style.MASK, TextRedactor.TYPES))) {
      RedactOperation onBytes = new RedactOperation(r, TextRedactor.TYPES);
      assertSameValues(onBytes, new StringOperation("redact", "veil_redact", r::redact, null));
      Column s = values.col("s");
      // The texts with personal data, the one not UTF-8 among them, are written anew.
      assertTrue(values.where(onBytes.apply(s, DataTypes.StringType).notEqual(s)).count() >= 6);
    }
  }

  @Test
  void pseudonymsOnBytesAreTheUdfPseudonyms() {
    KeyMaterial key = KeyMaterial.random(32);
    Pseudonymizer p = new Pseudonymizer(key, "c_", 20);
    assertSameValues(PseudonymOperation.onBytes(p), new PseudonymOperation(p));
  }

  /**
   * Encryption from the bytes decrypts to what the UDF's plaintext is, malformed bytes included;
   * deterministic ciphertexts are the UDF's byte for byte. Base64 and binary, in generated code and
   * in a lambda.
   */
  @Test
  void encryptionOnBytesIsTheUdfEncryption() {
    Keyset gcmKey = new Keyset("k", Map.of(1, KeyMaterial.random(32)), 1);
    Keyset sivKey = new Keyset("k", Map.of(1, KeyMaterial.random(64)), 1);
    List<ColumnCipher> ciphers =
        List.of(
            ColumnCipher.create(
                ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, gcmKey, "t.s"),
            ColumnCipher.create(
                ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, gcmKey, null),
            ColumnCipher.create(
                ColumnCipher.Mode.DETERMINISTIC, ColumnCipher.Envelope.VEIL, sivKey, "t.s"));
    Column s = values.col("s");
    for (ColumnCipher cipher : ciphers) {
      for (boolean binary : List.of(false, true)) {
        ColumnEncryption e =
            ColumnEncryption.of(cipher, DataTypes.StringType, binary, "column s", false);
        boolean randomized = cipher.mode() == ColumnCipher.Mode.RANDOMIZED;
        EncryptOperation onBytes =
            EncryptOperation.onBytes(t -> e, false, false, binary, randomized);
        EncryptOperation udf = new EncryptOperation(t -> e, false, false, binary, randomized);
        DataType sealed = onBytes.resultType(DataTypes.StringType);
        Dataset<Row> encrypted =
            values.select(
                s,
                onBytes.apply(s, DataTypes.StringType).as("bytes"),
                udf.apply(s, DataTypes.StringType).as("udf"),
                functions
                    .transform(functions.array(s), x -> onBytes.apply(x, DataTypes.StringType))
                    .getItem(0)
                    .as("lambda"));
        assertEquals(sealed, encrypted.schema().apply("bytes").dataType());
        assertTrue(encrypted.queryExecution().analyzed().toString().contains("veil_encrypt"));
        Dataset<Row> opened =
            encrypted
                .localCheckpoint()
                .select(
                    decrypt(e, encrypted.col("bytes"), sealed),
                    decrypt(e, encrypted.col("udf"), sealed),
                    decrypt(e, encrypted.col("lambda"), sealed),
                    encrypted.col("bytes"),
                    encrypted.col("udf"));
        List<Row> rows = opened.collectAsList();
        assertEquals(values.count(), rows.size());
        for (Row r : rows) {
          String label = cipher + " binary=" + binary;
          assertEquals(r.getString(1), r.getString(0), label);
          assertEquals(r.getString(1), r.getString(2), label + ", in a lambda");
          if (cipher.mode() == ColumnCipher.Mode.DETERMINISTIC) {
            assertEquals(text(r.get(4)), text(r.get(3)), label);
          }
        }
      }
    }
  }

  private static Column decrypt(ColumnEncryption e, Column sealed, DataType sealedType) {
    return new DecryptOperation(e, DataTypes.StringType).apply(sealed, sealedType);
  }

  private static String text(Object sealed) {
    return sealed instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : (String) sealed;
  }

  @Test
  void planNamesTheFunctionAndHoldsNoKey() {
    byte[] keyBytes = KeyMaterial.random(32).copyBytes();
    Pseudonymizer p = new Pseudonymizer(KeyMaterial.of(keyBytes), "", 20);
    // The spark envelope encrypts under the configured bytes themselves, not a derived key.
    ColumnCipher cipher =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED,
            ColumnCipher.Envelope.SPARK,
            new Keyset("pii", Map.of(1, KeyMaterial.of(keyBytes)), 1),
            null);
    ColumnEncryption e =
        ColumnEncryption.of(cipher, DataTypes.StringType, false, "column s", false);
    Dataset<Row> out =
        values.select(
            PseudonymOperation.onBytes(p).apply(values.col("s"), DataTypes.StringType).as("p"),
            EncryptOperation.onBytes(t -> e, false, true, false, true)
                .apply(values.col("s"), DataTypes.StringType)
                .as("c"));
    String plans =
        out.queryExecution().toString() + out.queryExecution().executedPlan().treeString();
    assertTrue(plans.contains("veil_pseudonym"), plans);
    assertTrue(plans.contains("veil_encrypt"), plans);
    assertFalse(plans.toLowerCase().contains(HexFormat.of().formatHex(keyBytes)), plans);
    assertFalse(plans.contains(Base64.getEncoder().encodeToString(keyBytes)), plans);
    assertEquals(0, out.where("p IS NULL").count() - values.where("s IS NULL").count());
  }
}
