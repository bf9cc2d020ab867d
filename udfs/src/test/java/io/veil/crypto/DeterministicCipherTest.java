package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

class DeterministicCipherTest {
  private static final byte[] KEY = new byte[64];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) i;
    }
  }

  /**
   * The 512-bit group runs in both directions; the 256- and 384-bit groups' keys must be refused,
   * as Tink refuses them.
   */
  @Test
  void wycheproofKnownAnswers() throws Exception {
    JsonNode file = TestVectors.json("wycheproof/aes_siv_cmac_test.json");
    int valid = 0;
    int invalid = 0;
    int refusedKeys = 0;
    for (JsonNode group : file.get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        byte[] key = TestVectors.hex(test.get("key"));
        byte[] aad = TestVectors.hex(test.get("aad"));
        byte[] msg = TestVectors.hex(test.get("msg"));
        byte[] ct = TestVectors.hex(test.get("ct"));
        String id = "tcId " + test.get("tcId").asInt();
        if (group.get("keySize").asInt() != 512) {
          assertThrows(IllegalArgumentException.class, () -> new DeterministicCipher(key), id);
          refusedKeys++;
          continue;
        }
        DeterministicCipher cipher = new DeterministicCipher(key);
        if (test.get("result").asText().equals("valid")) {
          assertArrayEquals(ct, cipher.encrypt(msg, aad), id);
          assertArrayEquals(msg, cipher.decrypt(ct, aad), id);
          valid++;
        } else {
          assertThrows(DecryptionException.class, () -> cipher.decrypt(ct, aad), id);
          invalid++;
        }
      }
    }
    assertEquals(39, valid);
    assertEquals(108, invalid);
    assertEquals(295, refusedKeys);
    assertEquals(file.get("numberOfTests").asInt(), valid + invalid + refusedKeys);
  }

  /**
   * An independent RFC 5297 implementation on Bouncy Castle's CMac and CTR, against which random
   * lengths cover both CTR paths and the per-thread associated-data cache.
   */
  @Test
  void agreesWithAReferenceBuiltOnBouncyCastle() throws Exception {
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    Random random = new Random(5);
    byte[][] ads = {
      null,
      new byte[0],
      RandomizedCipherTest.bytes(random, 15),
      RandomizedCipherTest.bytes(random, 16),
      RandomizedCipherTest.bytes(random, 17),
      RandomizedCipherTest.bytes(random, 300)
    };
    int cases = 0;
    for (int length = 0; length <= 400; length++) {
      for (byte[] ad : ads) {
        byte[] plaintext = RandomizedCipherTest.bytes(random, length);
        byte[] expected = referenceSiv(KEY, ad == null ? new byte[0] : ad, plaintext);
        assertArrayEquals(expected, cipher.encrypt(plaintext, ad), "length " + length);
        assertArrayEquals(plaintext, cipher.decrypt(expected, ad), "length " + length);
        cases++;
      }
    }
    assertEquals(401 * ads.length, cases);
  }

  private static byte[] referenceSiv(byte[] key, byte[] ad, byte[] plaintext) {
    KeyParameter k1 = new KeyParameter(key, 0, 32);
    KeyParameter k2 = new KeyParameter(key, 32, 32);
    byte[] d = cmac(k1, new byte[16]);
    d = xor(dbl(d), cmac(k1, ad));
    byte[] t;
    if (plaintext.length >= 16) {
      t = plaintext.clone();
      for (int i = 0; i < 16; i++) {
        t[t.length - 16 + i] ^= d[i];
      }
    } else {
      byte[] padded = new byte[16];
      System.arraycopy(plaintext, 0, padded, 0, plaintext.length);
      padded[plaintext.length] = (byte) 0x80;
      t = xor(dbl(d), padded);
    }
    byte[] v = cmac(k1, t);
    byte[] q = v.clone();
    q[8] &= 0x7f;
    q[12] &= 0x7f;
    SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
    ctr.init(true, new ParametersWithIV(k2, q));
    byte[] out = new byte[16 + plaintext.length];
    System.arraycopy(v, 0, out, 0, 16);
    ctr.processBytes(plaintext, 0, plaintext.length, out, 16);
    return out;
  }

  private static byte[] cmac(KeyParameter key, byte[] data) {
    CMac mac = new CMac(AESEngine.newInstance());
    mac.init(key);
    mac.update(data, 0, data.length);
    byte[] out = new byte[16];
    mac.doFinal(out, 0);
    return out;
  }

  private static byte[] dbl(byte[] in) {
    byte[] out = new byte[16];
    int carry = 0;
    for (int i = 15; i >= 0; i--) {
      out[i] = (byte) ((in[i] << 1) | carry);
      carry = (in[i] >>> 7) & 1;
    }
    if ((in[0] & 0x80) != 0) {
      out[15] ^= (byte) 0x87;
    }
    return out;
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = (byte) (a[i] ^ b[i]);
    }
    return out;
  }

  @Test
  void isDeterministicAndBoundToAssociatedData() {
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    byte[] id = "110105194912310021".getBytes(StandardCharsets.UTF_8);
    byte[] a = "customers.id_card".getBytes(StandardCharsets.UTF_8);
    byte[] b = "orders.id_card".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(cipher.encrypt(id, a), new DeterministicCipher(KEY).encrypt(id, a));
    assertFalse(Arrays.equals(cipher.encrypt(id, a), cipher.encrypt(id, b)));
    assertArrayEquals(cipher.encrypt(id, null), cipher.encrypt(id, new byte[0]));
  }

  /**
   * Pinned so a change to the deterministic output (which would break joins) fails the build. The
   * value agrees with pyca/cryptography's AESSIV (OpenSSL) on the same key, data and context.
   */
  @Test
  void pinnedCiphertext() {
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    byte[] sealed =
        cipher.encrypt(
            "110105194912310021".getBytes(StandardCharsets.UTF_8),
            "customers.id_card".getBytes(StandardCharsets.UTF_8));
    assertEquals(PINNED, HexFormat.of().formatHex(sealed));
  }

  private static final String PINNED =
      "0d068118afff47828a599418fe1b19e3d76a755e1bff8787a9ca704c090209f3958b";

  @Test
  void offsetVariantsWriteAfterAHeaderAndReadPastIt() throws Exception {
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    byte[] plaintext = RandomizedCipherTest.bytes(new Random(2), 50);
    byte[] framed = new byte[5 + DeterministicCipher.ciphertextLength(40)];
    int written = cipher.encrypt(plaintext, 3, 40, null, framed, 5);
    assertEquals(56, written);
    assertArrayEquals(
        cipher.encrypt(Arrays.copyOfRange(plaintext, 3, 43), null),
        Arrays.copyOfRange(framed, 5, framed.length));
    assertArrayEquals(
        Arrays.copyOfRange(plaintext, 3, 43), cipher.decrypt(framed, 5, written, null));
  }

  @Test
  void everyFlippedByteFailsToDecrypt() {
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    byte[] aad = "ctx".getBytes(StandardCharsets.UTF_8);
    for (int length : new int[] {0, 11, 16, 40, 200}) {
      byte[] sealed = cipher.encrypt(RandomizedCipherTest.bytes(new Random(length), length), aad);
      for (int i = 0; i < sealed.length; i++) {
        byte[] tampered = sealed.clone();
        tampered[i] ^= 0x01;
        assertThrows(DecryptionException.class, () -> cipher.decrypt(tampered, aad), "byte " + i);
      }
      if (length > 0) {
        byte[] truncated = Arrays.copyOf(sealed, sealed.length - 1);
        assertThrows(DecryptionException.class, () -> cipher.decrypt(truncated, aad));
      }
    }
    assertThrows(DecryptionException.class, () -> cipher.decrypt(new byte[15], aad));
  }

  @Test
  void wrongKeyOrAssociatedDataFails() {
    byte[] aad = "context".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = new DeterministicCipher(KEY).encrypt(new byte[] {7}, aad);
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertThrows(
        DecryptionException.class, () -> new DeterministicCipher(otherKey).decrypt(sealed, aad));
    DeterministicCipher cipher = new DeterministicCipher(KEY);
    assertThrows(
        DecryptionException.class,
        () -> cipher.decrypt(sealed, "contexT".getBytes(StandardCharsets.UTF_8)));
    assertThrows(DecryptionException.class, () -> cipher.decrypt(sealed, null));
    // and the cache did not keep the wrong associated data's state
    assertThrows(DecryptionException.class, () -> cipher.decrypt(sealed, new byte[0]));
  }

  @Test
  void refusesKeysThatAreNot64Bytes() {
    for (int size : new int[] {0, 16, 32, 48, 63, 65}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> new DeterministicCipher(new byte[size]));
      assertEquals(
          "AES-SIV needs a 64-byte key (512 bits: AES-256 for S2V and for CTR), got "
              + size
              + " bytes",
          e.getMessage());
    }
  }

  @Test
  void toStringShowsNoKey() {
    assertEquals("DeterministicCipher[AES-SIV-512]", new DeterministicCipher(KEY).toString());
    assertTrue(
        DeterministicCipher.CTR_BLOCKWISE_MAX_BYTES < 400, "reference test covers both paths");
  }
}
