package io.veil.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session per test JVM: UI off, loopback only, UTC, fixed shuffle width, and the keys
 * tests name in SQL in the static conf the application starts with (Veil's SQL functions refuse
 * keys a session sets at runtime).
 */
public final class SharedSpark {
  private static String peopleKey;

  private SharedSpark() {}

  /** The source of key {@code people} (32 bytes), which the session's static conf names too. */
  public static synchronized String peopleKeySource() {
    if (peopleKey == null) {
      try {
        byte[] key = new byte[32];
        new Random(9).nextBytes(key);
        Path f = Files.createTempFile("veil-people", ".key", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
        f.toFile().deleteOnExit();
        Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
        peopleKey = "file:" + f;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peopleKey;
  }

  public static synchronized SparkSession get() {
    return SparkSession.builder()
        .config("spark.veil.keys.people", peopleKeySource())
        .master("local[2]")
        .appName("veil-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  /** The repository's root directory (for sample-data and conf). */
  public static Path projectDir() {
    return Paths.get(System.getProperty("veil.project.dir", "..")).toAbsolutePath().normalize();
  }
}
