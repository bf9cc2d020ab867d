package io.veil.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-SIV (RFC 5297) with one associated-data component: Veil's {@code mode = deterministic}.
 *
 * <p>The same plaintext, associated data and key always give the same ciphertext, so encrypted
 * columns still join and group; that equality is all it reveals. Output is {@code SIV (16) ||
 * ciphertext}, the layout of Tink's {@code DeterministicAead} and of Wycheproof's vectors.
 *
 * <p>Keys are 64 bytes only (AES-256 for S2V and for CTR), as in Tink, which refuses the 256- and
 * 384-bit variants: 128-bit AES keys come within reach of multi-target key search once many keys
 * are in use.
 *
 * <p>Immutable and thread-safe; each thread keeps its own AES engines.
 */
public final class DeterministicCipher {
  public static final int KEY_SIZE = 64;
  public static final int SIV_SIZE = 16;

  private static final int BLOCK = AesBlockEncryptor.BLOCK;

  /**
   * Up to this many bytes, CTR runs block by block on the cached AES engine; beyond, one JCA CTR
   * call is faster despite its {@code Cipher.init}. Measured: blockwise wins by about a third at
   * one block, ties at two, and loses from three on.
   */
  static final int CTR_BLOCKWISE_MAX_BYTES = 2 * BLOCK;

  /** Associated data up to this size is remembered per thread with its S2V state. */
  private static final int AD_CACHE_MAX_BYTES = 256;

  private static final byte[] EMPTY = new byte[0];

  private final SecretKeySpec macKey;
  private final SecretKeySpec ctrKey;

  /** CMAC subkeys K1 and K2 of RFC 4493, derived once from the S2V key. */
  private final byte[] cmacSubkey1;

  private final byte[] cmacSubkey2;

  /** dbl(CMAC(0^128)): where every S2V starts, the same for every message under this key. */
  private final byte[] s2vStart;

  private final ThreadLocal<PerThread> perThread;

  /**
   * @param key 64 bytes: the S2V key then the CTR key; copied
   * @throws IllegalArgumentException if the key is not 64 bytes (the message gives its length only)
   */
  public DeterministicCipher(byte[] key) {
    if (key == null || key.length != KEY_SIZE) {
      throw new IllegalArgumentException(
          "AES-SIV needs a 64-byte key (512 bits: AES-256 for S2V and for CTR), got "
              + (key == null ? 0 : key.length)
              + " bytes");
    }
    macKey = new SecretKeySpec(key, 0, KEY_SIZE / 2, "AES");
    ctrKey = new SecretKeySpec(key, KEY_SIZE / 2, KEY_SIZE / 2, "AES");

    AesBlockEncryptor aes = new AesBlockEncryptor(macKey);
    byte[] l = new byte[BLOCK];
    aes.encryptBlock(l, 0, l, 0);
    cmacSubkey1 = dbl(l);
    cmacSubkey2 = dbl(cmacSubkey1);
    Arrays.fill(l, (byte) 0);
    byte[] zeroMac = new byte[BLOCK];
    cmac(aes, null, 0, 0, new byte[BLOCK], BLOCK, zeroMac);
    s2vStart = dbl(zeroMac);

    SecretKeySpec s2vKey = macKey;
    SecretKeySpec cipherKey = ctrKey;
    perThread = ThreadLocal.withInitial(() -> new PerThread(s2vKey, cipherKey));
  }

  /** Output length for a plaintext of {@code plaintextLength} bytes. */
  public static int ciphertextLength(int plaintextLength) {
    return Math.addExact(plaintextLength, SIV_SIZE);
  }

  /**
   * @param associatedData the one associated-data component; null means empty
   * @return {@code SIV || ciphertext}
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    byte[] out = new byte[ciphertextLength(plaintext.length)];
    encrypt(plaintext, 0, plaintext.length, associatedData, out, 0);
    return out;
  }

  /**
   * Encrypts into {@code out} at {@code outOff}, so a caller can put its own header first without a
   * copy. {@code out} must not overlap the plaintext.
   *
   * @return bytes written, {@link #ciphertextLength(int)} of {@code length}
   */
  public int encrypt(
      byte[] plaintext, int offset, int length, byte[] associatedData, byte[] out, int outOff) {
    PerThread state = perThread.get();
    s2v(state, plaintext, offset, length, associatedData, out, outOff);
    ctr(state, out, outOff, plaintext, offset, length, out, outOff + SIV_SIZE);
    return SIV_SIZE + length;
  }

