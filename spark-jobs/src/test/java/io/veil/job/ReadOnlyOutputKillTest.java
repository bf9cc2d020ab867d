package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The red team's hardest case (issue 19, finding 3): a partitioned table whose root directory is
 * read-only to the run's user, runs killed with SIGKILL around its publish, then a rerun. Hadoop's
 * local rename fell back to copy-and-delete there and emptied the table, and the next run deleted
 * the only copy. Now the old table is always whole at the output path, or where a message says. The
 * runs cannot bypass file permissions: a normal user, or root without the capabilities that
 * override them.
 */
class ReadOnlyOutputKillTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path conf;
  static Path output;
  static long rows;

  @BeforeAll
  static void firstRun() {
    Assumptions.assumeTrue(
        VeilProcess.withoutPermissionOverride() != null,
        "needs a non-root user, or setpriv to drop root's permission override");
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

  /** The table at {@code at} is whole: every data file its report counts, and all its rows. */
  static String assertWholeTable(Path at) throws IOException {
    assertTrue(Files.isDirectory(at), at + " must hold a table");
    JsonNode report = new ObjectMapper().readTree(at.resolve("_veil_report.json").toFile());
    assertEquals("published", report.get("status").asText());
    long files;
    try (Stream<Path> all = Files.walk(at)) {
      files =
          all.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .count();
    }
    assertEquals(report.at("/output/data_files").asLong(), files, "data files of " + at);
    spark.catalog().clearCache();
    assertEquals(rows, spark.read().parquet(at.toString()).count());
    return report.get("run_id").asText();
  }

  static void readOnly(Path p, boolean readOnly) throws IOException {
    Files.setPosixFilePermissions(
        p, PosixFilePermissions.fromString(readOnly ? "r-xr-xr-x" : "rwxr-xr-x"));
  }

  @Test
  void killsAroundThePublishOfAReadOnlyRootNeverLoseTheOldTable() throws Exception {
    String oldRun = assertWholeTable(output);
    Random random = new Random(20261201);
    for (int i = 0; i < 4; i++) {
      readOnly(output, false);
      VeilProcess p =
          VeilProcess.startWithoutPermissionOverride(
              "run", conf.toString(), "--table", "customers");
      assertTrue(p.awaitWriting(180), () -> "the run never started writing: " + p.stderr);
      readOnly(output, true); // after the run's first check: it meets the read-only root at publish
      Thread.sleep(random.nextInt(6000));
      if (p.process.isAlive()) {
        p.kill();
      } else {
        assertEquals(1, p.process.exitValue(), () -> String.join("\n", p.stderr));
        assertTrue(
            String.join("\n", p.stderr).contains("is read-only to this user"),
            () -> String.join("\n", p.stderr));
      }
      assertEquals(oldRun, assertWholeTable(output));
    }
    // The rerun on the read-only root is refused before it writes anything.
    VeilProcess refused =
        VeilProcess.startWithoutPermissionOverride("run", conf.toString(), "--table", "customers");
    assertEquals(2, refused.waitFor(300), () -> String.join("\n", refused.stderr));
    String message = String.join("\n", refused.stderr);
    assertTrue(message.contains("Cannot replace output"), message);
    assertTrue(message.contains("is read-only to this user"), message);
    assertEquals(oldRun, assertWholeTable(output));

    readOnly(output, false);
    VeilProcess rerun =
        VeilProcess.startWithoutPermissionOverride("run", conf.toString(), "--table", "customers");
    assertEquals(0, rerun.waitFor(300), () -> String.join("\n", rerun.stderr));
    assertNotEquals(oldRun, assertWholeTable(output));
    assertFalse(Files.exists(output.getParent().resolve(".veil-staging")), "leftovers cleaned");
  }

  @Test
  void aPreviousTableThatCannotBeMovedBackIsKeptAndNamed() throws Exception {
    String current = assertWholeTable(output);
    // What a run killed between its two renames leaves: the table moved aside, nothing in place;
    // and its root has since become read-only, so it cannot move back to another parent.
    Path staging = Files.createDirectories(output.getParent().resolve(".veil-staging"));
    Path previous = staging.resolve("customers-20261201T000000-0badc0de-previous");
    Files.move(output, previous);
    readOnly(previous, true);

    VeilProcess p =
        VeilProcess.startWithoutPermissionOverride("run", conf.toString(), "--table", "customers");
    assertEquals(1, p.waitFor(300), () -> String.join("\n", p.stderr));
    String message = String.join("\n", p.stderr);
    assertTrue(message.contains("It is whole at file:" + previous), message);
    assertEquals(current, assertWholeTable(previous));
    assertFalse(Files.exists(output));

    readOnly(previous, false);
    VeilProcess rerun =
        VeilProcess.startWithoutPermissionOverride("run", conf.toString(), "--table", "customers");
    assertEquals(0, rerun.waitFor(300), () -> String.join("\n", rerun.stderr));
    assertTrue(
        String.join("\n", rerun.stderr).contains("restored the previous table"),
        () -> String.join("\n", rerun.stderr));
    assertWholeTable(output);
  }
}
