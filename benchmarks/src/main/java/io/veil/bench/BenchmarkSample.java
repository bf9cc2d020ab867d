package io.veil.bench;

import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** conf/sample.conf pointed at the benchmark's tables, writing into its scratch directory. */
public final class BenchmarkSample {
  private BenchmarkSample() {}

  public static JobConfig config(String data, String scratch) {
    try {
      String text =
          Files.readString(Paths.get("conf/sample.conf"))
              .replace("\"sample-data/", "\"" + data + "/")
              .replace("\"target/anonymized/", "\"" + scratch + "/sample/");
      Path file = Files.createTempFile("veil-bench-sample", ".conf");
      file.toFile().deleteOnExit();
      Files.writeString(file, text);
      return JobConfigLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read conf/sample.conf (run bench from the repository root)", e);
    }
  }
}
