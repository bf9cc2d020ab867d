package io.veil.job.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, finding 3: a publish that failed halfway left a report over no data files at the
 * output, and the next run deleted the previous table, the only copy. Recovery now deletes a
 * previous table only when the table published in its place is whole by its own report.
 */
class LeftoversTest {
  @TempDir Path dir;
  FileSystem fs;
  Path output;
  Path staging;

  static final String RUN = "20261201T120000-0123abcd";

  @BeforeEach
  void setUp() throws IOException {
    fs = FileSystem.getLocal(new Configuration()).getRawFileSystem();
    output = dir.resolve("customers");
    staging = dir.resolve(".veil-staging");
    Files.createDirectories(staging);
  }

  /** A partitioned table as Veil publishes it, with a report that counts its data files. */
  static void table(Path at, String content, boolean counted) throws IOException {
    Files.createDirectories(at.resolve("country=CN"));
    Files.createDirectories(at.resolve("country=DE"));
    Files.writeString(at.resolve("country=CN/part-0.parquet"), content);
    Files.writeString(at.resolve("country=DE/part-1.parquet"), content + content);
    Files.writeString(at.resolve("_SUCCESS"), "");
    long bytes = 3L * content.length();
    Files.writeString(
        at.resolve("_veil_report.json"),
        "{\"status\":\"published\",\"output\":{"
            + (counted ? "\"data_files\":2,\"data_bytes\":" + bytes : "\"path\":\"x\"")
            + "}}");
  }

  private String recover() throws IOException {
    return Leftovers.recover(fs, new org.apache.hadoop.fs.Path(output.toString()));
  }

  @Test
  void aFailedPublishThatEmptiedTheTableGetsThePreviousOneBack() throws IOException {
    Path previous = staging.resolve("customers-" + RUN + "-previous");
    table(previous, "old", true);
    // What copy-and-delete left at the output: the marker and the report, no data files.
    table(output, "new", true);
    Files.delete(output.resolve("country=CN/part-0.parquet"));
    Files.delete(output.resolve("country=DE/part-1.parquet"));

    String done = recover();

    assertTrue(done.contains("put back the previous table"), done);
    assertEquals("old", Files.readString(output.resolve("country=CN/part-0.parquet")));
    assertFalse(Files.exists(previous));
    try (var left = Files.list(staging)) {
      assertEquals(0, left.count(), "the incomplete table is gone, nothing else");
    }
  }

  @Test
  void aPreviousTableIsKeptWhenThePublishedOneCannotBeCheckedByItsReport() throws IOException {
    Path previous = staging.resolve("customers-" + RUN + "-previous");
    table(previous, "old", true);
    table(output, "new", false); // a report without file counts: wholeness unknown

    recover();

    assertEquals("old", Files.readString(output.resolve("country=CN/part-0.parquet")));
    assertFalse(Files.exists(previous));
  }

  @Test
  void aPreviousTableIsDeletedOnlyWhenThePublishedOneIsWhole() throws IOException {
    Path previous = staging.resolve("customers-" + RUN + "-previous");
    table(previous, "old", true);
    table(output, "new", true);

    String done = recover();

    assertTrue(done.contains("removed the table a killed run had replaced"), done);
    assertEquals("new", Files.readString(output.resolve("country=CN/part-0.parquet")));
    assertFalse(Files.exists(previous));
  }

  @Test
  void aPreviousTableMovedAsideIsPutBackWhenTheOutputIsMissing() throws IOException {
    Path previous = staging.resolve("customers-" + RUN + "-previous");
    table(previous, "old", true);

    String done = recover();

    assertTrue(done.contains("restored the previous table"), done);
    assertEquals("old", Files.readString(output.resolve("country=CN/part-0.parquet")));
  }

  @Test
  void somethingElseAtTheOutputStopsRecoveryAndKeepsBoth() throws IOException {
    Path previous = staging.resolve("customers-" + RUN + "-previous");
    table(previous, "old", true);
    Files.createDirectories(output);
    Files.writeString(output.resolve("notes.txt"), "someone else's");

    IOException e = assertThrows(IOException.class, this::recover);

    assertTrue(e.getMessage().contains("is whole at file:" + previous), e.getMessage());
    assertTrue(Files.exists(previous.resolve("country=CN/part-0.parquet")));
    assertTrue(Files.exists(output.resolve("notes.txt")));
  }

  @Test
  void stagedTablesThatWereNeverPublishedAreRemoved() throws IOException {
    table(staging.resolve("customers-" + RUN), "staged", true);
    table(output, "current", true);

    String done = recover();

    assertEquals("removed 1 leftover staging directory", done);
    assertEquals("current", Files.readString(output.resolve("country=CN/part-0.parquet")));
    assertNull(recover());
  }
}
