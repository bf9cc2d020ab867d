package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyResolver;
import io.veil.keys.Keyset;
import io.veil.testing.SharedSpark;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key names resolved from Spark conf settings, with a fake environment. */
class SessionKeysTest {
  static final byte[] V1 = SqlTestKeys.bytes(32, 1);
  static final byte[] V2 = SqlTestKeys.bytes(32, 2);
  static final Map<String, String> ENV =
      Map.of(
          "K1", Base64.getEncoder().encodeToString(V1),
          "K2", Base64.getEncoder().encodeToString(V2));
  static final KeyResolver RESOLVER = new KeyResolver(ENV::get, alias -> null);

  /**
   * Resolves from {@code conf} as the application's static conf, with a session that sets nothing
   * else.
   */
  static Keyset resolve(Map<String, String> conf, String name) {
    return SessionKeys.keyset("veil_encrypt", name, conf, conf, RESOLVER);
  }

  static String failure(Map<String, String> conf, String name) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> resolve(conf, name));
    if (e instanceof SessionKeys.InvalidSetting) {
      SessionKeys.InvalidSetting s = (SessionKeys.InvalidSetting) e;
      return s.confName() + " = '" + s.shownValue() + "': " + e.getMessage();
    }
    return e.getMessage();
  }

  @Test
  void oneSourceIsVersionOne() {
    Keyset k =
        resolve(
            Map.of("spark.veil.keys.pii", "env:K1", "spark.sql.shuffle.partitions", "4"), "pii");
    assertEquals(1, k.primaryVersion());
    assertArrayEquals(V1, k.primary().copyBytes());
    assertEquals("pii", k.name());
  }

  @Test
  void versionsWithAPrimary() {
    Map<String, String> conf = new HashMap<>();
    conf.put("spark.veil.keys.pii.v1", "env:K1");
    conf.put("spark.veil.keys.pii.v2", "env:K2");
    conf.put("spark.veil.keys.pii.primary", "2");
    conf.put("spark.veil.keys.pii2", "env:K1"); // another key sharing the prefix is not a version
    Keyset k = resolve(conf, "pii");
    assertEquals(2, k.primaryVersion());
    assertEquals(2, k.versions().size());
    assertArrayEquals(V1, k.version(1).copyBytes());
    assertArrayEquals(V2, k.primary().copyBytes());
    conf.remove("spark.veil.keys.pii.primary");
    assertEquals(
        "spark.veil.keys.pii.primary = '': Key pii has versions [1, 2]: set spark.veil.keys.pii.primary to"
            + " the one new values use.",
        failure(conf, "pii"));
    conf.put("spark.veil.keys.pii.primary", "3");
    assertEquals(
        "spark.veil.keys.pii.primary = '3': Key pii has versions [1, 2].", failure(conf, "pii"));
    conf.put("spark.veil.keys.pii.primary", "two");
    assertEquals(
        "spark.veil.keys.pii.primary = '(not shown)': It must be a version number.",
        failure(conf, "pii"));
  }

  @Test
  void missingKeysNameTheFunctionTheKeyAndTheConfToSet() {
    assertEquals(
        "spark.veil.keys.pii = '': veil_encrypt names key pii: set spark.veil.keys.pii to the key's source"
            + " (env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS), or spark.veil.keys.pii.v<N> and"
            + " spark.veil.keys.pii.primary for a key with versions, in the conf the application starts with"
            + " (spark-submit --conf, spark-defaults.conf).",
        failure(Map.of(), "pii"));
    assertEquals(
        "spark.veil.keys.pii = 'env:NOPE': Cannot read key pii from env:NOPE: environment variable NOPE is"
            + " not set (for veil_encrypt).",
        failure(Map.of("spark.veil.keys.pii", "env:NOPE"), "pii"));
    assertEquals(
        "spark.veil.keys.pii.v2 = 'env:NOPE': Cannot read key pii version 2 from env:NOPE: environment"
            + " variable NOPE is not set (for veil_encrypt).",
        failure(
            Map.of(
                "spark.veil.keys.pii.v1",
                "env:K1",
                "spark.veil.keys.pii.v2",
                "env:NOPE",
                "spark.veil.keys.pii.primary",
                "1"),
            "pii"));
    assertEquals(
        "Invalid key name 'a.b' for veil_encrypt: key names are letters, digits, '_' and '-'",
        failure(Map.of(), "a.b"));
  }

  @Test
  void inlineKeyMaterialIsRefusedWithoutEchoingIt() {
    String material = Base64.getEncoder().encodeToString(V1);
    String message = failure(Map.of("spark.veil.keys.pii", material), "pii");
    assertTrue(
        message.startsWith("spark.veil.keys.pii = '(not shown)': Invalid key source"), message);
    assertFalse(message.contains(material.substring(0, 12)), message);
  }

  @Test
  void settingsThatCannotBeBothOrUnknownAreRefused() {
    assertEquals(
        "spark.veil.keys.pii.v2 = '(not shown)': Key pii is set both as spark.veil.keys.pii and as versions:"
            + " keep one.",
        failure(
            Map.of("spark.veil.keys.pii", "env:K1", "spark.veil.keys.pii.v2", "env:K2"), "pii"));
    assertEquals(
        "spark.veil.keys.pii.version1 = '(not shown)': The settings of key pii are spark.veil.keys.pii, or"
            + " spark.veil.keys.pii.v<N>, spark.veil.keys.pii.primary and spark.veil.keys.pii.password-env, and"
            + " spark.veil.keys.pii.v<N>.compromised.",
        failure(Map.of("spark.veil.keys.pii.version1", "env:K1"), "pii"));
  }

  @Test
  void keyMaterialInMessagesPrefixedSourcesHoldingAKeyAreNotEchoed() {
    String material = Base64.getEncoder().encodeToString(V1);
    for (String source :
        java.util.List.of(
            "env:" + material,
            "file:" + material,
            "hadoop:" + material,
            "keystore:/k.p12#" + material)) {
      String message = failure(Map.of("spark.veil.keys.pii", source), "pii");
      assertFalse(message.contains(material.substring(0, 12)), message);
      assertFalse(message.contains(material.substring(20, 32)), message);
    }
  }

  /** Issue 20, finding 1: only the application's static conf names key sources. */
  @Test
  void anySqlUserCannotPointAKeyNameAtAnySecret() {
    Map<String, String> application = Map.of("spark.veil.keys.pii", "env:K1");
    Map<String, String> session = new HashMap<>(application);
    session.put("spark.veil.keys.x", "env:K2");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SessionKeys.keyset("veil_decrypt", "x", application, session, RESOLVER));
    assertEquals(
        "Cannot use key x: spark.veil.keys.x is set in this session (SET or spark.conf.set), and Veil takes"
            + " key settings only from the conf the application starts with (spark-submit --conf, spark-defaults.conf);"
            + " nothing was read.",
        e.getMessage());
    assertEquals("spark.veil.keys.x", ((SessionKeys.InvalidSetting) e).confName());
    assertEquals("(not shown)", ((SessionKeys.InvalidSetting) e).shownValue());
    // Keys the session leaves alone still resolve, from the application's conf.
    assertArrayEquals(
        V1,
        SessionKeys.keyset("veil_decrypt", "pii", application, session, RESOLVER)
            .primary()
            .copyBytes());
    // A session without the application's setting (unset) still gets the application's key.
    assertArrayEquals(
        V1,
        SessionKeys.keyset("veil_decrypt", "pii", application, Map.of(), RESOLVER)
            .primary()
            .copyBytes());
    session.put("spark.veil.keys.pii", "env:K2");
    assertThrows(
        SessionKeys.InvalidSetting.class,
        () -> SessionKeys.keyset("veil_decrypt", "pii", application, session, RESOLVER));
  }

  /** Issue 20, finding 12: versions may be marked compromised; demo keys are refused. */
  @Test
  void keyHygieneCompromisedVersionsAndDemoKeys() throws Exception {
    Map<String, String> conf = new HashMap<>();
    conf.put("spark.veil.keys.pii.v1", "env:K1");
    conf.put("spark.veil.keys.pii.v1.compromised", "true");
    conf.put("spark.veil.keys.pii.v2", "env:K2");
    conf.put("spark.veil.keys.pii.v2.compromised", "false");
    conf.put("spark.veil.keys.pii.primary", "2");
    assertEquals(java.util.Set.of(1), resolve(conf, "pii").compromised());
    conf.put("spark.veil.keys.pii.v2.compromised", "maybe");
    assertEquals(
        "spark.veil.keys.pii.v2.compromised = '(not shown)': It must be true or false.",
        failure(conf, "pii"));
    conf.remove("spark.veil.keys.pii.v2.compromised");
    conf.put("spark.veil.keys.pii.v3.compromised", "true");
    assertEquals(
        "spark.veil.keys.pii.v3.compromised = 'true': Key pii has versions [1, 2].",
        failure(conf, "pii"));

    String demo =
        java.nio.file.Files.readString(
            SharedSpark.projectDir().resolve("conf/demo-keys/demo-only-pii.key"));
    KeyResolver withDemo = new KeyResolver(Map.of("DEMO", demo)::get, alias -> null);
    SessionKeys.InvalidSetting e =
        assertThrows(
            SessionKeys.InvalidSetting.class,
            () ->
                SessionKeys.keyset(
                    "veil_encrypt",
                    "pii",
                    Map.of("spark.veil.keys.pii", "env:DEMO"),
                    Map.of(),
                    withDemo));
    assertEquals(
        "spark.veil.keys.pii = 'env:DEMO': Cannot use key pii: it is one of Veil's demo keys"
            + " (conf/demo-keys), which anyone can read; generate a key with veil keygen.",
        e.confName() + " = '" + e.shownValue() + "': " + e.getMessage());
  }
}
