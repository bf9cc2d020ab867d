package io.veil.job.verify;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Bloom filter of UTF-8 strings whose bits for one value all lie in one 512-bit block, a cache
 * line (Putze, Sanders and Singler, "Cache-, Hash- and Space-Efficient Bloom Filters", 2007).
 * Spark's own {@code BloomFilter} spreads a value's bits over the whole array: with filters of
 * tens of megabytes, each of its hash functions is a cache miss, and the leak check's passes over
 * 5M rows spent most of their time waiting on memory. Here a value costs one miss; the price is
 * size: {@link #BITS_FACTOR} times a classic filter's bits for the same false-positive rate.
 */
final class BlockedBloomFilter implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int BLOCK_BITS = 512;
  private static final int BLOCK_WORDS = BLOCK_BITS / 64;
  /**
   * Odd multipliers that turn one 32-bit hash into a bit position per hash function
   * (multiply-shift). The first eight are the salts of Parquet's split-block Bloom filter. Stepping
   * through positions as {@code h + i * step} instead set the same few bits for the values whose
   * step was small, and measured false positives that stopped falling at about 5 in 10^5.
   */
  private static final int[] SALTS = {
    0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31,
    0x6f8c3b9d, 0x3a1e6c35, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1, 0x85ebca6b, 0x9e3779b1, 0x7feb352d,
  };

  /** More bits per value in one block stop paying off; at most one per salt. */
  private static final int MAX_HASHES = SALTS.length;

  /**
   * Bits this design needs for the false-positive rate a classic filter reaches with one bit: one
   * block takes a value's bits, and blocks fill unevenly. Measured for rates from 10^-2 to 10^-7.
   */
  static final double BITS_FACTOR = 1.5;

  private final long[] words;
  private final int blocks;
  private final int hashes;

  /**
   * @param expected values the filter is made for, which sets the number of bits set per value
   * @param bits its size, rounded up to whole 512-bit blocks
   */
  BlockedBloomFilter(long expected, long bits) {
    long b = Math.max(1, (bits + BLOCK_BITS - 1) / BLOCK_BITS);
    if (b * BLOCK_WORDS > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("A Bloom filter of " + bits + " bits is too large");
    }
    this.blocks = (int) b;
    this.words = new long[blocks * BLOCK_WORDS];
    double perValue = (double) blocks * BLOCK_BITS / Math.max(1, expected);
    this.hashes = (int) Math.max(1, Math.min(MAX_HASHES, Math.round(perValue * Math.log(2))));
  }

  void put(UTF8String v) {
    put(v.getBaseObject(), v.getBaseOffset(), v.numBytes());
  }

  boolean mightContain(String v) {
    byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
    return mightContain(utf8, Platform.BYTE_ARRAY_OFFSET, utf8.length);
  }

  boolean mightContain(UTF8String v) {
    return mightContain(v.getBaseObject(), v.getBaseOffset(), v.numBytes());
  }

  private void put(Object base, long offset, int length) {
    int h1 = Murmur3_x86_32.hashUnsafeBytes(base, offset, length, 0);
    int h2 = Murmur3_x86_32.hashUnsafeBytes(base, offset, length, h1);
    int first = block(h1) * BLOCK_WORDS;
    for (int i = 0; i < hashes; i++) {
      int bit = (h2 * SALTS[i]) >>> 23; // top 9 bits: one of the block's 512
      words[first + (bit >>> 6)] |= 1L << bit;
    }
  }

  private boolean mightContain(Object base, long offset, int length) {
    int h1 = Murmur3_x86_32.hashUnsafeBytes(base, offset, length, 0);
    int h2 = Murmur3_x86_32.hashUnsafeBytes(base, offset, length, h1);
    int first = block(h1) * BLOCK_WORDS;
    for (int i = 0; i < hashes; i++) {
      int bit = (h2 * SALTS[i]) >>> 23;
      if ((words[first + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** The block of a hash: its 32 bits scaled to the number of blocks (no modulo bias to speak of). */
  private int block(int h) {
    return (int) (((h & 0xffffffffL) * blocks) >>> 32);
  }

  /** Adds the values of {@code other}, a filter made with the same size and values expected. */
  void merge(BlockedBloomFilter other) {
    if (other.words.length != words.length || other.hashes != hashes) {
      throw new IllegalArgumentException("Bloom filters of different shapes cannot be merged");
    }
    for (int i = 0; i < words.length; i++) {
      words[i] |= other.words[i];
    }
  }
}
