package io.veil.spark.sql;

import io.veil.keys.KeyMaterial;
import io.veil.spark.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.spark.sql.SparkSession;

/**
 * Fixed test keys for the SQL functions, written to files and named in the shared session's conf
 * as the documented examples expect: {@code pii} (32 bytes) and {@code pii_siv} (64 bytes).
 */
final class SqlTestKeys {
  static final byte[] PII = bytes(32, 7);
  static final byte[] PII_SIV = bytes(64, 11);

  private static Path dir;

  private SqlTestKeys() {}

  /** The shared session with the test keys configured. */
  static synchronized SparkSession session() {
    SparkSession spark = SharedSpark.get();
    configure(spark, "pii", PII);
    configure(spark, "pii_siv", PII_SIV);
    return spark;
  }

  /** Writes {@code key} to a file and points {@code spark.veil.keys.<name>} at it. */
  static synchronized void configure(SparkSession spark, String name, byte[] key) {
    spark.conf().set("spark.veil.keys." + name, source(name, key));
  }

  static synchronized String source(String name, byte[] key) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("veil-sql-keys");
        dir.toFile().deleteOnExit();
      }
      Path f = dir.resolve(name + ".key");
      Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
      f.toFile().deleteOnExit();
      return "file:" + f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KeyMaterial material(byte[] key) {
    return KeyMaterial.of(key);
  }

  static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i * 13 + 5);
    }
    return b;
  }
}