  /** Decrypts {@code SIV || ciphertext} as {@link #encrypt(byte[], byte[])} made it. */
  public byte[] decrypt(byte[] sivCiphertext, byte[] associatedData) throws DecryptionException {
    return decrypt(sivCiphertext, 0, sivCiphertext.length, associatedData);
  }

  /**
   * Decrypts {@code SIV || ciphertext} found at {@code offset}, so a caller can skip its own header
   * without a copy.
   *
   * @throws DecryptionException if the input is too short or fails authentication
   */
  public byte[] decrypt(byte[] input, int offset, int length, byte[] associatedData)
      throws DecryptionException {
    if (length < SIV_SIZE) {
      throw new DecryptionException(
          "Cannot decrypt AES-SIV: input is " + length + " bytes, shorter than the 16-byte SIV");
    }
    PerThread state = perThread.get();
    byte[] siv = state.siv;
    System.arraycopy(input, offset, siv, 0, SIV_SIZE);
    byte[] plaintext = new byte[length - SIV_SIZE];
    ctr(state, siv, 0, input, offset + SIV_SIZE, plaintext.length, plaintext, 0);
    byte[] expected = state.expectedSiv;
    s2v(state, plaintext, 0, plaintext.length, associatedData, expected, 0);
    if (!MessageDigest.isEqual(expected, siv)) {
      Arrays.fill(plaintext, (byte) 0);
      throw new DecryptionException(
          "Cannot decrypt AES-SIV: authentication failed (wrong key, wrong associated data or"
              + " altered ciphertext)");
    }
    return plaintext;
  }

  @Override
  public String toString() {
    return "DeterministicCipher[AES-SIV-512]";
  }

  /** RFC 5297 S2V over exactly two strings, the associated data then the plaintext. */
  private void s2v(
      PerThread state,
      byte[] plaintext,
      int offset,
      int length,
      byte[] associatedData,
      byte[] out,
      int outOff) {
    byte[] d = s2vAfter(state, associatedData == null ? EMPTY : associatedData);
    byte[] tail = state.tail;
    if (length >= BLOCK) {
      // T = plaintext xorend D. Only the last one or two CMAC blocks change, so the rest of the
      // plaintext is MACed in place rather than copied.
      int prefix = (length - BLOCK) / BLOCK * BLOCK;
      int tailLength = length - prefix;
      System.arraycopy(plaintext, offset + prefix, tail, 0, tailLength);
      for (int i = 0; i < BLOCK; i++) {
        tail[tailLength - BLOCK + i] ^= d[i];
      }
      cmac(state.mac, plaintext, offset, prefix, tail, tailLength, state.macOut);
    } else {
      // T = dbl(D) xor pad(plaintext)
      byte[] doubled = dbl(d);
      System.arraycopy(doubled, 0, tail, 0, BLOCK);
      for (int i = 0; i < length; i++) {
        tail[i] ^= plaintext[offset + i];
      }
      tail[length] ^= (byte) 0x80;
      cmac(state.mac, null, 0, 0, tail, BLOCK, state.macOut);
    }
    System.arraycopy(state.macOut, 0, out, outOff, SIV_SIZE);
  }

  /** S2V's D after the associated data, dbl(CMAC(0^128)) xor CMAC(ad), cached per thread. */
  private byte[] s2vAfter(PerThread state, byte[] ad) {
    if (state.cachedAd != null && Arrays.equals(state.cachedAd, ad)) {
      return state.cachedS2v;
    }
    int prefix = ad.length == 0 ? 0 : (ad.length - 1) / BLOCK * BLOCK;
    int tailLength = ad.length - prefix;
    System.arraycopy(ad, prefix, state.tail, 0, tailLength);
    cmac(state.mac, ad, 0, prefix, state.tail, tailLength, state.macOut);
    for (int i = 0; i < BLOCK; i++) {
      state.cachedS2v[i] = (byte) (s2vStart[i] ^ state.macOut[i]);
    }
    state.cachedAd = ad.length <= AD_CACHE_MAX_BYTES ? ad.clone() : null;
    return state.cachedS2v;
  }

