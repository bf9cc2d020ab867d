package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.veil.job.config.JobConfig;
import io.veil.job.plan.KeyRing;
import io.veil.keys.KeyResolver;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class BenchmarkSampleTest {
  private static final Path PROJECT = Paths.get(System.getProperty("veil.project.dir", ".."));

  /** Veil refuses demo keys outside the repository's conf/: the bench's copy has fresh ones. */
  @Test
  void theSampleConfigTheBenchRunsResolvesItsKeys() {
    JobConfig c = BenchmarkSample.config(PROJECT, "/data", "/scratch");
    KeyRing.resolve(c, c.keys().keySet(), KeyResolver.fromEnvironment(null));
    assertFalse(c.keys().toString().contains("demo-keys"), c.keys().toString());
  }
}
