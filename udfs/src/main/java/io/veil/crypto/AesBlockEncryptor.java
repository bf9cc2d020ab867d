package io.veil.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The raw AES block function (and CBC-MAC) for one key, for FF1 and AES-SIV's CMAC.
 *
 * <p>JCA exposes AES only through modes. This keeps one "AES/CBC/NoPadding" cipher, initialised
 * once with a zero IV and never again: CBC encrypts {@code x} as {@code AES(x ^ chain)}, where
 * {@code chain} is the block it output last, so feeding {@code x ^ chain} yields {@code AES(x)}.
 * That is one {@code Cipher.update} on the JDK's AES-NI intrinsic, about 47 ns a block here, where
 * Bouncy Castle's table-driven {@code AESEngine} takes about 200 ns (FF1 ran 3x slower on it) and
 * re-initialising a cipher per block would cost a {@code Cipher.init} each time. Nothing here
 * encrypts data block by block: callers build FF1's PRF and CMAC from the block function, as the
 * standards define them.
 *
 * <p>Not thread-safe: owners keep one per thread.
 */
final class AesBlockEncryptor {
  static final int BLOCK = 16;

  /** Bulk CBC-MAC output goes to a scratch buffer this large, reused and never grown past it. */
  private static final int BULK_CHUNK = 4096;

  private final Cipher cbc;

  /** The cipher's current CBC chaining value: the last block it output. */
  private final byte[] chain = new byte[BLOCK];

  private final byte[] input = new byte[BLOCK];
  private byte[] scratch = new byte[0];
  private boolean broken;

  AesBlockEncryptor(SecretKeySpec key) {
    try {
      cbc = Cipher.getInstance("AES/CBC/NoPadding");
      cbc.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(new byte[BLOCK]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up AES: " + e.getClass().getSimpleName(), e);
    }
  }

  /** {@code dst = AES(src)}; {@code dst} may alias {@code src}. */
  void encryptBlock(byte[] src, int srcOff, byte[] dst, int dstOff) {
    for (int i = 0; i < BLOCK; i++) {
      input[i] = (byte) (src[srcOff + i] ^ chain[i]);
    }
    run(dst, dstOff);
  }

  /** {@code dst = AES(a ^ b)}; {@code dst} may alias either input. */
  void encryptXor(byte[] a, int aOff, byte[] b, int bOff, byte[] dst, int dstOff) {
    for (int i = 0; i < BLOCK; i++) {
      input[i] = (byte) (a[aOff + i] ^ b[bOff + i] ^ chain[i]);
    }
    run(dst, dstOff);
  }

  /**
   * Continues a CBC-MAC: {@code state = AES(...AES(state ^ m1) ^ m2 ...)} over {@code len} bytes, a
   * multiple of 16. The first block is fed by hand to splice {@code state} into the cipher's chain;
   * the cipher chains the rest itself.
   */
  void cbcMac(byte[] state, byte[] data, int off, int len) {
    if (len % BLOCK != 0) {
      throw new IllegalArgumentException("CBC-MAC input must be whole blocks");
    }
    if (len == 0) {
      return;
    }
    encryptXor(state, 0, data, off, state, 0);
    int done = BLOCK;
    while (done < len) {
      int n = Math.min(len - done, BULK_CHUNK);
      if (scratch.length < n) {
        scratch = new byte[Math.min(BULK_CHUNK, Math.max(n, 256))];
      }
      feed(data, off + done, n, scratch);
      System.arraycopy(scratch, n - BLOCK, chain, 0, BLOCK);
      done += n;
    }
    System.arraycopy(chain, 0, state, 0, BLOCK);
  }

  private void run(byte[] dst, int dstOff) {
    feed(input, 0, BLOCK, chain);
    System.arraycopy(chain, 0, dst, dstOff, BLOCK);
  }

  /**
   * Every block goes through here. If the cipher ever failed part-way, {@link #chain} would no
   * longer match its state and every later block would come out silently wrong, so a failure
   * retires this encryptor for good.
   */
  private void feed(byte[] data, int off, int len, byte[] out) {
    if (broken) {
      throw new IllegalStateException(
          "Cannot run AES: an earlier failure left this engine unusable");
    }
    boolean ok = false;
    try {
      ok = cbc.update(data, off, len, out, 0) == len;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot run AES: " + e.getClass().getSimpleName(), e);
    } finally {
      broken = !ok;
    }
    if (!ok) {
      throw new IllegalStateException("Cannot run AES: the CBC engine held back a block");
    }
  }
}
