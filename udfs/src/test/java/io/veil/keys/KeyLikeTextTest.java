package io.veil.keys;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which names messages may show: every key hidden, the paths people write shown. */
class KeyLikeTextTest {
  @Test
  void pathsWithLongNumbersAreShown() {
    // JUnit's and Java's temporary directories: many distinct characters, few switches.
    for (String path :
        new String[] {
          "/tmp/junit-6053656924940679081/keys/no-such.key",
          "/tmp/junit-12513492125135659770/keys/aes-256.key",
          "/secrets/pii-v1.key",
          "/var/run/veil/keys/prod.key",
          "/opt/veil/conf/keys/customers-2026-12-01.key",
          "VEIL_KEY_PII_V1"
        }) {
      assertFalse(KeyLikeText.couldBeKey(path), path);
    }
  }

  @Test
  void keysInEveryEncodingAreHidden() {
    Random random = new Random(20261201);
    for (int i = 0; i < 20_000; i++) {
      for (int size : new int[] {32, 64}) {
        byte[] key = new byte[size];
        random.nextBytes(key);
        for (String text :
            new String[] {
              Base64.getEncoder().encodeToString(key),
              Base64.getEncoder().withoutPadding().encodeToString(key),
              Base64.getUrlEncoder().withoutPadding().encodeToString(key),
              HexFormat.of().formatHex(key)
            }) {
          assertTrue(KeyLikeText.couldBeKey(text), text);
          assertTrue(KeyLikeText.couldBeKey("/keys/" + text), text);
        }
      }
    }
  }
}
