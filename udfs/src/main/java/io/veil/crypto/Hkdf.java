package io.veil.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869). Placeholder until the crypto primitives land. */
public final class Hkdf {
  private Hkdf() {}

  public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      int pos = 0;
      for (int i = 1; pos < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        t = mac.doFinal();
        int n = Math.min(t.length, length - pos);
        System.arraycopy(t, 0, out, pos, n);
        pos += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
