package io.veil.sample;

import java.util.List;

/**
 * A small deterministic random stream for one generated row: SplitMix64 seeded from (seed, row id,
 * stream). Written out here rather than taken from {@code java.util} so the sample values can never
 * change with the JDK, and so any executor can rebuild any row without coordination.
 */
final class RowRandom {

  /**
   * The customer's name, e-mail, country and sign-up time; orders rebuild it to copy the e-mail.
   */
  static final long IDENTITY = 1;

  /** Every other customer column. */
  static final long CUSTOMER_DETAILS = 2;

  /** An order's own columns. */
  static final long ORDER = 3;

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  RowRandom(long seed, long row, long stream) {
    state = mix64(mix64(mix64(seed) + stream) + row);
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in {@code [0, bound)} for {@code 0 < bound <= 2^31 - 1}. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /**
   * Uniform in {@code [0, bound)}, {@code bound > 0}; the modulo bias is below 2^-20 for bounds up
   * to 2^43.
   */
  long nextLong(long bound) {
    return (nextLong() >>> 1) % bound;
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  <T> T pick(List<T> values) {
    return values.get(nextInt(values.size()));
  }

  /** Picks from a list ordered most common first, favouring its head (index = size * u^2). */
  <T> T pickSkewed(List<T> values) {
    double u = nextDouble();
    return values.get((int) (values.size() * u * u));
  }

  char digit() {
    return (char) ('0' + nextInt(10));
  }

  StringBuilder appendDigits(StringBuilder out, int count) {
    for (int i = 0; i < count; i++) {
      out.append(digit());
    }
    return out;
  }

  /** The SplitMix64 finalizer (Stafford's variant 13): a bijection that mixes every bit. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
