package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
  /** Every group: full 32-byte tags and 16-byte truncated ones (a prefix of the full tag). */
  @Test
  void wycheproofKnownAnswers() {
    JsonNode file = TestVectors.json("wycheproof/hmac_sha256_test.json");
    int valid = 0;
    int invalid = 0;
    int truncated = 0;
    for (JsonNode group : file.get("testGroups")) {
      int tagBytes = group.get("tagSize").asInt() / 8;
      for (JsonNode test : group.get("tests")) {
        HmacSha256 mac = new HmacSha256(TestVectors.hex(test.get("key")));
        byte[] msg = TestVectors.hex(test.get("msg"));
        byte[] tag = TestVectors.hex(test.get("tag"));
        String id = "tcId " + test.get("tcId").asInt();
        assertEquals(tagBytes, tag.length, id);
        truncated += tagBytes < HmacSha256.TAG_SIZE ? 1 : 0;
        byte[] prefix = Arrays.copyOf(mac.mac(msg), tagBytes);
        if (test.get("result").asText().equals("valid")) {
          assertArrayEquals(tag, prefix, id);
          assertTrue(mac.verify(tag, msg), id);
          valid++;
        } else {
          assertFalse(Arrays.equals(tag, prefix), id);
          assertFalse(mac.verify(tag, msg), id);
          invalid++;
        }
      }
    }
    assertEquals(66, valid);
    assertEquals(108, invalid);
    assertEquals(87, truncated);
    assertEquals(file.get("numberOfTests").asInt(), valid + invalid);
  }

  @Test
  void offsetVariantMacsTheSlice() {
    HmacSha256 mac = new HmacSha256(new byte[32]);
    byte[] data = {9, 1, 2, 3, 9};
    assertArrayEquals(mac.mac(new byte[] {1, 2, 3}), mac.mac(data, 1, 3));
  }

  @Test
  void tagsOfOddLengthsDoNotVerify() {
    HmacSha256 mac = new HmacSha256(new byte[32]);
    byte[] data = {1, 2, 3};
    byte[] full = mac.mac(data);
    assertTrue(mac.verify(full, data));
    assertFalse(mac.verify(Arrays.copyOf(full, 15), data));
    assertFalse(mac.verify(Arrays.copyOf(full, 33), data));
    assertFalse(mac.verify(null, data));
  }

  @Test
  void refusesShortKeys() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new HmacSha256(new byte[15]));
    assertEquals("HMAC-SHA256 needs a key of at least 16 bytes, got 15 bytes", e.getMessage());
  }
}
