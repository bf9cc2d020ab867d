package io.veil.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869): derives independent subkeys from one key. */
public final class Hkdf {
  private static final int HASH_LENGTH = 32;

  /** RFC 5869: L <= 255 * HashLen. */
  public static final int MAX_LENGTH = 255 * HASH_LENGTH;

  private Hkdf() {}

  /**
   * Extract-then-expand.
   *
   * @param ikm input keying material, at least one byte
   * @param salt optional; null or empty means HashLen zero bytes, as the RFC says
   * @param info optional context binding the output to its use; null means empty
   * @param length output bytes, 1 to {@link #MAX_LENGTH}
   */
  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    if (length < 1 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid HKDF output length " + length + ": must be 1 to " + MAX_LENGTH + " bytes");
    }
    if (ikm == null || ikm.length == 0) {
      throw new IllegalArgumentException("Invalid HKDF input: the keying material is empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // An empty HMAC key equals HashLen zero bytes (keys are zero-padded); JCA refuses empty keys.
      byte[] extractKey = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
      mac.init(new SecretKeySpec(extractKey, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);

      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      java.util.Arrays.fill(prk, (byte) 0);
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      for (int i = 1, done = 0; done < length; i++) {
        mac.update(t);
        if (info != null) {
          mac.update(info);
        }
        mac.update((byte) i);
        t = mac.doFinal();
        int n = Math.min(HASH_LENGTH, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      java.util.Arrays.fill(t, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot run HKDF-SHA256: " + e.getClass().getSimpleName(), e);
    }
  }
}
