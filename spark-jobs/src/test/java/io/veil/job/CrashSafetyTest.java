package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs killed with SIGKILL at random moments while they write, verify and publish: the output
 * always holds a complete table (the old one, or the new one if it was already published), and the
 * next run cleans up and succeeds. A second run on the same output at once is refused.
 */
class CrashSafetyTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path conf;
  static Path output;
  static long rows;

  @BeforeAll
  static void firstRun() {
    spark = SharedSpark.get();
    String out = dir.resolve("out").toString();
    conf =
        SampleJob.config(
            dir,
            out,
            t ->
                t.replace("name = orders", "name = orders-unused")
                    .replaceAll("(?s),\\s*\\{\\s*name = orders-unused.*?\\n    \\}\\n", "\n"));
    output = Path.of(out, "customers");
    CliRun r = CliRun.of("run", conf.toString(), "--table", "customers");
    assertEquals(0, r.code, r::toString);
    rows =
        spark
            .read()
            .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
            .count();
  }

  private static void assertCompleteTable() throws IOException {
    assertTrue(Files.isDirectory(output), "the output path must hold a table");
    JsonNode report = new ObjectMapper().readTree(output.resolve("_veil_report.json").toFile());
    assertEquals("published", report.get("status").asText());
    assertEquals(rows, report.get("rows_out").asLong());
    assertEquals(rows, spark.read().parquet(output.toString()).count());
  }

  @Test
  void killedRunsLeaveACompleteTableAndTheNextRunSucceeds() throws Exception {
    Random random = new Random(20261127);
    int kills = 0;
    int attempts = 0;
    while (kills < 20 && attempts < 40) {
      attempts++;
      VeilProcess p = VeilProcess.start("run", conf.toString(), "--table", "customers");
      assertTrue(p.awaitWriting(120), () -> "the run never started writing: " + p.stderr);
      Thread.sleep(random.nextInt(4000)); // somewhere in write, verify or publish
      if (p.process.isAlive()) {
        p.kill();
        kills++;
      } else {
        assertEquals(0, p.process.exitValue(), () -> String.join("\n", p.stderr));
      }
      spark.catalog().clearCache();
      assertCompleteTable();
    }
    assertTrue(kills >= 20, "only " + kills + " runs were killed mid-way");
    CliRun r = CliRun.of("run", conf.toString(), "--table", "customers");
    assertEquals(0, r.code, r::toString);
    assertCompleteTable();
    assertFalse(Files.exists(output.getParent().resolve(".veil-staging")), "leftovers cleaned");
  }

  @Test
  void aSecondRunOnTheSameOutputIsRefused() throws Exception {
    VeilProcess first = VeilProcess.start("run", conf.toString(), "--table", "customers");
    assertTrue(first.awaitWriting(120), () -> "the run never started writing: " + first.stderr);
    CliRun second = CliRun.of("run", conf.toString(), "--table", "customers");
    int firstCode = first.waitFor(300);
    assertEquals(0, firstCode, () -> String.join("\n", first.stderr));
    assertEquals(1, second.code, second::toString);
    assertTrue(second.err.contains("another Veil run"), second.err);
    assertTrue(second.err.contains("is writing"), second.err);
    assertCompleteTable();
  }
}
