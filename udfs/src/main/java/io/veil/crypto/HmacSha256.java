package io.veil.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with one Mac per thread. Placeholder until the crypto primitives land. */
public final class HmacSha256 implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final byte[] key;
  private transient ThreadLocal<Mac> macs;

  public HmacSha256(byte[] key) {
    this.key = key.clone();
  }

  public byte[] mac(byte[] data) {
    if (macs == null) {
      macs = ThreadLocal.withInitial(this::newMac);
    }
    return macs.get().doFinal(data);
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSha256[redacted]";
  }
}
