package io.veil.spark.sql;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.veil.crypto.Alphabet;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.FakeValues;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.DecryptOperation;
import io.veil.spark.EncryptOperation;
import io.veil.spark.PseudonymOperation;
import io.veil.spark.SparkMaskCompatibilityTest;
import io.veil.spark.StringOperation;
import io.veil.spark.UnlistedColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions and the job share one implementation: what one writes the other reads, byte for
 * byte, at the top level and inside arrays, structs and maps; class masking equals Spark's mask().
 */
class FunctionCompatibilityTest {
  /** Any settings: this test compares values, not what metadata records. */
  private static final io.veil.spark.op.OperationSettings SETTINGS =
      io.veil.spark.op.Operations.fromRecord(Map.of("op", "keep"));

  static SparkSession spark;
  static Dataset<Row> strings;

  @BeforeAll
  static void session() {
    spark = SqlTestKeys.session();
    strings =
        spark
            .createDataset(SparkMaskCompatibilityTest.randomStrings(400, 5), Encoders.STRING())
            .toDF("s");
    strings.createOrReplaceTempView("strings");
  }

  static Keyset keyset(String name, byte[] key) {
    return new Keyset(name, Map.of(1, KeyMaterial.of(key)), 1);
  }

  static long count(Dataset<Row> df, String condition) {
    return df.where(condition).count();
  }

  @Test
  void jobCiphertextDecryptsWithVeilDecryptAndTheOtherWayRound() {
    String label = "column email of table customers (key pii)";
    for (ColumnCipher.Mode mode : ColumnCipher.Mode.values()) {
      boolean randomized = mode == ColumnCipher.Mode.RANDOMIZED;
      String key = randomized ? "pii" : "pii_siv";
      // The job's string-column encryption: the cipher, the op and the envelope it builds.
      ColumnCipher cipher =
          ColumnCipher.create(
              mode,
              ColumnCipher.Envelope.VEIL,
              keyset(key, randomized ? SqlTestKeys.PII : SqlTestKeys.PII_SIV),
              "customers.email");
      EncryptOperation jobEncrypt =
          new EncryptOperation(
              t -> ColumnEncryption.of(cipher, t, false, label, false),
              false,
              false,
              false,
              randomized);
      DecryptOperation jobDecrypt =
          new DecryptOperation(
              ColumnEncryption.of(cipher, DataTypes.StringType, false, label, false),
              DataTypes.StringType);

      Dataset<Row> byJob =
          strings.select(col("s"), jobEncrypt.apply(col("s"), DataTypes.StringType).as("c"));
      byJob.createOrReplaceTempView("by_job");
      Dataset<Row> read =
          spark.sql("SELECT s, veil_decrypt(c, '" + key + "', 'customers.email') AS p FROM by_job");
      assertEquals(400, count(read, "s = p"), mode + ": the job's ciphertext read by veil_decrypt");

      String encrypt = randomized ? "veil_encrypt" : "veil_encrypt_deterministic";
      Dataset<Row> byFunction =
          spark.sql(
              "SELECT s, " + encrypt + "(s, '" + key + "', 'customers.email') AS c FROM strings");
      Dataset<Row> opened =
          byFunction.select(col("s"), jobDecrypt.apply(col("c"), DataTypes.StringType).as("p"));
      assertEquals(
          400, count(opened, "s = p"), mode + ": the function's ciphertext read by the job");

      if (!randomized) {
        Dataset<Row> both = byJob.join(byFunction.withColumnRenamed("c", "f"), "s");
        assertEquals(
            count(both, "true"), count(both, "c = f"), "AES-SIV: byte-identical to the job's");
      }
      Dataset<Row> wrongContext =
          spark.sql("SELECT veil_decrypt(c, '" + key + "', 'orders.email') FROM by_job");
      assertEquals(
          "SparkException",
          org.junit.jupiter.api.Assertions.assertThrows(Exception.class, wrongContext::collect)
              .getClass()
              .getSimpleName());
    }
  }

