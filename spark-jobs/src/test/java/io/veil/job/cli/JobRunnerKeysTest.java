package io.veil.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import io.veil.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Base64;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The keys a job reads, through the resolver JobRunner gives it. */
class JobRunnerKeysTest {
  /** Issue 20, finding 2: Configuration.getPassword's clear-text fallback is not a key source. */
  @Test
  void hadoopSourcesAcceptNoPlainConfPropertyAsKeyMaterial() {
    SparkSession spark = SharedSpark.get();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String alias = "veil.test.cleartext-key";
    hadoop.set(alias, Base64.getEncoder().encodeToString(new byte[32]));
    try {
      PrintStream err = new PrintStream(new ByteArrayOutputStream());
      KeyResolver resolver = new JobRunner(null, err, err).resolver(spark);
      KeyResolutionException e =
          assertThrows(
              KeyResolutionException.class,
              () -> resolver.resolve("pii version 1", KeySource.parse("hadoop:" + alias), null));
      assertEquals(
          "Cannot read key pii version 1 from hadoop:"
              + alias
              + ": no credential provider holds alias "
              + alias
              + " (set hadoop.security.credential.provider.path)",
          e.getMessage());
    } finally {
      hadoop.unset(alias);
    }
  }
}
