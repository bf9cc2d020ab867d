package io.veil.ops;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Numeric bands, a generalization hierarchy level: {@code [0, 18, 25, 35, 50, 65]} puts a value
 * into the band starting at the largest bound not above it. Its label is {@code "25-34"} for whole
 * bounds (the last whole number below the next bound), {@code "[2.5, 3.5)"} otherwise, and {@code
 * "65+"} for the last band; a value below the first bound has no band.
 */
public final class Bands implements Serializable {
  private static final long serialVersionUID = 1L;
  private final BigDecimal[] bounds;

  /**
   * @throws IllegalArgumentException unless there are at least two bounds, strictly increasing
   */
  public Bands(List<BigDecimal> bounds) {
    this.bounds = bounds.toArray(new BigDecimal[0]);
    if (this.bounds.length < 2) {
      throw new IllegalArgumentException("needs at least two bounds");
    }
    for (int i = 1; i < this.bounds.length; i++) {
      if (this.bounds[i].compareTo(this.bounds[i - 1]) <= 0) {
        throw new IllegalArgumentException(
            "bounds must increase: "
                + this.bounds[i - 1].toPlainString()
                + " is followed by "
                + this.bounds[i].toPlainString());
      }
    }
  }

  public List<BigDecimal> bounds() {
    return List.of(bounds);
  }

  /** The index of the band {@code value} falls in, or -1 below the first bound. */
  public int band(BigDecimal value) {
    int i = Arrays.binarySearch(bounds, value, BigDecimal::compareTo);
    return i >= 0 ? i : -i - 2;
  }

  /** The band's lower bound, or null below the first bound. */
  public BigDecimal lowerBound(BigDecimal value) {
    int b = band(value);
    return b < 0 ? null : bounds[b];
  }

  /** The band's label, or null below the first bound. */
  public String label(BigDecimal value) {
    int b = band(value);
    return b < 0 ? null : label(b);
  }

  private String label(int b) {
    BigDecimal lo = bounds[b];
    if (b == bounds.length - 1) {
      return lo.stripTrailingZeros().toPlainString() + "+";
    }
    BigDecimal hi = bounds[b + 1];
    if (isWhole(lo) && isWhole(hi)) {
      BigDecimal last = hi.subtract(BigDecimal.ONE);
      return last.compareTo(lo) == 0 ? plain(lo) : plain(lo) + "-" + plain(last);
    }
    return "[" + plain(lo) + ", " + plain(hi) + ")";
  }

  private static boolean isWhole(BigDecimal v) {
    return v.stripTrailingZeros().scale() <= 0;
  }

  private static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }
}
