package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * S3Proxy (filesystem backend) on the loopback in a JVM of its own, with one bucket, and the s3a
 * settings that reach it: path-style access, no TLS, test-only static credentials.
 */
final class S3Proxy implements AutoCloseable {
  static final String BUCKET = "veil";
  static final String ACCESS_KEY = "veil-test-access";
  static final String SECRET_KEY = "veil-test-secret-not-a-real-one";

  final Process process;
  final String endpoint;

  /** The directory behind the bucket, on this machine's disk. */
  final Path bucketDirectory;

  private S3Proxy(Process process, String endpoint, Path bucketDirectory) {
    this.process = process;
    this.endpoint = endpoint;
    this.bucketDirectory = bucketDirectory;
  }

  /** Starts S3Proxy with its data and log under {@code dir}; waits until it serves. */
  static S3Proxy start(Path dir) throws Exception {
    Path jar = Path.of(System.getProperty("veil.it.s3proxyJar", "target/s3proxy/s3proxy.jar"));
    assertTrue(Files.exists(jar), "S3Proxy's jar is missing (mvn copies it): " + jar);
    Path data = Files.createDirectories(dir.resolve("s3/" + BUCKET)); // a directory is a bucket
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        "s3proxy.endpoint="
            + endpoint
            + "\ns3proxy.authorization=aws-v2-or-v4\n"
            + "s3proxy.identity="
            + ACCESS_KEY
            + "\ns3proxy.credential="
            + SECRET_KEY
            + "\njclouds.provider=filesystem\n"
            + "jclouds.filesystem.basedir="
            + data.getParent()
            + "\n");
    Path log = dir.resolve("s3proxy.log");
    Process process =
        new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!read(log).contains("Started Server")) {
      assertTrue(process.isAlive(), () -> "S3Proxy stopped:\n" + read(log));
      assertTrue(System.nanoTime() < deadline, "S3Proxy did not start in 120 s");
      Thread.sleep(200);
    }
    return new S3Proxy(process, endpoint, data);
  }

  /**
   * A test-only key (fixed bytes) in {@code dir}, in a file readable by its owner alone, as Veil
   * requires; the jobs of the S3 tests name it {@code people}.
   */
  static String peopleKey(Path dir) throws IOException {
    Path f = dir.resolve("people.key");
    if (!Files.exists(f)) {
      byte[] key = new byte[32];
      new java.util.Random(24).nextBytes(key);
      Files.createFile(
          f,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      Files.writeString(f, java.util.Base64.getEncoder().encodeToString(key) + "\n");
    }
    return "file:" + f;
  }

  /** s3a:// against this server: the settings a deployment gives as spark.hadoop.fs.s3a.*. */
  Map<String, String> s3aSettings() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("fs.s3a.endpoint", endpoint);
    c.put("fs.s3a.endpoint.region", "us-east-1"); // else the SDK asks the network for one
    c.put("fs.s3a.path.style.access", "true");
    c.put("fs.s3a.connection.ssl.enabled", "false");
    c.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    c.put("fs.s3a.access.key", ACCESS_KEY);
    c.put("fs.s3a.secret.key", SECRET_KEY);
    c.put("fs.s3a.attempts.maximum", "3");
    c.put("fs.s3a.retry.limit", "3");
    return c;
  }

  static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
