package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.veil.crypto.DecryptionException;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnCipherTest {
  static Keyset keyset(int size, int primary, int... versions) {
    Map<Integer, KeyMaterial> m = new java.util.TreeMap<>();
    for (int v : versions) {
      m.put(v, KeyMaterial.of(PseudonymizerTest.bytes(size, v)));
    }
    return new Keyset("k", m, primary);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void randomizedRoundTripWithVersionHeader() throws Exception {
    ColumnCipher c =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED,
            ColumnCipher.Envelope.VEIL,
            keyset(32, 2, 1, 2),
            "customers.email");
    byte[] ct = c.encrypt(utf8("王伟 🙂"));
    assertEquals(1, ct[0]);
    assertEquals(2, c.versionOf(ct));
    assertEquals(5 + 12 + utf8("王伟 🙂").length + 16, ct.length);
    assertArrayEquals(utf8("王伟 🙂"), c.decrypt(ct));
    assertFalse(Arrays.equals(ct, c.encrypt(utf8("王伟 🙂"))), "randomized: fresh IV every time");
    assertArrayEquals(new byte[0], c.decrypt(c.encrypt(new byte[0])));
  }

  @Test
  void deterministicIsEqualForEqualPlaintextsPerVersionAndContext() throws Exception {
    Keyset ks = keyset(64, 1, 1);
    ColumnCipher a =
        ColumnCipher.create(ColumnCipher.Mode.DETERMINISTIC, ColumnCipher.Envelope.VEIL, ks, "ctx");
    ColumnCipher b =
        ColumnCipher.create(ColumnCipher.Mode.DETERMINISTIC, ColumnCipher.Envelope.VEIL, ks, "ctx");
    ColumnCipher other =
        ColumnCipher.create(
            ColumnCipher.Mode.DETERMINISTIC, ColumnCipher.Envelope.VEIL, ks, "other");
    assertArrayEquals(a.encrypt(utf8("13812345678")), b.encrypt(utf8("13812345678")));
    assertFalse(Arrays.equals(a.encrypt(utf8("13812345678")), other.encrypt(utf8("13812345678"))));
    assertEquals(2, a.encrypt(utf8("x"))[0]);
    assertThrows(
        DecryptionException.class, () -> other.decrypt(a.encrypt(utf8("x"))), "context is bound");
  }

  @Test
  void oldVersionsStillDecryptAfterRotation() throws Exception {
    ColumnCipher v1 =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(32, 1, 1), null);
    ColumnCipher v2 =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(32, 2, 1, 2), null);
    byte[] old = v1.encrypt(utf8("old"));
    assertArrayEquals(utf8("old"), v2.decrypt(old));
    assertEquals(2, v2.versionOf(v2.encrypt(utf8("new"))));
    ColumnCipher only2 =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(32, 2, 2), null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> only2.decrypt(old));
    assertEquals("encrypted under key version 1, which the key does not have", e.getMessage());
  }

  @Test
  void tamperingAndWrongKeysFail() {
    ColumnCipher c =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(32, 1, 1), null);
    byte[] ct = c.encrypt(utf8("secret value"));
    for (int i = 0; i < ct.length; i++) {
      byte[] t = ct.clone();
      t[i] ^= 0x01;
      int at = i;
      Exception e = assertThrows(Exception.class, () -> c.decrypt(t), () -> "byte " + at);
      assertFalse(e.getMessage() != null && e.getMessage().contains("secret"), e.getMessage());
    }
    Map<Integer, KeyMaterial> other = Map.of(1, KeyMaterial.of(PseudonymizerTest.bytes(32, 99)));
    ColumnCipher wrong =
        ColumnCipher.create(
            ColumnCipher.Mode.RANDOMIZED,
            ColumnCipher.Envelope.VEIL,
            new Keyset("k", other, 1),
            null);
    assertThrows(DecryptionException.class, () -> wrong.decrypt(ct));
  }

  @Test
  void sparkEnvelopeIsRawGcmUnderTheConfiguredBytes() throws Exception {
    Keyset ks = keyset(32, 1, 1);
    ColumnCipher c =
        ColumnCipher.create(ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.SPARK, ks, null);
    byte[] ct = c.encrypt(utf8("abc"));
    assertEquals(12 + 3 + 16, ct.length);
    // The configured bytes themselves, not a derived subkey, so Spark's aes_decrypt reads it.
    byte[] plain = new io.veil.crypto.RandomizedCipher(ks.primary().copyBytes()).decrypt(ct, null);
    assertArrayEquals(utf8("abc"), plain);
  }

  @Test
  void encryptsASliceOfABufferAsItsCopy() throws Exception {
    byte[] buffer = utf8("xx王伟 🙂yyy");
    int offset = 2;
    int length = utf8("王伟 🙂").length;
    byte[] slice = Arrays.copyOfRange(buffer, offset, offset + length);
    ColumnCipher siv =
        ColumnCipher.create(
            ColumnCipher.Mode.DETERMINISTIC,
            ColumnCipher.Envelope.VEIL,
            keyset(64, 2, 1, 2),
            "ctx");
    assertArrayEquals(siv.encrypt(slice), siv.encrypt(buffer, offset, length));
    assertArrayEquals(siv.encrypt(new byte[0]), siv.encrypt(buffer, buffer.length, 0));
    for (ColumnCipher.Envelope envelope : ColumnCipher.Envelope.values()) {
      ColumnCipher gcm =
          ColumnCipher.create(ColumnCipher.Mode.RANDOMIZED, envelope, keyset(32, 2, 1, 2), "ctx");
      byte[] ct = gcm.encrypt(buffer, offset, length);
      assertEquals(gcm.encrypt(slice).length, ct.length);
      assertArrayEquals(slice, gcm.decrypt(ct), envelope.name());
      assertArrayEquals(new byte[0], gcm.decrypt(gcm.encrypt(buffer, 0, 0)));
    }
  }

  @Test
  void refusesWrongKeySizes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ColumnCipher.create(
                    ColumnCipher.Mode.DETERMINISTIC,
                    ColumnCipher.Envelope.VEIL,
                    keyset(32, 1, 1),
                    null));
    assertEquals(
        "version 1 has 32 bytes, expected 64 for deterministic encryption", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColumnCipher.create(
                ColumnCipher.Mode.RANDOMIZED, ColumnCipher.Envelope.VEIL, keyset(64, 1, 1), null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColumnCipher.create(
                ColumnCipher.Mode.DETERMINISTIC,
                ColumnCipher.Envelope.SPARK,
                keyset(64, 1, 1),
                null));
  }
}
