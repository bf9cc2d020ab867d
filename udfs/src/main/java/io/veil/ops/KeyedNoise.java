package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Keyed, reproducible noise for numbers: the noise added to a value is drawn from the chosen
 * distribution with uniforms taken from {@code HMAC-SHA256(k, input)}, where {@code k} is derived
 * from the configured key for this purpose alone and the input is the value as text, preceded by
 * the row's identity ({@code by}) when one is given. The same value (and identity) gets the same
 * noise in every run, so a rerun writes the same table and averaging many runs learns nothing; a
 * different identity gets independent noise, so equal values of different people do not stay equal.
 * Without the key nobody can compute the noise and subtract it.
 *
 * <p>Uniforms use 53 bits each (a double's precision) from the tag, never 0 or 1, so the Laplace
 * and Gaussian inverse transforms stay finite. The identity is length-prefixed, so no pair of
 * identity and value spells another pair.
 */
public final class KeyedNoise implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String PURPOSE = "noise/hmac-sha256";
  private static final double TWO_POW_53 = 0x1p53;

  /** The distribution the noise follows; {@code scale} is its parameter. */
  public enum Distribution {
    /** Laplace with scale b: standard deviation b * sqrt(2), the differential-privacy shape. */
    LAPLACE,
    /** Normal with standard deviation {@code scale}. */
    GAUSSIAN,
    /** Uniform in [-scale, +scale]. */
    UNIFORM;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Distribution fromConfigName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private final KeyMaterial macKey;
  private final Distribution distribution;
  // Built where the noise is used (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  public KeyedNoise(KeyMaterial key, Distribution distribution) {
    this.macKey = key.derive(PURPOSE, 32);
    this.distribution = distribution;
  }

  /**
   * The noise for {@code value} (its canonical text) of the row whose identity is {@code by}, at
   * scale 1: multiply by the scale.
   *
   * @param by the identity as text, or null for noise that depends on the value only
   */
  public double unitNoise(String value, String by) {
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    byte[] input;
    if (by == null) {
      input = v;
    } else {
      byte[] b = by.getBytes(StandardCharsets.UTF_8);
      input =
          ByteBuffer.allocate(5 + b.length + v.length)
              .put((byte) 1)
              .putInt(b.length)
              .put(b)
              .put(v)
              .array();
    }
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    ByteBuffer tag = ByteBuffer.wrap(m.mac(input));
    double u1 = uniform(tag.getLong());
    double u2 = uniform(tag.getLong());
    return switch (distribution) {
      case UNIFORM -> 2 * u1 - 1;
      case LAPLACE -> u1 < 0.5 ? Math.log(2 * u1) : -Math.log(2 * (1 - u1));
      case GAUSSIAN -> Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    };
  }

  /** A uniform in (0, 1) from the top 53 bits: (k + 0.5) / 2^53, never 0 or 1. */
  private static double uniform(long bits) {
    return ((bits >>> 11) + 0.5) / TWO_POW_53;
  }

  @Override
  public String toString() {
    return "KeyedNoise(" + distribution.configName() + ")"; // never the key
  }
}
