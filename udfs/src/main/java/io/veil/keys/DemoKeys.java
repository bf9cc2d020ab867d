package io.veil.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo keys committed in the repository's {@code conf/demo-keys/}, so that {@code bin/veil run
 * conf/sample.conf} works with no setup. A key anyone can download protects nothing, so they are
 * known here by fingerprint (not by file name: a copy elsewhere is the same key) and refused in
 * every config but the repository's own examples.
 */
public final class DemoKeys {
  /**
   * HMAC-SHA256 under {@link #LABEL} of each demo key's bytes; the keys themselves stay out of the
   * jar.
   */
  private static final List<String> FINGERPRINTS =
      List.of(
          "a2a9a4d942c4354a8482069ab7ccbc1a300c2526071ce4dbd27e66760a44ea9a", // demo-only-pii.key
          "c156cabb784f23e76b0301c8de7221897eaac614b22519df0131c83ee0deb77c"); // demo-only-aes256.key

  private static final byte[] LABEL =
      "veil/v1/demo-key-fingerprint".getBytes(StandardCharsets.US_ASCII);

  private DemoKeys() {}

  public static boolean isDemoKey(KeyMaterial key) {
    byte[] bytes = key.copyBytes();
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(LABEL, "HmacSHA256"));
      return FINGERPRINTS.contains(HexFormat.of().formatHex(mac.doFinal(bytes)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Whether {@code configFile} is one of the examples in the Veil repository's own {@code conf/}:
   * its real path (symbolic links and {@code ..} resolved) lies directly in a directory named
   * {@code conf} that holds {@code demo-keys/} and stands beside {@code sample-data/}, as in a
   * clone or a source release. This guards against accidents (a copied example, a real job pointed
   * at a demo key), not against someone who builds that layout on purpose.
   */
  public static boolean isRepositoryExample(Path configFile) {
    Path real;
    try {
      real = configFile.toRealPath();
    } catch (IOException | SecurityException e) {
      return false;
    }
    Path conf = real.getParent();
    return conf != null
        && conf.getFileName() != null
        && conf.getFileName().toString().equals("conf")
        && conf.getParent() != null
        && Files.isDirectory(conf.resolve("demo-keys"))
        && Files.isDirectory(conf.getParent().resolve("sample-data"));
  }
}