  @Test
  void pseudonymsFakesAndFormatPreservingCiphertextEqualTheJobsOwn() {
    List<String> phones = new ArrayList<>();
    Random r = new Random(3);
    for (int i = 0; i < 300; i++) {
      phones.add(
          String.format("1%02d-%04d-%04d", r.nextInt(100), r.nextInt(10000), r.nextInt(10000)));
    }
    Dataset<Row> df = spark.createDataset(phones, Encoders.STRING()).toDF("s");
    df.createOrReplaceTempView("phones");
    Pseudonymizer pseudonyms = new Pseudonymizer(KeyMaterial.of(SqlTestKeys.PII), "user_", 24);
    Pseudonymizer inContext =
        new Pseudonymizer(KeyMaterial.of(SqlTestKeys.PII), "", 20, "crm.phone");
    FakeValues fakes = new FakeValues(KeyMaterial.of(SqlTestKeys.PII), FakeValues.Kind.NAME_ZH);
    FormatPreservingEncryption fpe =
        new FormatPreservingEncryption(
            KeyMaterial.of(SqlTestKeys.PII), Alphabet.DIGITS, "customers.phone");
    List<Row> rows =
        spark
            .sql(
                "SELECT s, veil_pseudonym(s, 'pii', 'user_', 24), veil_fake(s, 'pii', 'name-zh'),"
                    + " veil_fpe_encrypt(s, 'pii', 'digits', 'customers.phone'), veil_pseudonym(s, 'pii', '', 20, 'crm.phone')"
                    + " FROM phones")
            .collectAsList();
    for (Row row : rows) {
      String s = row.getString(0);
      assertEquals(pseudonyms.pseudonym(s), row.getString(1));
      assertEquals(inContext.pseudonym(s), row.getString(4));
      assertEquals(fakes.fake(s), row.getString(2));
      assertEquals(fpe.encrypt(s), row.getString(3));
    }
    // Non-string values take the job's session-independent text form (instants as epoch micros).
    Dataset<Row> typed =
        spark.sql(
            "SELECT * FROM VALUES (TIMESTAMP'2024-03-05 10:42:17.123456', 42L, X'00ff')"
                + " AS t(ts, n, b)");
    PseudonymOperation op =
        new PseudonymOperation(new Pseudonymizer(KeyMaterial.of(SqlTestKeys.PII), "", 20));
    Row job =
        typed
            .select(
                op.apply(col("ts"), DataTypes.TimestampType),
                op.apply(col("n"), DataTypes.LongType),
                op.apply(col("b"), DataTypes.BinaryType))
            .first();
    typed.createOrReplaceTempView("typed");
    Row fn =
        spark
            .sql(
                "SELECT veil_pseudonym(ts, 'pii'), veil_pseudonym(n, 'pii'), veil_pseudonym(b, 'pii')"
                    + " FROM typed")
            .first();
    assertEquals(job, fn);
  }

  /**
   * The job masks Spark's UTF-8 bytes and the functions Java strings: both apply the same minimum
   * (issue 20, finding 4), on values around its limits, ASCII and not.
   */
  @Test
  void masksAndPresetsEqualTheJobsOwnOnShortValues() {
    List<String> values =
        new ArrayList<>(
            List.of(
                "12345678",
                "13812345678",
                "+86 138-1234-5678",
                "1234567",
                "li.na@gmail.com",
                "wei@example.com",
                "zhang.wei@example.com",
                "a@b.cn",
                "11010519491231002X",
                "110105491231015",
                "11010519491",
                "6222 0212 3456 7890",
                "王小明",
                "欧阳娜娜",
                "Zhang Xiaoming",
                "ab",
                ""));
    values.addAll(SparkMaskCompatibilityTest.randomStrings(300, 11));
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    df.createOrReplaceTempView("short_values");
    Masker masker = Masker.positional(3, 4, '*');
    Column s = col("s");
    List<Row> rows =
        df.select(
                s,
                StringOperation.mask("veil_mask", masker, null).apply(s, DataTypes.StringType),
                StringOperation.preset("veil_mask_email", io.veil.ops.MaskPreset.EMAIL, '*', null)
                    .apply(s, DataTypes.StringType))
            .collectAsList();
    Map<String, Row> byJob = new LinkedHashMap<>();
    for (Row r : rows) {
      byJob.put(r.getString(0), r);
    }
    for (Row fn :
        spark
            .sql("SELECT s, veil_mask(s, 3, 4), veil_mask_email(s) FROM short_values")
            .collectAsList()) {
      Row job = byJob.get(fn.getString(0));
      assertEquals(job.getString(1), fn.getString(1), "veil_mask");
      assertEquals(job.getString(2), fn.getString(2), "veil_mask_email");
    }
  }

  /** Pinned under the test keys: a change to any derivation fails here, not in a user's join. */
  @Test
  void pinnedOutputs() {
    Row r =
        spark
            .sql(
                "SELECT veil_pseudonym('alice@example.com', 'pii'),"
                    + " veil_encrypt_deterministic('alice', 'pii_siv'),"
                    + " veil_encrypt_deterministic('alice', 'pii_siv', 'customers.name'),"
                    + " veil_fpe_encrypt('138-1234-5678', 'pii'),"
                    + " veil_fake('alice@example.com', 'pii', 'name-latin')")
            .first();
    assertEquals("7f0c94f02badc6c0b44d", r.getString(0));
    // Format byte 2 (AES-SIV) and key version 1, then the synthetic IV and ciphertext.
    assertEquals("AgAAAAEqSEklfHS9P+it8R0P/KvhbH6DyMU=", r.getString(1));
    assertEquals("AgAAAAF4NyU0ECaj/JKCBDhKan9P2GZmPBI=", r.getString(2));
    assertEquals("854-5828-7583", r.getString(3));
    assertEquals("Rémi Black", r.getString(4));
  }

