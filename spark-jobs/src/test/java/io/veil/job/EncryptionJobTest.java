package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encrypt, decrypt and rekey jobs on the sample customers, with file keys. */
class EncryptionJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String input;
  static String encrypted;
  static String aes256v1;
  static String aes256v2;
  static String siv;

  static String key(String name, int bytes, long seed) throws IOException {
    byte[] b = new byte[bytes];
    new Random(seed).nextBytes(b);
    Path f = dir.resolve(name + ".key");
    Files.writeString(f, Base64.getEncoder().encodeToString(b) + "\n");
    return "file:" + f;
  }

  static String keys(String dataVersions, int dataPrimary) {
    return "  keys {\n"
        + "    data { versions = ["
        + dataVersions
        + "], primary = "
        + dataPrimary
        + " }\n"
        + "    join = \""
        + siv
        + "\"\n"
        + "  }\n";
  }

  static Path job(String name, String keys, String in, String out, String columns)
      throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + keys
            + "  tables = [{ name = customers, input { path = \""
            + in
            + "\" }, output { path = \""
            + out
            + "\" },\n"
            + "    unlisted-columns = keep\n"
            + "    columns {\n"
            + columns
            + "    }\n  }]\n}\n");
    return f;
  }

  static final String ENCRYPT =
      "      email { op = encrypt, mode = deterministic, key = join, context = \"customers.email\" }\n"
          + "      phone { op = encrypt, mode = format-preserving, key = data, on-invalid = null, context = \"customers.phone\" }\n"
          + "      id_card { op = encrypt, mode = format-preserving, key = data, alphabet = digits, context = none }\n"
          + "      name { op = encrypt, key = data }\n"
          + "      salary { op = encrypt, key = data, encoding = binary }\n"
          + "      birth_date { op = encrypt, key = data }\n"
          + "      \"address.street\" { op = encrypt, key = data }\n";

  static final String DECRYPT =
      "      email { op = decrypt, key = join }\n"
          + "      phone { op = decrypt, key = data }\n"
          + "      id_card { op = decrypt, key = data }\n"
          + "      name { op = decrypt, key = data }\n"
          + "      salary { op = decrypt, key = data }\n"
          + "      birth_date { op = decrypt, key = data }\n"
          + "      \"address.street\" { op = decrypt, key = data }\n";

  @BeforeAll
  static void encrypt() throws IOException {
    spark = SharedSpark.get();
    aes256v1 = key("data-v1", 32, 1);
    aes256v2 = key("data-v2", 32, 2);
    siv = key("join", 64, 3);
    input = SharedSpark.projectDir().resolve("sample-data/customers").toString();
    encrypted = dir.resolve("encrypted").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "encrypt",
                    keys("{ version = 1, source = \"" + aes256v1 + "\" }", 1),
                    input,
                    encrypted,
                    ENCRYPT)
                .toString());
    assertEquals(0, r.code, r::toString);
  }

  static Dataset<Row> read(String path) {
    return spark.read().parquet(path);
  }

  @Test
  void encryptedColumnsHideValuesKeepFormatsAndJoin() {
    Dataset<Row> in = read(input);
    Dataset<Row> out = read(encrypted);
    assertEquals("binary", out.schema().apply("salary").dataType().typeName());
    Dataset<Row> pairs = in.as("i").join(out.as("o"), "customer_id");
    assertEquals(
        0, pairs.where("i.email = o.email or i.name = o.name or i.id_card = o.id_card").count());
    // FF1 keeps length and the characters outside the alphabet: the ID number's final X.
    assertEquals(0, pairs.where("length(i.id_card) <> length(o.id_card)").count());
    assertEquals(
        pairs.where("i.id_card like '%X'").count(), pairs.where("o.id_card like '%X'").count());
    assertEquals(0, pairs.where("o.id_card not rlike '^[0-9]{17}[0-9X]$'").count());
    assertEquals(
        0,
        pairs
            .where("regexp_replace(i.phone, '[0-9]', '') <> regexp_replace(o.phone, '[0-9]', '')")
            .count());
    // Deterministic: equal emails give equal ciphertexts, so the column still joins and groups.
    assertEquals(in.select("email").distinct().count(), out.select("email").distinct().count());
    assertTrue(out.first().getAs("name").toString().matches("[A-Za-z0-9+/=]+"));
  }

  @Test
  void decryptRestoresValuesAndTypes() throws IOException {
    String decrypted = dir.resolve("decrypted").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "decrypt",
                    keys("{ version = 1, source = \"" + aes256v1 + "\" }", 1),
                    encrypted,
                    decrypted,
                    DECRYPT)
                .toString());
    assertEquals(0, r.code, r::toString);
    Dataset<Row> in = read(input);
    Dataset<Row> back = read(decrypted);
    assertEquals(in.schema().simpleString(), back.schema().simpleString());
    String[] cols = {
      "customer_id", "email", "phone", "id_card", "name", "salary", "birth_date", "address"
    };
    assertEquals(0, in.selectExpr(cols).exceptAll(back.selectExpr(cols)).count());
    assertEquals(0, back.selectExpr(cols).exceptAll(in.selectExpr(cols)).count());
  }

  @Test
  void rekeyMovesValuesToThePrimaryVersionAndCountsOldOnes() throws IOException {
    String rekeyed = dir.resolve("rekeyed").toString();
    String both =
        "{ version = 1, source = \""
            + aes256v1
            + "\" }, { version = 2, source = \""
            + aes256v2
            + "\" }";
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "rekey",
                    keys(both, 2),
                    encrypted,
                    rekeyed,
                    "      name { op = rekey, key = data }\n      id_card { op = rekey, key = data }\n")
                .toString());
    assertEquals(0, r.code, r::toString);
    JsonNode report = new ObjectMapper().readTree(Path.of(rekeyed, "_veil_report.json").toFile());
    long names = read(input).where("name is not null").count();
    assertEquals(names, report.at("/operation_metrics/name/values_from_version_1").asLong());
    assertEquals(0, report.at("/operation_metrics/name/values_from_version_2").asLong());
    assertEquals(
        read(input).where("id_card is not null").count(),
        report.at("/operation_metrics/id_card/values_from_version_1").asLong());
    assertNotEquals(
        read(encrypted).orderBy("customer_id").first().getAs("id_card").toString(),
        read(rekeyed).orderBy("customer_id").first().getAs("id_card").toString());
    // Version 2 alone now decrypts the rekeyed columns.
    String decrypted = dir.resolve("rekeyed-decrypted").toString();
    CliRun d =
        CliRun.of(
            "run",
            job(
                    "decrypt-v2",
                    keys("{ version = 2, source = \"" + aes256v2 + "\" }", 2),
                    rekeyed,
                    decrypted,
                    "      name { op = decrypt, key = data }\n      id_card { op = decrypt, key = data }\n")
                .toString());
    assertEquals(0, d.code, d::toString);
    assertEquals(
        0,
        read(input)
            .select("customer_id", "name", "id_card")
            .exceptAll(read(decrypted).select("customer_id", "name", "id_card"))
            .count());
  }

  @Test
  void tamperedCiphertextFailsNamingColumnAndKeyAndPublishesNothing() throws IOException {
    String tampered = dir.resolve("tampered").toString();
    Dataset<Row> enc = read(encrypted);
    // Alter one ciphertext (past its header); the column keeps its Veil metadata.
    Dataset<Row> t =
        enc.withColumn(
            "name",
            functions
                .when(
                    functions.col("customer_id").equalTo(1),
                    functions.expr(
                        "concat(substring(name, 1, 29), if(substring(name, 30, 1) = 'A', 'B', 'A'), substring(name, 31))"))
                .otherwise(functions.col("name"))
                .as("name", enc.schema().apply("name").metadata()));
    t.write().mode(SaveMode.Overwrite).parquet(tampered);
    String out = dir.resolve("tampered-out").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "tampered",
                    keys("{ version = 1, source = \"" + aes256v1 + "\" }", 1),
                    tampered,
                    out,
                    "      name { op = decrypt, key = data }\n")
                .toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("column name of table customers (key data)"), r.err);
    assertTrue(r.err.contains("does not authenticate"), r.err);
    assertFalse(Files.exists(Path.of(out)));
    String firstName = read(input).where("customer_id = 1").first().getAs("name");
    assertFalse(r.err.contains(firstName), "no value in the message");
  }

  @Test
  void wrongKeyFails() throws IOException {
    String out = dir.resolve("wrong-key-out").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "wrong",
                    keys("{ version = 1, source = \"" + aes256v2 + "\" }", 1),
                    encrypted,
                    out,
                    "      name { op = decrypt, key = data }\n")
                .toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("column name of table customers (key data)"), r.err);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void wrongKeySizeIsRefusedNamingKeyAndSize() throws IOException {
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "size",
                    keys("{ version = 1, source = \"" + siv + "\" }", 1),
                    input,
                    dir.resolve("size-out").toString(),
                    "      name { op = encrypt, key = data }\n")
                .toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "Invalid key data for randomized encryption of column name: version 1 has 64 bytes, expected 32"),
        r.err);
  }

  @Test
  void sparkEnvelopeKeyCannotServeAnythingElse() throws IOException {
    CliRun r =
        CliRun.of(
            "check",
            job(
                    "spark-env",
                    keys("{ version = 1, source = \"" + aes256v1 + "\" }", 1),
                    input,
                    dir.resolve("env-out").toString(),
                    "      name { op = encrypt, key = data, envelope = spark }\n"
                        + "      email { op = replace, with = pseudonym, key = data }\n")
                .toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("Invalid use of key data: envelope = spark"), r.err);
  }

  /** Issue 20, finding 10: this threw a NullPointerException (exit 1). */
  @Test
  void formatPreservingDecryptOfAColumnWithoutMetadata() throws IOException {
    Dataset<Row> enc = read(encrypted);
    String stripped = dir.resolve("fpe-stripped").toString();
    enc.select(
            enc.col("customer_id"),
            enc.col("phone").as("phone", org.apache.spark.sql.types.Metadata.empty()))
        .write()
        .parquet(stripped);
    String rule =
        "      phone { op = decrypt, key = data, mode = format-preserving, context = \"customers.phone\" }\n";
    String both =
        "{ version = 1, source = \""
            + aes256v1
            + "\" }, { version = 2, source = \""
            + aes256v2
            + "\" }";
    String ambiguous = dir.resolve("fpe-ambiguous").toString();
    CliRun r =
        CliRun.of("run", job("fpe-ambiguous", keys(both, 2), stripped, ambiguous, rule).toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("format-preserving ciphertext names no key version"), r.err);
    assertFalse(Files.exists(Path.of(ambiguous)));
    String back = dir.resolve("fpe-back").toString();
    CliRun ok =
        CliRun.of(
            "run",
            job(
                    "fpe-back",
                    keys("{ version = 1, source = \"" + aes256v1 + "\" }", 1),
                    stripped,
                    back,
                    rule)
                .toString());
    assertEquals(0, ok.code, ok::toString);
    assertEquals(
        0,
        read(input)
            .select("customer_id", "phone")
            .exceptAll(read(back).select("customer_id", "phone"))
            .count());
  }

  /** Issue 20, finding 6: the reuse check was by key name; two names for one secret slipped by. */
  @Test
  void sparkEnvelopeBytesCannotServeAnythingElseUnderAnotherName() throws IOException {
    Path f = dir.resolve("spark-alias.conf");
    Files.writeString(
        f,
        "veil {\n  keys { data = \""
            + aes256v1
            + "\", alias = \""
            + aes256v1
            + "\" }\n"
            + "  tables = [{ name = customers, input { path = \""
            + input
            + "\" }, output { path = \""
            + dir.resolve("alias-out")
            + "\" },\n    unlisted-columns = keep\n    columns {\n"
            + "      name { op = encrypt, key = data, envelope = spark }\n"
            + "      email { op = replace, with = pseudonym, key = alias }\n    }\n  }]\n}\n");
    CliRun r = CliRun.of("check", f.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains("Invalid use of keys data and alias (the same bytes): envelope = spark"),
        r.err);
  }

  /**
   * Issue 20, finding 12: a version marked compromised still reads, and reading it is warned about
   * once.
   */
  @Test
  void keyHygieneRekeyWarnsOnceWhenItReadsACompromisedVersion() throws IOException {
    String rekeyed = dir.resolve("rekeyed-from-compromised").toString();
    String both =
        "{ version = 1, source = \""
            + aes256v1
            + "\", compromised = true },"
            + " { version = 2, source = \""
            + aes256v2
            + "\" }";
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "rekey-compromised",
                    keys(both, 2),
                    encrypted,
                    rekeyed,
                    "      name { op = rekey, key = data }\n      id_card { op = rekey, key = data }\n")
                .toString());
    assertEquals(0, r.code, r::toString);
    String warning = "[veil] warning: version 1 of key data is marked compromised (";
    assertEquals(1, r.err.lines().filter(l -> l.startsWith(warning)).count(), r::toString);
    assertTrue(
        r.err.contains(
            "rekey-compromised.conf:3): column name of table customers (key data) reads values"
                + " written under it; rekey them under a version that is not compromised, then remove version 1"),
        r::toString);
    JsonNode report = new ObjectMapper().readTree(Path.of(rekeyed, "_veil_report.json").toFile());
    assertEquals(
        read(input).where("name is not null").count(),
        report.at("/operation_metrics/name/values_from_version_1").asLong());
    // Encrypting under version 2 reads nothing under version 1: no warning.
    CliRun e =
        CliRun.of(
            "check",
            job(
                    "encrypt-compromised",
                    keys(both, 2),
                    input,
                    dir.resolve("never-written").toString(),
                    "      name { op = encrypt, key = data }\n")
                .toString());
    assertEquals(0, e.code, e::toString);
    assertFalse(e.err.contains("compromised"), e::toString);
  }
}