  /**
   * AES-CMAC (RFC 4493) of {@code data[offset, offset + prefix) || tail[0, tailLength)}: {@code
   * prefix} is whole blocks, and {@code tail} (at most 32 bytes) holds the last block, so S2V can
   * alter the end of a message without copying all of it. Empty {@code tail} means an empty
   * message.
   */
  private void cmac(
      AesBlockEncryptor aes,
      byte[] data,
      int offset,
      int prefix,
      byte[] tail,
      int tailLength,
      byte[] out) {
    Arrays.fill(out, (byte) 0);
    aes.cbcMac(out, data, offset, prefix);
    int last = 0;
    if (tailLength > BLOCK) {
      aes.cbcMac(out, tail, 0, BLOCK);
      last = BLOCK;
    }
    int lastLength = tailLength - last;
    byte[] block = new byte[BLOCK];
    if (lastLength == BLOCK) {
      for (int i = 0; i < BLOCK; i++) {
        block[i] = (byte) (tail[last + i] ^ cmacSubkey1[i]);
      }
    } else {
      System.arraycopy(tail, last, block, 0, lastLength);
      block[lastLength] = (byte) 0x80;
      for (int i = 0; i < BLOCK; i++) {
        block[i] ^= cmacSubkey2[i];
      }
    }
    aes.encryptXor(out, 0, block, 0, out, 0);
  }

  /** AES-CTR under the CTR key from the SIV with bits 31 and 63 cleared (RFC 5297 section 2.6). */
  private void ctr(
      PerThread state,
      byte[] siv,
      int sivOff,
      byte[] in,
      int inOff,
      int length,
      byte[] out,
      int outOff) {
    byte[] counter = state.counter;
    System.arraycopy(siv, sivOff, counter, 0, BLOCK);
    counter[8] &= 0x7f;
    counter[12] &= 0x7f;
    if (length <= CTR_BLOCKWISE_MAX_BYTES) {
      byte[] keystream = state.keystream;
      for (int done = 0; done < length; done += BLOCK) {
        state.ctrBlocks.encryptBlock(counter, 0, keystream, 0);
        int n = Math.min(BLOCK, length - done);
        for (int i = 0; i < n; i++) {
          out[outOff + done + i] = (byte) (in[inOff + done + i] ^ keystream[i]);
        }
        increment(counter);
      }
      return;
    }
    try {
      Cipher cipher = state.ctrCipher();
      cipher.init(Cipher.ENCRYPT_MODE, ctrKey, new IvParameterSpec(counter));
      cipher.doFinal(in, inOff, length, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot run AES-CTR: " + e.getClass().getSimpleName(), e);
    }
  }

  /** The 128-bit big-endian increment JCA's CTR mode also uses. */
  private static void increment(byte[] counter) {
    for (int i = BLOCK - 1; i >= 0 && ++counter[i] == 0; i--) {
      // carry
    }
  }

  /** Doubling in GF(2^128), RFC 5297 section 2.3. */
  private static byte[] dbl(byte[] in) {
    byte[] out = new byte[BLOCK];
    for (int i = 0; i < BLOCK - 1; i++) {
      out[i] = (byte) ((in[i] << 1) | ((in[i + 1] & 0xff) >>> 7));
    }
    out[BLOCK - 1] = (byte) ((in[BLOCK - 1] << 1) ^ ((in[0] >> 7) & 0x87));
    return out;
  }

  /**
   * Per-thread engines and scratch space. Static, holding no reference to the cipher: a value that
   * pointed back at its ThreadLocal's owner would keep every discarded cipher alive for the life of
   * the (long-lived, pooled) executor thread.
   */
  private static final class PerThread {
    final AesBlockEncryptor mac;
    final AesBlockEncryptor ctrBlocks;
    private Cipher ctrCipher;

    final byte[] tail = new byte[2 * BLOCK];
    final byte[] macOut = new byte[BLOCK];
    final byte[] counter = new byte[BLOCK];
    final byte[] keystream = new byte[BLOCK];
    final byte[] siv = new byte[BLOCK];
    final byte[] expectedSiv = new byte[BLOCK];

    /** Columns use one context for every row, so S2V's state after it is worth remembering. */
    byte[] cachedAd;

    final byte[] cachedS2v = new byte[BLOCK];

    PerThread(SecretKeySpec macKey, SecretKeySpec ctrKey) {
      mac = new AesBlockEncryptor(macKey);
      ctrBlocks = new AesBlockEncryptor(ctrKey);
    }

    Cipher ctrCipher() throws GeneralSecurityException {
      if (ctrCipher == null) {
        ctrCipher = Cipher.getInstance("AES/CTR/NoPadding");
      }
      return ctrCipher;
    }
  }
}
