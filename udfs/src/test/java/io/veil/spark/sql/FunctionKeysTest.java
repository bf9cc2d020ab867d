package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** Keys are named in queries, read from conf on the driver, and never shown. */
class FunctionKeysTest {
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SqlTestKeys.session();
  }

  static final String KEYED_QUERY =
      "SELECT veil_pseudonym(s, 'pii'), veil_fake(s, 'pii', 'name-zh'),"
          + " veil_encrypt(s, 'pii', 'ctx'), veil_encrypt_deterministic(s, 'pii_siv'),"
          + " veil_decrypt(veil_encrypt_deterministic(s, 'pii_siv'), 'pii_siv'), veil_fpe_encrypt(p, 'pii'),"
          + " veil_fpe_decrypt(p, 'pii', 'digits', 'x'), transform(array(s), x -> veil_encrypt(x, 'pii')) AS a"
          + " FROM VALUES ('alice@example.com', '13812345678') AS t(s, p)";

  /** Every text form a key might leak through: raw, hex, base64 of the keys and their subkeys. */
  static List<String> secrets() {
    List<String> out = new ArrayList<>();
    for (byte[] raw : List.of(SqlTestKeys.PII, SqlTestKeys.PII_SIV)) {
      List<byte[]> keys = new ArrayList<>(List.of(raw));
      KeyMaterial k = KeyMaterial.of(raw);
      for (String purpose :
          List.of(
              "pseudonym/hmac-sha256",
              "fake/hmac-sha256",
              "randomized/aes-256-gcm",
              "format-preserving/ff1")) {
        keys.add(k.derive(purpose, 32).copyBytes());
      }
      keys.add(k.derive("deterministic/aes-siv-512", 64).copyBytes());
      for (byte[] b : keys) {
        out.add(Base64.getEncoder().encodeToString(b).substring(0, 16));
        out.add(Base64.getUrlEncoder().encodeToString(b).substring(0, 16));
        out.add(HexFormat.of().formatHex(b).substring(0, 16));
        out.add(HexFormat.of().withUpperCase().formatHex(b).substring(0, 16));
        out.add(java.util.Arrays.toString(b).substring(0, 16));
      }
    }
    return out;
  }

  @Test
  void keyBytesAppearInNoPlanNoExplainAndNoColumnName() {
    Dataset<Row> df = spark.sql(KEYED_QUERY);
    assertEquals(8, df.collectAsList().get(0).size());
    List<String> texts = new ArrayList<>();
    texts.add(df.queryExecution().toString());
    for (String mode : List.of("simple", "extended", "codegen", "cost", "formatted")) {
      texts.add(df.queryExecution().explainString(ExplainMode.fromString(mode)));
    }
    texts.add(String.join(",", df.columns()));
    texts.add(df.queryExecution().executedPlan().treeString());
    String all = String.join("\n", texts);
    assertTrue(all.contains("veil_encrypt(s#"), "the plan names the function: " + all);
    assertTrue(all.contains(", pii, ctx)"), "and the key by name");
    for (String secret : secrets()) {
      assertFalse(all.contains(secret), "key material in a plan: " + secret);
    }
  }

  @Test
  void missingAndMisfitKeysAreAnalysisErrorsNamingKeyAndConf() {
    AnalysisException e = error("SELECT veil_pseudonym('x', 'nokey')");
    assertEquals("INVALID_CONF_VALUE.REQUIREMENT", e.getCondition());
    assertTrue(
        e.getMessage()
            .startsWith(
                "[INVALID_CONF_VALUE.REQUIREMENT] The value '' in the config"
                    + " \"spark.veil.keys.nokey\" is invalid. veil_pseudonym names key nokey: set spark.veil.keys.nokey to the"
                    + " key's source (env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS), or spark.veil.keys.nokey.v<N> and"
                    + " spark.veil.keys.nokey.primary for a key with versions, in the conf the application starts with"
                    + " (spark-submit --conf, spark-defaults.conf)."),
        e.getMessage());
    assertStarts(
        "SELECT veil_pseudonym('x', 'unset_env')",
        "[INVALID_CONF_VALUE.REQUIREMENT] The value"
            + " 'env:VEIL_TEST_NOT_SET' in the config \"spark.veil.keys.unset_env\" is invalid. Cannot read key unset_env"
            + " from env:VEIL_TEST_NOT_SET: environment variable VEIL_TEST_NOT_SET is not set (for veil_pseudonym).");
    String inline = SqlTestKeys.staticConf().get("spark.veil.keys.inline");
    e = error("SELECT veil_pseudonym('x', 'inline')");
    assertTrue(
        e.getMessage()
            .startsWith(
                "[INVALID_CONF_VALUE.REQUIREMENT] The value '(not shown)' in the config"
                    + " \"spark.veil.keys.inline\" is invalid. Invalid key source: expected one of env:NAME, file:PATH,"
                    + " keystore:PATH#ALIAS, hadoop:ALIAS (key material is never written inline)."),
        e.getMessage());
    assertFalse(e.getMessage().contains(inline.substring(0, 12)));

    assertStarts(
        "SELECT veil_encrypt('x', 'pii_siv')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of parameter(s)"
            + " `key_name` in `veil_encrypt` is invalid: key pii_siv version 1 has 64 bytes, expected 32 for randomized"
            + " encryption (veil keygen --type aes-256 prints one).");
    assertStarts(
        "SELECT veil_encrypt_deterministic('x', 'pii')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of"
            + " parameter(s) `key_name` in `veil_encrypt_deterministic` is invalid: key pii version 1 has 32 bytes,"
            + " expected 64 for deterministic encryption (veil keygen --type aes-siv-512 prints one).");
    assertStarts(
        "SELECT veil_fpe_encrypt('123456', 'pii_siv')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of"
            + " parameter(s) `key_name` in `veil_fpe_encrypt` is invalid: key pii_siv version 1 has 64 bytes, expected 32"
            + " for format-preserving encryption (veil keygen prints one).");
    assertStarts(
        "SELECT veil_fake('x', 'short', 'city')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of"
            + " parameter(s) `key_name` in `veil_fake` is invalid: key short version 1 has 16 bytes, expected at least 32"
            + " for fake values (veil keygen prints one).");
    assertStarts(
        "SELECT veil_decrypt('AQ==', 'short')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of"
            + " parameter(s) `key_name` in `veil_decrypt` is invalid: key short has 16-byte versions; Veil ciphertext"
            + " needs 32 bytes (veil_encrypt) or 64 (veil_encrypt_deterministic).");
  }

  static AnalysisException error(String query) {
    return assertThrows(AnalysisException.class, () -> spark.sql(query).collect());
  }

  static void assertStarts(String query, String expected) {
    String message = error(query).getMessage();
    assertTrue(
        message.startsWith(expected),
        () -> "expected '" + expected + "' at the start of: " + message);
  }

  @Test
  void rotatedKeysDecryptOldVersionsAndEncryptUnderThePrimary() {
    String old = spark.sql("SELECT veil_encrypt('alice', 'rot1')").first().getString(0);
    assertEquals(1, version(old));
    Row r =
        spark
            .sql("SELECT veil_decrypt('" + old + "', 'rot'), veil_encrypt('alice', 'rot')")
            .first();
    assertEquals("alice", r.getString(0));
    assertEquals(2, version(r.getString(1)));
    // Re-encrypting under the primary, as the job's rekey does, in SQL.
    String rekeyed =
        spark
            .sql("SELECT veil_encrypt(veil_decrypt('" + old + "', 'rot'), 'rot')")
            .first()
            .getString(0);
    assertEquals(2, version(rekeyed));
  }

  private static int version(String ciphertext) {
    return ByteBuffer.wrap(Base64.getDecoder().decode(ciphertext), 1, 4).getInt();
  }

  @Test
  void valuesThatDoNotDecryptFailNamingFunctionAndKeyButNotTheValue() {
    String ciphertext = spark.sql("SELECT veil_encrypt('alice', 'pii')").first().getString(0);
    byte[] b = Base64.getDecoder().decode(ciphertext);
    b[b.length - 1] ^= 1;
    String tampered = Base64.getEncoder().encodeToString(b);
    SparkException e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .sql("SELECT veil_decrypt(c, 'pii') FROM VALUES ('" + tampered + "') AS t(c)")
                    .collect());
    String message = rootMessage(e);
    assertEquals(
        "Invalid value in veil_decrypt (key pii): it does not authenticate (a tampered value, the wrong key"
            + " or the wrong context)",
        message);
    e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .sql(
                        "SELECT veil_decrypt(c, 'pii_siv') FROM VALUES ('"
                            + ciphertext
                            + "') AS t(c)")
                    .collect());
    assertEquals(
        "Invalid value in veil_decrypt (key pii_siv): it is randomized (AES-256-GCM, 32-byte key) ciphertext,"
            + " but the key has 64-byte versions",
        rootMessage(e));
    e =
        assertThrows(
            SparkException.class,
            () ->
                spark
                    .sql("SELECT veil_fpe_encrypt(c, 'pii') FROM VALUES ('12-34') AS t(c)")
                    .collect());
    assertEquals(
        "Invalid value in veil_fpe_encrypt (key pii): the value has too few characters of the alphabet (FF1"
            + " needs a domain of at least 1,000,000)",
        rootMessage(e));
    assertFalse(message.contains(tampered.substring(0, 10)));
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Test
  void randomizedEncryptionIsNondeterministicTheOthersAreNot() {
    Dataset<Row> df =
        spark.sql(
            "SELECT veil_encrypt(s, 'pii') AS a, veil_encrypt(s, 'pii') AS b,"
                + " veil_encrypt_deterministic(s, 'pii_siv') AS c, veil_encrypt_deterministic(s, 'pii_siv') AS d"
                + " FROM VALUES ('alice') AS t(s)");
    List<Expression> projected =
        CollectionConverters.asJava(df.queryExecution().analyzed().expressions());
    assertEquals(
        List.of(false, false, true, true),
        projected.stream().map(Expression::deterministic).toList());
    Row r = df.first();
    assertNotEquals(r.getString(0), r.getString(1));
    assertEquals(r.getString(2), r.getString(3));
    // The optimizer keeps both calls: a filter on one does not get rewritten through the other.
    Dataset<Row> twice =
        spark.sql(
            "SELECT a, b FROM (SELECT veil_encrypt(s, 'pii') AS a, veil_encrypt(s, 'pii') AS b"
                + " FROM VALUES ('alice'), ('bob') AS t(s)) WHERE a <> b");
    assertEquals(2, twice.count());
  }
}
