package io.veil.bench;

import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * conf/sample.conf pointed at the benchmark's tables, writing into its scratch directory. Veil
 * refuses its demo keys outside the repository's own conf/ directory, so each demo key the sample
 * names is replaced by a fresh random key of the same size, in a file only the user can read.
 */
public final class BenchmarkSample {
  private static final Pattern DEMO_KEY = Pattern.compile("file:conf/demo-keys/([A-Za-z0-9._-]+)");

  private BenchmarkSample() {}

  public static JobConfig config(String data, String scratch) {
    return config(Paths.get(""), data, scratch);
  }

  /** The same, for the repository at {@code repository}. */
  static JobConfig config(Path repository, String data, String scratch) {
    try {
      String text =
          Files.readString(repository.resolve("conf/sample.conf"))
              .replace("\"sample-data/", "\"" + data + "/")
              .replace("\"target/anonymized/", "\"" + scratch + "/sample/");
      Path keys = Files.createTempDirectory("veil-bench-keys");
      keys.toFile().deleteOnExit();
      Matcher m = DEMO_KEY.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Path fresh = freshKeyLike(repository.resolve("conf/demo-keys").resolve(m.group(1)), keys);
        m.appendReplacement(out, Matcher.quoteReplacement("file:" + fresh));
      }
      m.appendTail(out);
      Path file = Files.createTempFile("veil-bench-sample", ".conf");
      file.toFile().deleteOnExit();
      Files.writeString(file, out.toString());
      return JobConfigLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read conf/sample.conf (run bench from the repository root)", e);
    }
  }

  /** A random key of the demo key's size, base64 in a new file under {@code dir}. */
  private static Path freshKeyLike(Path demo, Path dir) throws IOException {
    int size = Base64.getDecoder().decode(Files.readString(demo).trim()).length;
    byte[] key = new byte[size];
    new SecureRandom().nextBytes(key);
    Path file =
        Files.createFile(
            dir.resolve(demo.getFileName().toString()),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    file.toFile().deleteOnExit();
    Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
    return file;
  }
}