  @Test
  void maskClassesEqualsSparksMaskWithLetterNull() {
    List<String> values = SparkMaskCompatibilityTest.randomStrings(5000, 42);
    spark
        .createDataset(values, Encoders.STRING())
        .toDF("s")
        .createOrReplaceTempView("random_strings");
    List<String> argumentSets =
        List.of(
            "'X', 'x', 'n', NULL",
            "'Q', 'q', 'd', 'o'",
            "NULL, 'q', 'd', 'o'",
            "NULL, NULL, NULL, '*'",
            "'Y', NULL, '#', NULL");
    for (String a : argumentSets) {
      long differ =
          spark
              .sql(
                  "SELECT s FROM random_strings WHERE NOT (veil_mask_classes(s, "
                      + a
                      + ", NULL)"
                      + " <=> mask(s, "
                      + a
                      + "))")
              .count();
      assertEquals(0, differ, a);
    }
    assertEquals(
        0,
        spark
            .sql(
                "SELECT s FROM random_strings WHERE NOT (veil_mask_classes(s)"
                    + " <=> mask(s, 'X', 'x', 'n', NULL)) AND NOT s RLIKE '[\\\\p{Lt}\\\\p{Lm}\\\\p{Lo}]'")
            .count(),
        "only uncased letters differ by default");
    assertNotEquals(
        0,
        spark
            .sql("SELECT s FROM random_strings WHERE NOT (veil_mask_classes(s) <=> mask(s))")
            .count());
  }

  /**
   * A config path into arrays and maps ({@code contacts[].phone}, {@code tags[]}, {@code
   * attributes{}}) as the job rewrites it, and the same in SQL with higher-order functions: the
   * same op classes give the same values.
   */
  @Test
  void nestedArrayAndMapValuesMatchTheJobsPaths() {
    Dataset<Row> people =
        spark.sql(
            "SELECT * FROM VALUES"
                + " (1, array(named_struct('kind', 'mobile', 'phone', '13812345678'), named_struct('kind', 'home', 'phone', NULL)),"
                + "  array('vip', '王伟', NULL), map('nickname', 'Ally', 'city', '北京')),"
                + " (2, NULL, array(), map('nickname', CAST(NULL AS STRING))),"
                + " (3, array(CAST(NULL AS STRUCT<kind: STRING, phone: STRING>)), NULL, NULL)"
                + " AS t(id, contacts, tags, attributes)");
    people.createOrReplaceTempView("people");

    Map<ColumnPath, ColumnAction> rules = new LinkedHashMap<>();
    rules.put(ColumnPath.parse("id"), ColumnAction.KEEP);
    rules.put(ColumnPath.parse("contacts[].kind"), ColumnAction.KEEP);
    Masker phone = Masker.positional(3, 2, '*');
    rules.put(
        ColumnPath.parse("contacts[].phone"),
        ColumnAction.transform(
            SETTINGS, new StringOperation("mask", "veil_mask", phone::mask, null)));
    Masker classes = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, 'X');
    rules.put(
        ColumnPath.parse("tags[]"),
        ColumnAction.transform(
            SETTINGS, new StringOperation("mask", "veil_mask_classes", classes::mask, null)));
    rules.put(
        ColumnPath.parse("attributes{}"),
        ColumnAction.transform(
            SETTINGS,
            new PseudonymOperation(new Pseudonymizer(KeyMaterial.of(SqlTestKeys.PII), "", 20))));
    ColumnRewriter.Plan plan = ColumnRewriter.plan(people.schema(), rules, UnlistedColumns.FAIL);
    assertEquals(List.of(), plan.problems());
    Dataset<Row> byJob = people.select(plan.columns().toArray(new Column[0]));

    Dataset<Row> bySql =
        spark.sql(
            "SELECT id,"
                + " transform(contacts, c -> IF(c IS NULL, NULL, named_struct('kind', c.kind, 'phone', veil_mask(c.phone, 3, 2))))"
                + "   AS contacts,"
                + " transform(tags, t -> veil_mask_classes(t)) AS tags,"
                + " transform_values(attributes, (k, v) -> veil_pseudonym(v, 'pii')) AS attributes"
                + " FROM people");
    assertEquals(json(byJob), json(bySql));
    Row first = bySql.where("id = 1").first();
    assertEquals(
        "138******78",
        first.getList(1).get(0) instanceof Row
            ? ((Row) first.getList(1).get(0)).getString(1)
            : null);
    assertEquals(List.of("xxx", "XX"), first.getList(2).subList(0, 2));
  }

  private static List<String> json(Dataset<Row> df) {
    return df
        .select(functions.to_json(functions.struct(col("*"))))
        .orderBy(col("id").isNull())
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }
}
