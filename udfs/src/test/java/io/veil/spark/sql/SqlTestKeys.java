package io.veil.spark.sql;

import io.veil.keys.KeyMaterial;
import io.veil.spark.HadoopCredentialsTest;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Fixed test keys for the SQL functions, written to files and named in the static conf of the
 * shared session (Veil takes key settings only from the conf the application starts with), as the
 * documented examples expect: {@code pii} (32 bytes) and {@code pii_siv} (64 bytes), plus the keys
 * the key tests need.
 */
public final class SqlTestKeys {
  static final byte[] PII = bytes(32, 7);
  static final byte[] PII_SIV = bytes(64, 11);
  static final byte[] ROT_V1 = bytes(32, 21);
  static final byte[] ROT_V2 = bytes(32, 22);
  static final byte[] CLEARTEXT = bytes(32, 31);
  static final byte[] JCEKS = bytes(32, 32);

  /** The credential alias of key {@code jceks}, stored in a JCEKS provider the session names. */
  static final String JCEKS_ALIAS = "veil.test.jceks";

  /**
   * A Hadoop property of key {@code cleartext}'s alias: not a credential provider, so never read.
   */
  static final String CLEARTEXT_ALIAS = "veil.test.cleartext";

  private static Path dir;
  private static Map<String, String> staticConf;

  private SqlTestKeys() {}

  /** The shared session, whose static conf names the test keys. */
  static SparkSession session() {
    return SharedSpark.get();
  }

  /**
   * The settings {@link SharedSpark} starts its session with ({@link SqlTestConf}): every key the
   * SQL tests name. A key name set later with {@code SET} or {@code spark.conf().set} is refused,
   * as on a shared server.
   */
  public static synchronized Map<String, String> staticConf() {
    if (staticConf == null) {
      Map<String, String> c = new LinkedHashMap<>();
      c.put("spark.veil.keys.pii", source("pii", PII));
      c.put("spark.veil.keys.pii_siv", source("pii_siv", PII_SIV));
      c.put("spark.veil.keys.short", source("short", bytes(16, 3)));
      c.put("spark.veil.keys.unset_env", "env:VEIL_TEST_NOT_SET");
      c.put("spark.veil.keys.inline", Base64.getEncoder().encodeToString(bytes(32, 9)));
      // One version, then the same key rotated: rot1's values decrypt under rot.
      c.put("spark.veil.keys.rot1", source("rot-v1", ROT_V1));
      c.put("spark.veil.keys.rot.v1", source("rot-v1", ROT_V1));
      c.put("spark.veil.keys.rot.v2", source("rot-v2", ROT_V2));
      c.put("spark.veil.keys.rot.primary", "2");
      // The same, with version 1 marked compromised.
      c.put("spark.veil.keys.leaked.v1", source("rot-v1", ROT_V1));
      c.put("spark.veil.keys.leaked.v1.compromised", "true");
      c.put("spark.veil.keys.leaked.v2", source("rot-v2", ROT_V2));
      c.put("spark.veil.keys.leaked.primary", "2");
      c.put(
          "spark.veil.keys.demo",
          "file:" + SharedSpark.projectDir().resolve("conf/demo-keys/demo-only-aes256.key"));
      c.put("spark.veil.keys.cleartext", "hadoop:" + CLEARTEXT_ALIAS);
      c.put("spark.hadoop." + CLEARTEXT_ALIAS, Base64.getEncoder().encodeToString(CLEARTEXT));
      c.put("spark.veil.keys.jceks", "hadoop:" + JCEKS_ALIAS);
      try {
        c.put(
            "spark.hadoop.hadoop.security.credential.provider.path",
            HadoopCredentialsTest.credentialStore(
                keyDir().resolve("keys.jceks"),
                JCEKS_ALIAS,
                Base64.getEncoder().encodeToString(JCEKS)));
      } catch (Exception e) {
        throw new IllegalStateException("Cannot write the test credential store", e);
      }
      staticConf = Map.copyOf(c);
    }
    return staticConf;
  }

  /** Writes {@code key} to a file of its own (owner-only) and returns its {@code file:} source. */
  static synchronized String source(String name, byte[] key) {
    try {
      Path f = keyDir().resolve(name + ".key");
      Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      f.toFile().deleteOnExit();
      return "file:" + f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path keyDir() throws IOException {
    if (dir == null) {
      dir = Files.createTempDirectory("veil-sql-keys");
      dir.toFile().deleteOnExit();
    }
    return dir;
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
