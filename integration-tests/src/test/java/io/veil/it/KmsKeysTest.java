package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.CliRun;
import io.veil.keys.EncryptedDataKey;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.crypto.key.KeyProvider;
import org.apache.hadoop.crypto.key.kms.KMSClientProvider;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys from a real Hadoop KMS (MiniKMS, in a JVM of its own, on the loopback): {@code veil keygen
 * --kms} makes two EDEKs, a job pseudonymizes and encrypts the sample customers under them, the
 * KMS's own audit log shows one decrypt per key version for the run, and after the KMS key rolls,
 * {@code veil rewrap} re-encrypts the EDEKs while the data keys, and so the pseudonyms and the
 * ciphertext's plaintext, stay the same.
 */
@TestMethodOrder(OrderAnnotation.class)
class KmsKeysTest {
  private static final String KEY = "veil-pii";
  private static final Pattern AUDIT =
      Pattern.compile(
          "OK\\[op=(\\w+), key=([^,]+), user=([^,]+), accessCount=(\\d+), interval=(\\d+)ms\\]");

  @TempDir static Path dir;
  static Process server;
  static String kms;
  static Path audit;
  static SparkSession spark;
  static Path edek1;
  static Path edek2;
  static Map<Integer, String> firstPseudonyms;

  @BeforeAll
  static void startKms() throws Exception {
    Path target = SharedSpark.projectDir().resolve("integration-tests/kms-server/target");
    assertTrue(
        Files.exists(target.resolve("kms-server.classpath")),
        "build integration-tests/kms-server first: mvn -pl ...,integration-tests/kms-server,"
            + "integration-tests (mvn -B verify does)");
    String classpath =
        target.resolve("classes")
            + java.io.File.pathSeparator
            + Files.readString(target.resolve("kms-server.classpath")).trim();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path kmsDir = dir.resolve("kms");
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", // JAXB in Jersey 1 defines classes
                "-cp",
                classpath,
                "io.veil.kms.KmsTestServer",
                kmsDir.toString(),
                Integer.toString(port))
            .redirectOutput(dir.resolve("kms.out").toFile())
            .redirectError(dir.resolve("kms.err").toFile())
            .start();
    Path url = kmsDir.resolve("kms.url");
    for (int i = 0; i < 1200 && !Files.exists(url); i++) {
      assertTrue(server.isAlive(), () -> "the KMS stopped:\n" + read(dir.resolve("kms.err")));
      Thread.sleep(100);
    }
    assertTrue(Files.exists(url), () -> "the KMS did not start:\n" + read(dir.resolve("kms.err")));
    kms = "kms://http@localhost:" + port + "/kms";
    audit = kmsDir.resolve("kms-audit.log");
    try (KeyProvider admin = admin()) {
      KeyProvider.Options options = new KeyProvider.Options(new Configuration());
      options.setBitLength(256); // data keys are as long as the KMS key: Veil's aes-256
      admin.createKey(KEY, options);
      admin.flush();
    }
    spark = SharedSpark.get();
  }

  @AfterAll
  static void stopKms() throws Exception {
    if (server != null) {
      server.getOutputStream().close(); // the server stops when its standard input closes
      if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  static KeyProvider admin() throws IOException {
    return new KMSClientProvider.Factory().createProvider(URI.create(kms), new Configuration());
  }

  @Test
  @Order(1)
  void keygenWritesAnEdekAndTheSourceToUse() throws Exception {
    edek1 = dir.resolve("pii-1.edek");
    edek2 = dir.resolve("pii-2.edek");
    for (Path edek : List.of(edek1, edek2)) {
      CliRun r = CliRun.of("keygen", "--kms", kms, "--key", KEY, "--out", edek.toString());
      assertEquals(0, r.code, r::toString);
      assertTrue(
          r.out.contains(
              "source = \"hadoop-kms:" + kms + "#key=" + KEY + ";edek=file:" + edek + "\""),
          r::toString);
      EncryptedDataKey k = EncryptedDataKey.parse(Files.readString(edek));
      assertEquals(KEY, k.key());
      assertEquals(KEY + "@0", k.keyVersion());
      assertEquals(32, k.encrypted().length);
    }
    assertNotEquals(
        EncryptedDataKey.parse(Files.readString(edek1)),
        EncryptedDataKey.parse(Files.readString(edek2)));
    CliRun again = CliRun.of("keygen", "--kms", kms, "--key", KEY, "--out", edek1.toString());
    assertEquals(2, again.code, again::toString);
    assertTrue(again.err.contains("the file exists"), again::toString);
  }

  @Test
  @Order(2)
  void aJobWhoseKeysComeFromTheKmsAsksItOncePerKeyVersion() throws Exception {
    int before = decrypts();
    CliRun r = CliRun.of("run", job("run1", source(edek1), source(edek2)).toString());
    assertEquals(0, r.code, r::toString);
    assertEquals(
        2,
        decryptsAfter(before),
        () -> "one decrypt per key version, not per row or task:\n" + read(audit));
    assertOnlyThisUser();

    List<Row> in = customers(SharedSpark.projectDir().resolve("sample-data/customers"));
    List<Row> out = customers(dir.resolve("run1"));
    assertEquals(in.size(), out.size());
    firstPseudonyms = new TreeMap<>();
    for (int i = 0; i < in.size(); i++) {
      assertEquals(in.get(i).get(0), out.get(i).get(0));
      assertNotEquals(in.get(i).getString(1), out.get(i).getString(1));
      assertNotEquals(in.get(i).getString(2), out.get(i).getString(2));
      firstPseudonyms.put(((Number) out.get(i).get(0)).intValue(), out.get(i).getString(1));
    }
    String edekText = base64Of(edek1) + base64Of(edek2);
    assertFalse(r.out.contains(edekText) || r.err.contains(base64Of(edek1)), r::toString);
  }

  @Test
  @Order(3)
  void rollingTheKmsKeyIsARewrapOfTheEdeksNotOfTheData() throws Exception {
    Map<String, String> before = files(dir.resolve("run1"));
    try (KeyProvider admin = admin()) {
      admin.rollNewVersion(KEY);
      admin.flush();
    }
    for (Path edek : List.of(edek1, edek2)) {
      EncryptedDataKey old = EncryptedDataKey.parse(Files.readString(edek));
      CliRun r = CliRun.of("rewrap", edek.toString());
      assertEquals(0, r.code, r::toString);
      EncryptedDataKey now = EncryptedDataKey.parse(Files.readString(edek));
      assertEquals(KEY + "@1", now.keyVersion(), r::toString);
      assertNotEquals(old, now);
      assertTrue(r.out.contains(KEY + "@0 -> " + KEY + "@1"), r::toString);
    }
    // The data written before the roll is untouched, and reads back under the rewrapped EDEKs.
    assertEquals(before, files(dir.resolve("run1")));
    int decryptsBefore = decrypts();
    CliRun again = CliRun.of("run", job("run2", source(edek1), source(edek2)).toString());
    assertEquals(0, again.code, again::toString);
    assertEquals(2, decryptsAfter(decryptsBefore));
    Map<Integer, String> pseudonyms = new TreeMap<>();
    for (Row row : customers(dir.resolve("run2"))) {
      pseudonyms.put(((Number) row.get(0)).intValue(), row.getString(1));
    }
    assertEquals(firstPseudonyms, pseudonyms, "same data keys: same pseudonyms");

    CliRun decrypt = CliRun.of("run", decryptJob(source(edek1), source(edek2)).toString());
    assertEquals(0, decrypt.code, decrypt::toString);
    List<Row> in = customers(SharedSpark.projectDir().resolve("sample-data/customers"));
    List<Row> back = customers(dir.resolve("decrypted"));
    for (int i = 0; i < in.size(); i++) {
      assertEquals(in.get(i).get(2), back.get(i).get(2), "run 1's ciphertext decrypts");
    }
  }

  @Test
  @Order(4)
  void aKmsThatIsDownOrAKeyItDoesNotHaveGiveAClearErrorAndNoKey() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    String down = "kms://http@localhost:" + closed + "/kms";
    Path downEdek = dir.resolve("down.edek");
    EncryptedDataKey k = EncryptedDataKey.parse(Files.readString(edek1));
    Files.writeString(
        downEdek,
        new EncryptedDataKey(down, k.key(), k.keyVersion(), k.iv(), k.encrypted()).toJson());
    String downSource = "hadoop-kms:" + down + "#key=" + KEY + ";edek=file:" + downEdek;
    CliRun r = CliRun.of("run", job("down", downSource, downSource).toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains("Cannot read key pii version 1 from hadoop-kms:" + down), r::toString);
    assertTrue(r.err.contains("the KMS did not answer (ConnectException)"), r::toString);
    assertFalse(r.err.contains(base64Of(edek1)), r::toString);
    assertFalse(Files.exists(dir.resolve("down")));

    CliRun noKey = CliRun.of("keygen", "--kms", kms, "--key", "no-such-key");
    assertEquals(2, noKey.code, noKey::toString);
    assertTrue(
        noKey.err.startsWith(
            "veil: Cannot make a data key under KMS key no-such-key at "
                + kms
                + ": the KMS refused"),
        noKey::toString);

    CliRun downKeygen = CliRun.of("keygen", "--kms", down, "--key", KEY);
    assertEquals(2, downKeygen.code, downKeygen::toString);
    assertTrue(downKeygen.err.contains("the KMS did not answer"), downKeygen::toString);

    // An EDEK the KMS cannot decrypt under the key it names (tampered, or another KMS's).
    Path forged = dir.resolve("forged.edek");
    byte[] bytes = k.encrypted();
    bytes[0] ^= 1;
    Files.writeString(
        forged, new EncryptedDataKey(kms, KEY, "no-such-key@0", k.iv(), bytes).toJson());
    String forgedSource = "hadoop-kms:" + kms + "#key=" + KEY + ";edek=file:" + forged;
    CliRun f = CliRun.of("run", job("forged", forgedSource, forgedSource).toString());
    assertEquals(2, f.code, f::toString);
    assertTrue(f.err.contains("the KMS refused"), f::toString);
  }

  private static String source(Path edek) {
    return "hadoop-kms:" + kms + "#key=" + KEY + ";edek=file:" + edek;
  }

  private static Path job(String out, String v1, String v2) throws IOException {
    Path conf = dir.resolve(out + ".conf");
    Files.writeString(
        conf,
        "veil {\n"
            + "  keys { pii { versions = [{ version = 1, source = \""
            + v1
            + "\" }, { version = 2, source = \""
            + v2
            + "\" }], primary = 2 } }\n"
            + "  tables = [{\n"
            + "    name = customers\n"
            + "    input { path = \""
            + SharedSpark.projectDir().resolve("sample-data/customers")
            + "\", format = parquet }\n"
            + "    output { path = \""
            + dir.resolve(out)
            + "\", mode = overwrite }\n"
            + "    unlisted-columns = drop\n"
            + "    columns {\n"
            + "      customer_id { op = keep }\n"
            + "      country { op = keep }\n"
            + "      name  { op = replace, with = pseudonym, key = pii }\n"
            + "      email { op = encrypt, mode = randomized, key = pii }\n"
            + "    }\n"
            + "  }]\n"
            + "}\n",
        StandardCharsets.UTF_8);
    return conf;
  }

  private static Path decryptJob(String v1, String v2) throws IOException {
    Path conf = dir.resolve("decrypt.conf");
    Files.writeString(
        conf,
        "veil {\n"
            + "  keys { pii { versions = [{ version = 1, source = \""
            + v1
            + "\" }, { version = 2, source = \""
            + v2
            + "\" }], primary = 2 } }\n"
            + "  tables = [{\n"
            + "    name = customers\n"
            + "    input { path = \""
            + dir.resolve("run1")
            + "\", format = parquet }\n"
            + "    output { path = \""
            + dir.resolve("decrypted")
            + "\", mode = overwrite }\n"
            + "    columns {\n"
            + "      customer_id { op = keep }\n"
            + "      country { op = keep }\n"
            + "      name  { op = keep }\n"
            + "      email { op = decrypt, key = pii }\n"
            + "    }\n"
            + "  }]\n"
            + "}\n",
        StandardCharsets.UTF_8);
    return conf;
  }

  private static List<Row> customers(Path table) {
    return spark
        .read()
        .parquet(table.toString())
        .selectExpr("customer_id", "name", "email")
        .orderBy("customer_id")
        .collectAsList();
  }

  /** Every file of a table, by relative path, with a digest of its bytes. */
  private static Map<String, String> files(Path table) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(table)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        out.put(table.relativize(p).toString(), Base64.getEncoder().encodeToString(digest));
      }
    }
    return out;
  }

  private static String base64Of(Path edek) throws IOException {
    return Base64.getEncoder()
        .encodeToString(EncryptedDataKey.parse(Files.readString(edek)).encrypted());
  }

  /**
   * DECRYPT_EEK calls the KMS has logged for the key so far. It aggregates calls per user, key and
   * operation over a window (1 s in KmsTestServer): a window's first call is logged at once
   * (accessCount=1, interval=0ms) and counted again in the window's total, logged when the window
   * closes (interval of about the window); only the totals are counted.
   */
  private static int decrypts() throws IOException {
    int n = 0;
    for (String[] e : auditEntries()) {
      if (e[0].equals("DECRYPT_EEK") && e[1].equals(KEY) && Integer.parseInt(e[4]) >= 500) {
        n += Integer.parseInt(e[3]);
      }
    }
    return n;
  }

  /** Counts the decrypts since {@code before}, once the KMS's audit window has closed. */
  private static int decryptsAfter(int before) throws Exception {
    Thread.sleep(2500);
    return decrypts() - before;
  }

  private static void assertOnlyThisUser() throws IOException {
    String user = System.getProperty("user.name");
    for (String[] e : auditEntries()) {
      assertEquals(user, e[2], "every KMS call comes from this driver's user");
    }
  }

  private static List<String[]> auditEntries() throws IOException {
    List<String[]> entries = new ArrayList<>();
    if (!Files.exists(audit)) {
      return entries;
    }
    for (String line : Files.readAllLines(audit)) {
      Matcher m = AUDIT.matcher(line);
      if (m.find()) {
        entries.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
      }
    }
    return entries;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
