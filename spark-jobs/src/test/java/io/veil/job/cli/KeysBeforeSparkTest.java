package io.veil.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys are read and checked against every rule that names them before a Spark session starts: the
 * check needs no session, and gives the messages planning would.
 */
class KeysBeforeSparkTest {
  @TempDir Path dir;

  private JobConfig config(int keyBytes, String rules) throws Exception {
    byte[] key = new byte[keyBytes];
    new Random(keyBytes).nextBytes(key);
    Path k = dir.resolve("k" + keyBytes + ".key");
    Files.writeString(k, Base64.getEncoder().encodeToString(key));
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil {\n" // 1
            + "  keys { k = \"file:" // 2
            + k
            + "\", vault = \"hadoop:veil.k\" }\n"
            + "  tables = [{ name = t, input { path = in }, output { path = out }\n" // 3
            + "    columns {\n" // 4
            + rules
            + "    }\n  }]\n}\n");
    return JobConfigLoader.load(conf);
  }

  private static void check(JobConfig c) {
    JobRunner runner =
        new JobRunner(
            c,
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()));
    runner.checkKeys(c.tables());
  }

  @Test
  void aKeyOfTheWrongSizeFailsAtItsLineWithoutSpark() throws Exception {
    JobConfig c =
        config(32, "      email { op = encrypt, key = k, mode = deterministic, context = none }\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(c));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals(
        "Invalid key k for deterministic encryption of column email: version 1 has 32 bytes,"
            + " expected 64 for deterministic encryption (veil keygen --type aes-siv-512 prints one)",
        e.problems().get(0).message());
    assertEquals(dir.resolve("job.conf") + ":2", e.problems().get(0).where());
  }

  @Test
  void shortKeysForEveryKeyedOpAreFoundTogether() throws Exception {
    JobConfig c =
        config(
            16,
            "      email { op = replace, with = pseudonym, key = k }\n"
                + "      visit { op = shift, key = k, by = id, max-days = 30 }\n"
                + "      salary { op = noise, key = k, scale = 5 }\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> check(c));
    assertEquals(3, e.problems().size(), e.getMessage());
  }

  @Test
  void keysFromHadoopAndFittingKeysWaitForPlanning() throws Exception {
    check(
        config(
            32,
            "      email { op = encrypt, key = k }\n"
                + "      phone { op = replace, with = pseudonym, key = vault }\n"));
  }
}
