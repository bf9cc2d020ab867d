package io.veil.job.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.sketch.BloomFilter;
import org.junit.jupiter.api.Test;

/** No false negatives, a false-positive rate near a classic filter's, merges and serialization. */
class BlockedBloomFilterTest {
  static final int N = 200_000;

  static BlockedBloomFilter filled(long bits, int from, int to) {
    BlockedBloomFilter f = new BlockedBloomFilter(N, bits);
    for (int i = from; i < to; i++) {
      f.put(UTF8String.fromString(value(i)));
    }
    return f;
  }

  static String value(int i) {
    return i % 3 == 0 ? "+86 138 " + i : i % 3 == 1 ? "user" + i + "@example.com" : "名字-" + i;
  }

  static double falsePositiveRate(BlockedBloomFilter f) {
    int hits = 0;
    int probes = 1_000_000;
    for (int i = 0; i < probes; i++) {
      if (f.mightContain(value(N + i))) {
        hits++;
      }
    }
    return (double) hits / probes;
  }

  @Test
  void everyValuePutIsFoundAsTextAndAsBytes() {
    BlockedBloomFilter f = filled(BloomFilter.optimalNumOfBits(N, 0.01), 0, N);
    for (int i = 0; i < N; i++) {
      assertTrue(f.mightContain(value(i)), value(i));
      assertTrue(f.mightContain(UTF8String.fromString(value(i))), value(i));
    }
  }

  @Test
  void falsePositivesReachTheClassicRateWithTheFactorsBits() {
    for (double classic : new double[] {1e-2, 1e-3, 1e-4}) {
      long bits = (long) (BloomFilter.optimalNumOfBits(N, classic) * BlockedBloomFilter.BITS_FACTOR);
      double rate = falsePositiveRate(filled(bits, 0, N));
      assertTrue(rate <= classic, () -> "sized for " + classic + ", measured " + rate);
    }
  }

  @Test
  void mergeIsTheUnionAndSerializationKeepsTheBits() throws Exception {
    long bits = BloomFilter.optimalNumOfBits(N, 0.001);
    BlockedBloomFilter a = filled(bits, 0, N / 2);
    a.merge(filled(bits, N / 2, N));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(a);
    }
    BlockedBloomFilter copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (BlockedBloomFilter) in.readObject();
    }
    for (int i = 0; i < N; i++) {
      assertTrue(copy.mightContain(value(i)), value(i));
    }
    assertTrue(falsePositiveRate(copy) < 0.0025);
    assertFalse(new BlockedBloomFilter(N, bits).mightContain(value(0)), "an empty filter holds nothing");
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BlockedBloomFilter(N, bits * 2)));
  }
}
