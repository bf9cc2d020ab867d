package io.veil.job;

import io.veil.testing.SharedSparkConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * The spark-jobs tests' static conf for the shared session: the keys tests name in SQL (Veil's SQL
 * functions refuse keys a session sets at runtime).
 */
public final class JobTestConf implements SharedSparkConf {
  private static String peopleKey;

  @Override
  public Map<String, String> settings() {
    return Map.of("spark.veil.keys.people", peopleKeySource());
  }

  /** The source of key {@code people} (32 bytes), which the session's static conf names too. */
  public static synchronized String peopleKeySource() {
    if (peopleKey == null) {
      try {
        byte[] key = new byte[32];
        new Random(9).nextBytes(key);
        Path f =
            Files.createTempFile(
                "veil-people",
                ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        f.toFile().deleteOnExit();
        Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
        peopleKey = "file:" + f;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peopleKey;
  }
}
