package io.veil.job.verify;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Bloom filter of UTF-8 values that touches one 64-byte block (a cache line) per value: each
 * value sets one bit in each of the sixteen 32-bit words of the block its hash picks (a split block
 * Bloom filter, as Parquet's and Impala's, with blocks twice theirs). A classic filter with k hash
 * functions reads k random places; in the leak check's filters, tens of megabytes, each of them was
 * a cache miss.
 *
 * <p>Values are hashed where Spark holds them (XXH64 over the UTF-8 bytes, no copy), once per
 * value. Blocks hold a Poisson number of values, so a blocked filter needs more bits for a very low
 * false-positive rate than a classic one; {@link #bitsFor} sizes it by its own formula. With
 * Parquet's 256-bit blocks and 8 bits a value, the leak check's target at 1M values (5 * 10^-8)
 * needed 122 bits a value; with these, 55 (a classic filter: 35).
 */
final class BlockedBloomFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  static final int BLOCK_BITS = 512;
  private static final int WORDS = 16;
  private static final long SEED = 42L;

  /**
   * Odd multipliers, one per word, whose products with the hash's low 32 bits pick each word's bit
   * (its top 5 bits): SHA-256's first round constants, made odd, so nothing was chosen by hand.
   */
  private static final int[] SALT = {
    0x428a2f99, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a5, 0xab1c5ed5,
    0xd807aa99, 0x12835b01, 0x243185bf, 0x550c7dc3, 0x72be5d75, 0x80deb1ff, 0x9bdc06a7, 0xc19bf175
  };

  private final int blocks;
  private final int[] words;

  /** A filter of at least {@code bits} bits (whole blocks, at least one). */
  BlockedBloomFilter(long bits) {
    long b = Math.max(1, (bits + BLOCK_BITS - 1) / BLOCK_BITS);
    if (b > Integer.MAX_VALUE / WORDS) {
      throw new IllegalArgumentException("A Bloom filter of " + bits + " bits is too large");
    }
    this.blocks = (int) b;
    this.words = new int[blocks * WORDS];
  }

  long bits() {
    return (long) blocks * BLOCK_BITS;
  }

  void put(UTF8String value) {
    long h = hash(value);
    int base = block(h);
    int low = (int) h;
    for (int w = 0; w < WORDS; w++) {
      words[base + w] |= 1 << ((low * SALT[w]) >>> 27);
    }
  }

  boolean mightContain(UTF8String value) {
    long h = hash(value);
    int base = block(h);
    int low = (int) h;
    for (int w = 0; w < WORDS; w++) {
      if ((words[base + w] & (1 << ((low * SALT[w]) >>> 27))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Adds every value of {@code other}, a filter of the same size. */
  BlockedBloomFilter merge(BlockedBloomFilter other) {
    if (other.blocks != blocks) {
      throw new IllegalArgumentException(
          "Cannot merge Bloom filters of " + bits() + " and " + other.bits() + " bits");
    }
    for (int i = 0; i < words.length; i++) {
      words[i] |= other.words[i];
    }
    return this;
  }

  private static long hash(UTF8String v) {
    return XXH64.hashUnsafeBytes(v.getBaseObject(), v.getBaseOffset(), v.numBytes(), SEED);
  }

  /** First word of the block of hash {@code h}: its high 32 bits scaled to the number of blocks. */
  private int block(long h) {
    return (int) (((h >>> 32) * blocks) >>> 32) * WORDS;
  }

  /**
   * The share of absent values this filter admits when it holds one value per {@code bitsPerValue}
   * bits: a value's block holds a Poisson number of others (mean 512 / bitsPerValue), and it is
   * admitted when each of its 16 bits is set, one in each word of 32 bits.
   */
  static double falsePositiveRate(double bitsPerValue) {
    double mean = BLOCK_BITS / bitsPerValue;
    if (mean > 700) {
      return 1; // every word of every block is full; and exp(-mean) would underflow
    }
    double p = Math.exp(-mean); // Poisson probability of n values in the block, from n = 0
    double rate = 0;
    int last = (int) (mean + 12 * Math.sqrt(mean) + 20);
    for (int n = 0; n <= last; n++) {
      if (n > 0) {
        p *= mean / n;
      }
      rate += p * Math.pow(1 - Math.pow(1 - 1.0 / 32, n), WORDS);
    }
    return rate;
  }

  /**
   * The fewest bits (whole blocks) that hold {@code values} values with at most {@code rate} false
   * positives.
   */
  static long bitsFor(long values, double rate) {
    long n = Math.max(1, values);
    double low = 1;
    double high = 2;
    while (falsePositiveRate(high) > rate) {
      low = high;
      high *= 2;
    }
    for (int i = 0; i < 40; i++) { // bits per value, to well under a bit
      double mid = (low + high) / 2;
      if (falsePositiveRate(mid) > rate) {
        low = mid;
      } else {
        high = mid;
      }
    }
    long blocks = (long) Math.ceil(high * n / BLOCK_BITS);
    return Math.max(1, blocks) * BLOCK_BITS;
  }
}
