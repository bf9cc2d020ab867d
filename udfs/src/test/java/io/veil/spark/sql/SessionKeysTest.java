package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyResolver;
import io.veil.keys.Keyset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key names resolved from Spark conf settings, with a fake environment. */
class SessionKeysTest {
  static final byte[] V1 = SqlTestKeys.bytes(32, 1);
  static final byte[] V2 = SqlTestKeys.bytes(32, 2);
  static final Map<String, String> ENV = Map.of(
      "K1", Base64.getEncoder().encodeToString(V1),
      "K2", Base64.getEncoder().encodeToString(V2));
  static final KeyResolver RESOLVER = new KeyResolver(ENV::get, alias -> null);

  static Keyset resolve(Map<String, String> conf, String name) {
    return SessionKeys.keyset("veil_encrypt", name, conf, RESOLVER);
  }

  static String failure(Map<String, String> conf, String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> resolve(conf, name));
    if (e instanceof SessionKeys.InvalidSetting) {
      SessionKeys.InvalidSetting s = (SessionKeys.InvalidSetting) e;
      return s.confName() + " = '" + s.shownValue() + "': " + e.getMessage();
    }
    return e.getMessage();
  }

  @Test
  void oneSourceIsVersionOne() {
    Keyset k = resolve(Map.of("spark.veil.keys.pii", "env:K1", "spark.sql.shuffle.partitions", "4"), "pii");
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
    assertEquals("spark.veil.keys.pii.primary = '': Key pii has versions [1, 2]: set spark.veil.keys.pii.primary to"
        + " the one new values use.", failure(conf, "pii"));
    conf.put("spark.veil.keys.pii.primary", "3");
    assertEquals("spark.veil.keys.pii.primary = '3': Key pii has versions [1, 2].", failure(conf, "pii"));
    conf.put("spark.veil.keys.pii.primary", "two");
    assertEquals("spark.veil.keys.pii.primary = '(not shown)': It must be a version number.", failure(conf, "pii"));
  }

  @Test
  void missingKeysNameTheFunctionTheKeyAndTheConfToSet() {
    assertEquals("spark.veil.keys.pii = '': veil_encrypt names key pii: set spark.veil.keys.pii to the key's source"
        + " (env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS), or spark.veil.keys.pii.v<N> and"
        + " spark.veil.keys.pii.primary for a key with versions.", failure(Map.of(), "pii"));
    assertEquals("spark.veil.keys.pii = 'env:NOPE': Cannot read key pii from env:NOPE: environment variable NOPE is"
        + " not set (for veil_encrypt).", failure(Map.of("spark.veil.keys.pii", "env:NOPE"), "pii"));
    assertEquals("spark.veil.keys.pii.v2 = 'env:NOPE': Cannot read key pii version 2 from env:NOPE: environment"
        + " variable NOPE is not set (for veil_encrypt).",
        failure(Map.of("spark.veil.keys.pii.v1", "env:K1", "spark.veil.keys.pii.v2", "env:NOPE",
            "spark.veil.keys.pii.primary", "1"), "pii"));
    assertEquals("Invalid key name 'a.b' for veil_encrypt: key names are letters, digits, '_' and '-'",
        failure(Map.of(), "a.b"));
  }

  @Test
  void inlineKeyMaterialIsRefusedWithoutEchoingIt() {
    String material = Base64.getEncoder().encodeToString(V1);
    String message = failure(Map.of("spark.veil.keys.pii", material), "pii");
    assertTrue(message.startsWith("spark.veil.keys.pii = '(not shown)': Invalid key source"), message);
    assertFalse(message.contains(material.substring(0, 12)), message);
  }

  @Test
  void settingsThatCannotBeBothOrUnknownAreRefused() {
    assertEquals("spark.veil.keys.pii.v2 = '(not shown)': Key pii is set both as spark.veil.keys.pii and as versions:"
        + " keep one.", failure(Map.of("spark.veil.keys.pii", "env:K1", "spark.veil.keys.pii.v2", "env:K2"), "pii"));
    assertEquals("spark.veil.keys.pii.version1 = '(not shown)': The settings of key pii are spark.veil.keys.pii, or"
        + " spark.veil.keys.pii.v<N>, spark.veil.keys.pii.primary and spark.veil.keys.pii.password-env.",
        failure(Map.of("spark.veil.keys.pii.version1", "env:K1"), "pii"));
  }

  @Test
  void keyMaterialInMessagesPrefixedSourcesHoldingAKeyAreNotEchoed() {
    String material = Base64.getEncoder().encodeToString(V1);
    for (String source : java.util.List.of("env:" + material, "file:" + material, "hadoop:" + material,
        "keystore:/k.p12#" + material)) {
      String message = failure(Map.of("spark.veil.keys.pii", source), "pii");
      assertFalse(message.contains(material.substring(0, 12)), message);
      assertFalse(message.contains(material.substring(20, 32)), message);
    }
  }
}
