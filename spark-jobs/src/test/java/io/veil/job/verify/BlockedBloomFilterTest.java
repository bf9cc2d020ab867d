package io.veil.job.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The leak check's filter: no false negatives, false positives as its formula says, mergeable,
 * shippable.
 */
class BlockedBloomFilterTest {
  static UTF8String member(int i) {
    return UTF8String.fromString("+86 138 " + i + " 名字");
  }

  static UTF8String absent(int i) {
    return UTF8String.fromString("absent-" + i + "@example.com");
  }

  static BlockedBloomFilter filled(long bits, int values) {
    BlockedBloomFilter f = new BlockedBloomFilter(bits);
    for (int i = 0; i < values; i++) {
      f.put(member(i));
    }
    return f;
  }

  @Test
  void holdsEveryValuePutAndHashesBytesWhereverTheyLie() {
    BlockedBloomFilter f = filled(100_000 * 10L, 100_000);
    for (int i = 0; i < 100_000; i++) {
      assertTrue(f.mightContain(member(i)), "value " + i);
    }
    // Spark's strings point into a row's buffer: the same bytes at an offset hash the same.
    byte[] value = "someone@example.com".getBytes(StandardCharsets.UTF_8);
    byte[] buffer = new byte[value.length + 13];
    System.arraycopy(value, 0, buffer, 7, value.length);
    BlockedBloomFilter g = new BlockedBloomFilter(1024);
    g.put(UTF8String.fromBytes(buffer, 7, value.length));
    assertTrue(g.mightContain(UTF8String.fromBytes(value)));
  }

  @Test
  void falsePositivesAsTheFormulaSays() {
    int values = 100_000;
    for (double bitsPerValue : new double[] {8, 12, 17, 22}) {
      BlockedBloomFilter f = filled((long) (values * bitsPerValue), values);
      int probes = 2_000_000;
      int admitted = 0;
      for (int i = 0; i < probes; i++) {
        if (f.mightContain(absent(i))) {
          admitted++;
        }
      }
      double expected = BlockedBloomFilter.falsePositiveRate((double) f.bits() / values) * probes;
      // At 22 bits a value about 400 are expected; a third either way is over 6 standard
      // deviations.
      assertEquals(expected, admitted, expected / 3, bitsPerValue + " bits a value");
    }
  }

  @Test
  void sizesByItsOwnFormula() {
    for (double rate : new double[] {0.01, 1e-4, 2.5e-7, 5e-8}) {
      long bits = BlockedBloomFilter.bitsFor(1_000_000, rate);
      assertEquals(0, bits % BlockedBloomFilter.BLOCK_BITS);
      assertTrue(BlockedBloomFilter.falsePositiveRate(bits / 1e6) <= rate, rate + ": " + bits);
      assertTrue(
          BlockedBloomFilter.falsePositiveRate((bits - 2 * BlockedBloomFilter.BLOCK_BITS) / 1e6)
              > rate,
          "fewest bits");
    }
    assertTrue(BlockedBloomFilter.falsePositiveRate(10) > BlockedBloomFilter.falsePositiveRate(20));
    assertEquals(1.0, BlockedBloomFilter.falsePositiveRate(0.01), 1e-9);
    assertEquals(BlockedBloomFilter.BLOCK_BITS, BlockedBloomFilter.bitsFor(1, 0.01));
  }

  @Test
  void mergeHoldsBothSides() {
    BlockedBloomFilter a = new BlockedBloomFilter(1 << 16);
    BlockedBloomFilter b = new BlockedBloomFilter(1 << 16);
    for (int i = 0; i < 1000; i++) {
      (i % 2 == 0 ? a : b).put(member(i));
    }
    a.merge(b);
    for (int i = 0; i < 1000; i++) {
      assertTrue(a.mightContain(member(i)), "value " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> a.merge(new BlockedBloomFilter(1 << 17)));
  }

  @Test
  void survivesEitherSerializer() {
    BlockedBloomFilter f = filled(1 << 16, 1000);
    SparkConf conf = new SparkConf();
    for (Serializer serializer : List.of(new JavaSerializer(conf), new KryoSerializer(conf))) {
      SerializerInstance instance = serializer.newInstance();
      ClassTag<BlockedBloomFilter> tag = ClassTag$.MODULE$.apply(BlockedBloomFilter.class);
      BlockedBloomFilter copy = instance.deserialize(instance.serialize(f, tag), tag);
      String name = serializer.getClass().getSimpleName();
      assertEquals(f.bits(), copy.bits(), name);
      for (int i = 0; i < 1000; i++) {
        assertTrue(copy.mightContain(member(i)), name + ": value " + i);
      }
      int admitted = 0;
      for (int i = 0; i < 1000; i++) {
        admitted += copy.mightContain(absent(i)) == f.mightContain(absent(i)) ? 0 : 1;
      }
      assertEquals(0, admitted, name + ": the copy answers as the original");
    }
    assertFalse(new BlockedBloomFilter(1 << 16).mightContain(member(0)));
  }
}
