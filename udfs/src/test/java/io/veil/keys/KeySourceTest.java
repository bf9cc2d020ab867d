package io.veil.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What of a key source's text may appear in a message: a scheme and names that cannot be keys. */
class KeySourceTest {
  /** Key material as people paste it: keygen's base64, URL-safe base64 without padding, hex. */
  static List<String> pastedKeys(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] key = new byte[i % 3 == 0 ? 64 : 32];
      random.nextBytes(key);
      out.add(Base64.getEncoder().encodeToString(key));
      out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key));
      out.add(HexFormat.of().formatHex(key));
      out.add(HexFormat.of().withUpperCase().formatHex(key));
    }
    return out;
  }

  static void assertNoPartOf(String key, String text) {
    for (int i = 0; i + 12 <= key.length(); i += 6) {
      String part = key.substring(i, i + 12);
      assertFalse(text.contains(part), () -> "<" + text + "> repeats part of the key " + part);
    }
  }

  @Test
  void keyMaterialInMessagesAnEnvSourceHoldingAKeyIsRefusedSayingWhatIsWrong() {
    for (String key : pastedKeys(30, 1)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> KeySource.parse("env:" + key));
      assertNoPartOf(key, e.getMessage());
      assertTrue(e.getMessage().startsWith("Invalid key source env:"), e.getMessage());
      assertTrue(e.getMessage().contains("is not an environment variable name"), e.getMessage());
    }
  }

  @Test
  void keyMaterialInMessagesFileKeystoreAndHadoopSourcesHoldingAKeyAreNotEchoed() {
    KeyResolver resolver = new KeyResolver(Map.<String, String>of()::get, alias -> null);
    for (String key : pastedKeys(100, 2)) {
      for (String text :
          List.of(
              "file:" + key,
              "hadoop:" + key,
              "keystore:/etc/veil/keys.p12#" + key,
              "keystore:" + key + "#pii")) {
        KeySource source = KeySource.parse(text);
        assertNoPartOf(key, source.toString());
        KeyResolutionException e =
            assertThrows(KeyResolutionException.class, () -> resolver.resolve("pii", source, null));
        assertNoPartOf(key, e.getMessage());
      }
    }
  }

  @Test
  void namesAndPathsThatCannotBeKeyMaterialAreShownAsWritten() {
    for (String text :
        List.of(
            "env:VEIL_KEY_PII_V1",
            "env:veil_key",
            "env:_K1",
            "file:/etc/veil/pii-v1.key",
            "file:conf/demo-keys/demo-only-pii.key",
            "file:/tmp/junit3427805462853519084/keys/aes-256.key",
            "keystore:/etc/veil/keys.p12#pii-v1",
            "hadoop:veil.pii.v2",
            "hadoop:hadoop-alias")) {
      assertEquals(text, KeySource.parse(text).toString());
    }
  }
}
