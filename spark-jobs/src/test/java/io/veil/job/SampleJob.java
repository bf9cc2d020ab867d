package io.veil.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * conf/sample.conf rewritten for a test: inputs, key file and outputs made absolute, outputs in
 * a directory of the test's own.
 */
public final class SampleJob {
  private SampleJob() {}

  public static Path config(Path dir, String outputDir) {
    return config(dir, outputDir, text -> text);
  }

  public static Path config(Path dir, String outputDir, java.util.function.UnaryOperator<String> edit) {
    return config("sample.conf", dir, outputDir, edit);
  }

  /** Any example of conf/, its relative paths made absolute and its outputs under outputDir. */
  public static Path config(String name, Path dir, String outputDir, java.util.function.UnaryOperator<String> edit) {
    try {
      Path project = SharedSpark.projectDir();
      String text = Files.readString(project.resolve("conf").resolve(name))
          .replace("\"sample-data/", "\"" + project.resolve("sample-data") + "/")
          .replace("\"file:conf/", "\"file:" + project.resolve("conf") + "/")
          .replace("\"target/anonymized/", "\"" + outputDir + "/")
          .replaceAll("\"target/(\\w+)/", "\"" + outputDir + "/$1/");
      Path file = Files.createTempFile(dir, "sample", ".conf");
      Files.writeString(file, edit.apply(text));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
