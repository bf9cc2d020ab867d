package io.veil.job;

import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Random;

/**
 * conf/sample.conf rewritten for a test: inputs and outputs made absolute, outputs in a directory
 * of the test's own, and the committed demo keys replaced by stand-ins of the same sizes (Veil
 * refuses the demo keys in any config outside the repository's own conf/).
 */
public final class SampleJob {
  /** conf/sample.conf's rule for customers' notes: removing it leaves the column unlisted. */
  public static final String NOTES_RULE =
      "        notes       { op = redact }    # e-mails, phones... inside the text become [EMAIL],"
          + " [PHONE]\n";

  private SampleJob() {}

  public static Path config(Path dir, String outputDir) {
    return config(dir, outputDir, text -> text);
  }

  public static Path config(
      Path dir, String outputDir, java.util.function.UnaryOperator<String> edit) {
    return config("sample.conf", dir, outputDir, edit);
  }

  /** Any example of conf/, its relative paths made absolute and its outputs under outputDir. */
  public static Path config(
      String name, Path dir, String outputDir, java.util.function.UnaryOperator<String> edit) {
    try {
      Path project = SharedSpark.projectDir();
      String text =
          Files.readString(project.resolve("conf").resolve(name))
              .replace("\"sample-data/", "\"" + project.resolve("sample-data") + "/")
              .replace("\"file:conf/demo-keys/", "\"file:" + standInKeys(dir) + "/")
              .replace("\"target/anonymized/", "\"" + outputDir + "/")
              .replaceAll("\"target/(\\w+)/", "\"" + outputDir + "/$1/");
      Path file = Files.createTempFile(dir, "sample", ".conf");
      Files.writeString(file, edit.apply(text));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A directory holding a stand-in for each file of conf/demo-keys/, the same size, fixed bytes (so
   * that an encryption and a decryption config decrypt each other) and readable by the owner alone.
   */
  public static Path standInKeys(Path dir) throws IOException {
    Path keys = Files.createDirectories(dir.resolve("stand-in-keys"));
    for (Map.Entry<String, Integer> demo :
        Map.of("demo-only-pii.key", 64, "demo-only-aes256.key", 32).entrySet()) {
      Path file = keys.resolve(demo.getKey());
      if (!Files.exists(file)) {
        byte[] key = new byte[demo.getValue()];
        new Random(demo.getValue()).nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      }
    }
    return keys;
  }
}
