package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private static final KeyMaterial KEY = KeyMaterial.of(bytes(32, 1));
  private static final KeyMaterial OTHER = KeyMaterial.of(bytes(32, 2));

  static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + seed);
    }
    return b;
  }

  @Test
  void pinnedValues() {
    // Pinned: a change to the derivation or encoding would break every join on old outputs.
    Pseudonymizer p = new Pseudonymizer(KEY, "", 20);
    assertEquals(PINNED_WEI, p.pseudonym("王伟"));
    assertEquals(
        "c_" + PINNED_EMAIL, new Pseudonymizer(KEY, "c_", 20).pseudonym("zhang.wei@example.com"));
  }

  // Computed independently with Python's hmac module: HKDF-SHA256(key, salt = 32 zero bytes,
  // info = "veil/v1/pseudonym/hmac-sha256"), then HMAC-SHA256 of the UTF-8 value, hex, 20 digits.
  static final String PINNED_WEI = "dc65c8c19aadeced1648";
  static final String PINNED_EMAIL = "6341ec52aa2d2e529944";

  @Test
  void deterministicPerKeyAndDifferentAcrossKeys() {
    Pseudonymizer a = new Pseudonymizer(KEY, "", 20);
    Pseudonymizer b = new Pseudonymizer(KeyMaterial.of(bytes(32, 1)), "", 20);
    Pseudonymizer c = new Pseudonymizer(OTHER, "", 20);
    assertEquals(a.pseudonym("13812345678"), b.pseudonym("13812345678"));
    assertNotEquals(a.pseudonym("13812345678"), c.pseudonym("13812345678"));
    assertNull(a.pseudonym(null));
  }

  @Test
  void lengthAndPrefix() {
    String p = new Pseudonymizer(KEY, "cust_", 21).pseudonym("x");
    assertTrue(p.matches("cust_[0-9a-f]{21}"), p);
    assertEquals(64, new Pseudonymizer(KEY, "", 64).pseudonym("").length());
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(KEY, "", 8));
  }

  /**
   * Issue 20, finding 8: 16 hex digits (64 bits) collide with 2.7% probability at 10^9 distinct
   * values, merging two people; 20 (80 bits) is the least accepted.
   */
  @Test
  void pseudonymsAsShortAs16HexDigitsCollide() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(KEY, "", 16));
    assertEquals("Invalid pseudonym length 16: accepted 20 to 64", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(KEY, "", 19));
    assertEquals(20, new Pseudonymizer(KEY, "", 20).pseudonym("x").length());
  }

  /**
   * Issue 20, finding 8: pseudonyms that must not link across columns take a context. Without one
   * they are exactly as before (the pins above); with one, the HMAC key is HKDF-derived for that
   * context, so no value links to its pseudonym in another context or in none.
   */
  @Test
  void pseudonymsWithAContextDoNotLinkAcrossColumns() {
    Pseudonymizer crm = new Pseudonymizer(KEY, "", 20, "crm.email");
    assertEquals(PINNED_CRM_EMAIL, crm.pseudonym("zhang.wei@example.com"));
    assertNotEquals(
        crm.pseudonym("zhang.wei@example.com"),
        new Pseudonymizer(KEY, "", 20, "orders.email").pseudonym("zhang.wei@example.com"));
    assertEquals(
        PINNED_EMAIL, new Pseudonymizer(KEY, "", 20, null).pseudonym("zhang.wei@example.com"));
    assertEquals("crm.email", crm.context());
    byte[] utf8 = "zhang.wei@example.com".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        PINNED_CRM_EMAIL,
        new String(crm.pseudonymUtf8(utf8, 0, utf8.length), StandardCharsets.UTF_8));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(KEY, "", 20, ""));
    assertEquals("Invalid pseudonym context: it is empty (leave it out for none)", e.getMessage());
  }

  // Computed independently with Python's hmac module: HKDF-SHA256(key, salt = 32 zero bytes,
  // info = "veil/v1/pseudonym/hmac-sha256/context/crm.email"), then as above.
  static final String PINNED_CRM_EMAIL = "9409d66598aaf4e2d108";

  @Test
  void isKeyedNotABareHash() throws Exception {
    // The pseudonym must not be SHA-256 of the value: that is reversible by enumerating values.
    byte[] bare =
        java.security.MessageDigest.getInstance("SHA-256").digest("13812345678".getBytes("UTF-8"));
    StringBuilder hex = new StringBuilder();
    for (byte x : bare) {
      hex.append(String.format("%02x", x));
    }
    assertNotEquals(hex.substring(0, 20), new Pseudonymizer(KEY, "", 20).pseudonym("13812345678"));
  }

  @Test
  void noCollisionsOnManyValues() {
    Pseudonymizer p = new Pseudonymizer(KEY, "", 20);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      assertTrue(seen.add(p.pseudonym("1380000" + i)));
    }
  }

  @Test
  void pseudonymOfUtf8BytesIsThePseudonymOfTheString() {
    Pseudonymizer p = new Pseudonymizer(KEY, "客户-", 24);
    for (String v : new String[] {"", "zhang.wei@example.com", "王伟", "Müller", "😀 x"}) {
      byte[] utf8 = ("[" + v + "]").getBytes(StandardCharsets.UTF_8);
      byte[] out = p.pseudonymUtf8(utf8, 1, utf8.length - 2);
      assertEquals(p.pseudonym(v), new String(out, StandardCharsets.UTF_8));
    }
    assertEquals(
        PINNED_WEI,
        new String(
            new Pseudonymizer(KEY, "", 20)
                .pseudonymUtf8("王伟".getBytes(StandardCharsets.UTF_8), 0, 6),
            StandardCharsets.UTF_8));
  }
}
