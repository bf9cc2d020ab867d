package io.veil.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import io.veil.keys.KeyResolver;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's keys: what KeyRing accepts from the sources a config names. */
class KeyRingTest {
  @TempDir Path dir;

  static final KeyResolver RESOLVER = new KeyResolver(Map.<String, String>of()::get, alias -> null);

  static Path job(Path file, String keySource) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "veil {\n  keys { pii = \""
            + keySource
            + "\" }\n"
            + "  tables = [{ name = t, input { path = a }, output { path = b }, columns { x = keep } }]\n}\n");
    return file;
  }

  static String demoKey() {
    return "file:" + SharedSpark.projectDir().resolve("conf/demo-keys/demo-only-pii.key");
  }

  @Test
  void keyHygieneDemoKeysAreRefusedOutsideTheRepositorysOwnConf() throws IOException {
    JobConfig elsewhere = JobConfigLoader.load(job(dir.resolve("job.conf"), demoKey()));
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class,
            () -> KeyRing.resolve(elsewhere, Set.of("pii"), RESOLVER));
    assertEquals(
        elsewhere.file()
            + ":2: Cannot use key pii version 1: it is one of Veil's demo keys"
            + " (conf/demo-keys), which anyone can read; generate a key with veil keygen. Demo keys serve only the"
            + " examples in the Veil repository's own conf/ directory.",
        e.problems().get(0).toString());
  }

  @Test
  void keyHygieneDemoKeysServeTheExamplesInTheRepositorysOwnConf() throws IOException {
    // The layout of a clone: conf/ holding demo-keys/, beside sample-data/.
    Path repo = dir.resolve("veil");
    Files.createDirectories(repo.resolve("conf/demo-keys"));
    Files.createDirectories(repo.resolve("sample-data"));
    JobConfig example = JobConfigLoader.load(job(repo.resolve("conf/example.conf"), demoKey()));
    assertEquals(
        64, KeyRing.resolve(example, Set.of("pii"), RESOLVER).keyset("pii").primary().length());
  }

  @Test
  void keysThatAreNotDemoKeysServeAnyConfig() throws IOException {
    byte[] key = new byte[32];
    key[0] = 1;
    Path file = dir.resolve("pii.key");
    Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
    JobConfig c = JobConfigLoader.load(job(dir.resolve("job.conf"), "file:" + file));
    assertTrue(KeyRing.resolve(c, Set.of("pii"), RESOLVER).keyset("pii").compromised().isEmpty());
  }

  @Test
  void keyHygieneReadingACompromisedVersionAndACompromisedPrimaryAreWarnedAboutOnce()
      throws IOException {
    Path file = dir.resolve("pii.key");
    Files.writeString(file, java.util.Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil {\n  keys {\n    pii { versions = [{ version = 1, source = \"file:"
            + file
            + "\", compromised = true }], primary = 1 }\n  }\n"
            + "  tables = [{ name = t, input { path = a }, output { path = b }, columns { x = keep } }]\n}\n");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    KeyResolver resolver =
        new KeyResolver(
            Map.<String, String>of()::get,
            alias -> null,
            new io.veil.keys.KeyWarnings(
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)));
    KeyRing ring = KeyRing.resolve(JobConfigLoader.load(conf), Set.of("pii"), resolver);
    ring.reading("pii", null, "column a of table t (key pii)");
    ring.reading("pii", 1, "column b of table t (key pii)");
    ring.reading("pii", 2, "column c of table t (key pii)");
    assertEquals(
        java.util.List.of(
            "[veil] warning: version 1 of key pii is primary and marked compromised ("
                + conf
                + ":3): whatever this run"
                + " encrypts, pseudonymizes or fakes under it is as exposed as the key; make a version that is not"
                + " compromised primary",
            "[veil] warning: version 1 of key pii is marked compromised ("
                + conf
                + ":3): column a of table t (key pii)"
                + " reads values written under it; rekey them under a version that is not compromised, then remove"
                + " version 1"),
        err.toString(java.nio.charset.StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.startsWith("[veil]"))
            .toList());
  }
}
