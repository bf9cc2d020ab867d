package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyHygieneTest;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys on a shared SQL server (Thrift, Spark Connect): every user's session shares one
 * SparkContext, its static conf set by whoever started the application. A second session from
 * {@code newSession()} is such a user. Issue 20, findings 1, 2 and 12.
 */
class SharedServerKeysTest {
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SqlTestKeys.session();
  }

  static String keyFile(String name) {
    return SqlTestKeys.staticConf().get("spark.veil.keys." + name).substring("file:".length());
  }

  static AnalysisException error(SparkSession session, String query) {
    return assertThrows(AnalysisException.class, () -> session.sql(query).collect());
  }

  static final String RUNTIME_X =
      "[INVALID_CONF_VALUE.REQUIREMENT] The value '(not shown)' in the config"
          + " \"spark.veil.keys.x\" is invalid. Cannot use key x: spark.veil.keys.x is set in this session (SET or"
          + " spark.conf.set), and Veil takes key settings only from the conf the application starts with"
          + " (spark-submit --conf, spark-defaults.conf); nothing was read.";

  @Test
  void anySqlUserCannotPointAKeyNameAtAnySecretTheDriverCanRead() {
    String ciphertext = spark.sql("SELECT veil_encrypt('alice', 'pii')").first().getString(0);
    SparkSession user = spark.newSession();
    String file = keyFile("pii"); // a real key file the driver can read
    user.sql("SET spark.veil.keys.x = file:" + file);
    AnalysisException e = error(user, "SELECT veil_decrypt('" + ciphertext + "', 'x')");
    assertEquals("INVALID_CONF_VALUE.REQUIREMENT", e.getCondition());
    String message = e.getMessage();
    assertTrue(message.startsWith(RUNTIME_X), message);
    for (String telling :
        List.of(
            file,
            "veil-sql-keys",
            "pii.key",
            "exist",
            "no such",
            "32",
            "bytes",
            "length",
            "base64",
            "empty")) {
      assertFalse(message.contains(telling), () -> "<" + telling + "> in " + message);
    }
    // One message whatever the source names, whether it exists or not: no oracle for files,
    // variables, keystores or credential providers.
    for (String source :
        List.of(
            "file:/no/such/file.key",
            "env:PATH",
            "env:VEIL_TEST_NOT_SET",
            "keystore:" + file + "#pii",
            "hadoop:" + SqlTestKeys.JCEKS_ALIAS,
            "not a source at all")) {
      user.conf().set("spark.veil.keys.x", source);
      String other = error(user, "SELECT veil_pseudonym('a', 'x')").getMessage();
      assertEquals(
          message.substring(0, RUNTIME_X.length()), other.substring(0, RUNTIME_X.length()), source);
    }
  }

  @Test
  void anySqlUserCannotRepointOrExtendAKeyTheApplicationConfigured() {
    SparkSession user = spark.newSession();
    String expected = spark.sql("SELECT veil_pseudonym('a', 'pii')").first().getString(0);
    user.conf().set("spark.veil.keys.pii", "file:" + keyFile("pii_siv"));
    assertTrue(
        error(user, "SELECT veil_pseudonym('a', 'pii')")
            .getMessage()
            .contains(
                " The value '(not shown)' in"
                    + " the config \"spark.veil.keys.pii\" is invalid. Cannot use key pii: spark.veil.keys.pii is set in this"
                    + " session"));
    // Other sessions keep the application's key.
    assertEquals(expected, spark.sql("SELECT veil_pseudonym('a', 'pii')").first().getString(0));
    // Setting a key to the value it already has changes nothing, so it is allowed (a builder that
    // repeats the application's settings on getOrCreate does that).
    user.conf().set("spark.veil.keys.pii", SqlTestKeys.staticConf().get("spark.veil.keys.pii"));
    assertEquals(expected, user.sql("SELECT veil_pseudonym('a', 'pii')").first().getString(0));
    // Nor may a session add a version, a password variable or flip a compromised flag.
    for (String setting :
        List.of(
            "spark.veil.keys.rot.v3",
            "spark.veil.keys.rot.password-env",
            "spark.veil.keys.leaked.v1.compromised",
            "spark.veil.keys.rot.primary")) {
      SparkSession s = spark.newSession();
      s.conf().set(setting, "1");
      String name = setting.split("\\.")[3];
      assertTrue(
          error(s, "SELECT veil_encrypt('a', '" + name + "')")
              .getMessage()
              .contains(
                  "in the config \""
                      + setting
                      + "\" is invalid. Cannot use key "
                      + name
                      + ": "
                      + setting
                      + " is set in this session"),
          setting);
    }
  }

  @Test
  void anySqlUserCannotPointHadoopSourcesAtAnotherCredentialProvider() {
    for (String path :
        List.of(
            "spark.hadoop.hadoop.security.credential.provider.path",
            "hadoop.security.credential.provider.path")) {
      SparkSession user = spark.newSession();
      user.conf().set(path, "jceks://file/other/team.jceks");
      AnalysisException e = error(user, "SELECT veil_pseudonym('a', 'jceks')");
      assertTrue(
          e.getMessage()
              .contains(
                  "in the config \""
                      + path
                      + "\" is invalid. Cannot use key jceks: its"
                      + " source reads Hadoop credential providers, and "
                      + path
                      + " is set in this session (SET or"
                      + " spark.conf.set); Veil reads them only as the application starts with them; nothing was read."),
          e.getMessage());
      assertFalse(e.getMessage().contains("team.jceks"), e.getMessage());
      // Keys from other sources do not depend on that setting.
      assertEquals(20, user.sql("SELECT veil_pseudonym('a', 'pii')").first().getString(0).length());
    }
    assertEquals(
        "alice",
        spark
            .sql("SELECT veil_decrypt(veil_encrypt('alice', 'jceks'), 'jceks')")
            .first()
            .getString(0));
  }

  @Test
  void decryptionCanBeLeftOutOfASharedDeployment() {
    SparkSession user = spark.newSession();
    AnalysisException set = error(user, "SET spark.veil.decrypt.enabled = false");
    assertEquals("CANNOT_MODIFY_STATIC_CONFIG", set.getCondition());
    String encrypted = spark.sql("SELECT veil_encrypt('alice', 'pii')").first().getString(0);
    String fpe = spark.sql("SELECT veil_fpe_encrypt('13812345678', 'pii')").first().getString(0);
    // As if the application had started with --conf spark.veil.decrypt.enabled=false.
    spark.sparkContext().conf().set("spark.veil.decrypt.enabled", "false");
    try {
      for (String query :
          List.of(
              "SELECT veil_decrypt('" + encrypted + "', 'pii')",
              "SELECT veil_fpe_decrypt('" + fpe + "', 'pii')")) {
        AnalysisException e = error(user, query);
        assertEquals("FEATURE_NOT_ENABLED", e.getCondition());
        String function = query.substring("SELECT ".length(), query.indexOf('('));
        assertTrue(
            e.getMessage()
                .startsWith(
                    "[FEATURE_NOT_ENABLED] The feature "
                        + function
                        + " (decryption in SQL)"
                        + " is not enabled. Consider setting the config spark.veil.decrypt.enabled to true"),
            e.getMessage());
      }
      assertEquals(20, user.sql("SELECT veil_pseudonym('a', 'pii')").first().getString(0).length());
      assertTrue(user.sql("SELECT veil_encrypt('a', 'pii')").first().getString(0).length() > 20);
      // A typo does not turn decryption on.
      spark.sparkContext().conf().set("spark.veil.decrypt.enabled", "ture");
      assertEquals(
          "INVALID_CONF_VALUE.REQUIREMENT",
          error(user, "SELECT veil_decrypt('" + encrypted + "', 'pii')").getCondition());
    } finally {
      spark.sparkContext().conf().remove("spark.veil.decrypt.enabled");
    }
    assertEquals(
        "alice", user.sql("SELECT veil_decrypt('" + encrypted + "', 'pii')").first().getString(0));
  }

  @Test
  void hadoopSourcesAcceptNoPlainConfPropertyAsKeyMaterial() {
    AnalysisException e = error(spark, "SELECT veil_pseudonym('a', 'cleartext')");
    assertTrue(
        e.getMessage()
            .contains(
                "Cannot read key cleartext from hadoop:"
                    + SqlTestKeys.CLEARTEXT_ALIAS
                    + ": no credential provider holds alias "
                    + SqlTestKeys.CLEARTEXT_ALIAS),
        e.getMessage());
  }

  @Test
  void keyHygieneDemoKeysAreRefusedInSql() {
    AnalysisException e = error(spark, "SELECT veil_encrypt('a', 'demo')");
    assertTrue(
        e.getMessage()
            .contains(
                "in the config \"spark.veil.keys.demo\" is invalid. Cannot use key demo: it is"
                    + " one of Veil's demo keys (conf/demo-keys), which anyone can read; generate a key with veil keygen."),
        e.getMessage());
  }

  @Test
  void keyHygieneReadingACompromisedVersionIsWarnedAboutOnce() {
    String old = spark.sql("SELECT veil_encrypt('alice', 'rot1')").first().getString(0);
    String err =
        KeyHygieneTest.standardError(
            () -> {
              assertEquals(
                  "alice",
                  spark.sql("SELECT veil_decrypt('" + old + "', 'leaked')").first().getString(0));
              assertEquals(
                  "alice",
                  spark.sql("SELECT veil_decrypt('" + old + "', 'leaked')").first().getString(0));
              spark
                  .sql("SELECT veil_encrypt('bob', 'leaked')")
                  .collect(); // writes under version 2: nothing to say
              return null;
            });
    List<String> warnings = err.lines().filter(l -> l.startsWith("[veil] warning:")).toList();
    assertEquals(
        List.of(
            "[veil] warning: veil_decrypt reads key leaked, whose version 1"
                + " spark.veil.keys.leaked.v1.compromised marks compromised: re-encrypt what it protects under a version that"
                + " is not compromised, then remove version 1"),
        warnings,
        err);
  }
}
