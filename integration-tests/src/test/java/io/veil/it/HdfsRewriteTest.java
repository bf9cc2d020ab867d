package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.CliRun;
import io.veil.job.SampleJob;
import io.veil.testing.SharedSpark;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample job's customers table rewritten on a real HDFS (a NameNode and a DataNode in this
 * JVM), through the CLI on the shared local[2] session: hdfs:// input and output, the demo key from
 * the local disk, the publish by rename, and an overwrite that readers only ever see whole.
 */
@TestMethodOrder(OrderAnnotation.class)
class HdfsRewriteTest {
  private static final int PARTITIONS = 5; // country=CN, DE, FR, GB, US

  /** conf/sample.conf's rule for customers' notes: removing it leaves the column unlisted. */
  private static final String NOTES_RULE =
      "        notes       { op = redact }    # e-mails, phones... inside the text become [EMAIL],"
          + " [PHONE]\n";

  @TempDir static java.nio.file.Path dir;
  static MiniDFSCluster hdfs;
  static FileSystem fs;
  static String uri;
  static SparkSession spark;
  static Path output;
  static long inputRows;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    uri = fs.getUri().toString();
    java.nio.file.Path sample = SharedSpark.projectDir().resolve("sample-data");
    fs.copyFromLocalFile(new Path(sample.resolve("customers").toUri()), new Path("/raw/customers"));
    output = new Path(uri + "/anonymized/customers");

    spark = SharedSpark.get();
    spark.sparkContext().hadoopConfiguration().setInt("dfs.replication", 1); // one DataNode
    inputRows = spark.read().parquet(uri + "/raw/customers").count();
    assertEquals(spark.read().parquet(sample.resolve("customers").toString()).count(), inputRows);
  }

  @AfterAll
  static void stopHdfs() {
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  @Test
  @Order(1)
  void runPublishesOnHdfs() throws IOException {
    CliRun run = CliRun.of("run", config(t -> t).toString(), "--table", "customers");
    assertEquals(0, run.code, run::toString);

    Dataset<Row> out = spark.read().parquet(output.toString());
    assertEquals(inputRows, out.count());
    assertEquals(0, out.where("email not like 'user\\_%'").count());
    Metadata email = out.schema().apply("email").metadata().getMetadata("veil");
    assertEquals("demo-only-pii", email.getMetadataArray("transforms")[0].getString("key"));
    assertTrue(isComplete(fs.listStatus(output)), names(fs.listStatus(output)).toString());
    String report = readReport();
    assertTrue(report.contains("\"status\" : \"published\""), report);
    assertTrue(report.contains("\"path\" : \"" + output + "\""), report);
    assertNoStagingLeft();
  }

  @Test
  @Order(2)
  void failedRunLeavesTheTableAsItWas() throws IOException {
    Set<String> before = dataFiles();
    String report = readReport();
    CliRun run =
        CliRun.of("run", config(t -> t.replace(NOTES_RULE, "")).toString(), "--table", "customers");
    assertEquals(3, run.code, run::toString);
    assertTrue(run.err.contains("Unlisted column notes"), run.err);
    assertEquals(before, dataFiles());
    assertEquals(report, readReport());
    assertNoStagingLeft();
  }

  @Test
  @Order(3)
  void overwriteReplacesTheTableAndReadersSeeItWhole() throws Exception {
    Set<String> before = dataFiles();
    String firstRunId = runId(readReport());
    // A reader polling the output's listing (one NameNode call, so one consistent view) while the
    // rewrite runs: it must find the old table or the new one, complete, or briefly no table
    // between the two renames, never a partial directory.
    List<String> partial = new ArrayList<>();
    int[] seen = new int[2]; // [complete, absent]
    AtomicBoolean done = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  FileStatus[] listing = fs.listStatus(output);
                  if (isComplete(listing)) {
                    seen[0]++;
                  } else {
                    partial.add(names(listing).toString());
                  }
                } catch (FileNotFoundException e) {
                  seen[1]++;
                } catch (IOException e) {
                  partial.add(e.toString());
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "hdfs-reader");
    reader.start();
    CliRun run;
    try {
      run =
          CliRun.of(
              "run",
              config(t -> t.replace("prefix = \"user_\"", "prefix = \"anon_\"")).toString(),
              "--table",
              "customers");
    } finally {
      done.set(true);
      reader.join();
    }
    assertEquals(0, run.code, run::toString);
    assertEquals(List.of(), partial);
    assertTrue(seen[0] > 0, "the reader never saw the table");

    Dataset<Row> out = spark.read().parquet(output.toString());
    assertEquals(inputRows, out.count());
    assertEquals(0, out.where("email not like 'anon\\_%'").count());
    Set<String> after = dataFiles();
    assertFalse(after.isEmpty());
    assertTrue(after.stream().noneMatch(before::contains), "old data files remain: " + after);
    assertNotEquals(firstRunId, runId(readReport()));
    assertNoStagingLeft();
  }

  /**
   * conf/sample.conf on HDFS ({@link SampleJob}): hdfs:// input and output, stand-ins for the demo
   * keys on the local disk (Veil refuses the demo keys outside the repository's own conf/).
   */
  static java.nio.file.Path config(UnaryOperator<String> edit) throws IOException {
    String localSample = "\"" + SharedSpark.projectDir().resolve("sample-data") + "/";
    return SampleJob.config(
        dir, uri + "/anonymized", t -> edit.apply(t.replace(localSample, "\"" + uri + "/raw/")));
  }

  static boolean isComplete(FileStatus[] listing) {
    Set<String> names = names(listing);
    return names.contains("_SUCCESS")
        && names.contains("_veil_report.json")
        && names.stream().filter(n -> n.startsWith("country=")).count() == PARTITIONS;
  }

  static Set<String> names(FileStatus[] listing) {
    return Arrays.stream(listing)
        .map(s -> s.getPath().getName())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> dataFiles() throws IOException {
    Set<String> files = new TreeSet<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(output, true);
    while (it.hasNext()) {
      String name = it.next().getPath().getName();
      if (name.endsWith(".parquet")) {
        files.add(name);
      }
    }
    return files;
  }

  static String readReport() throws IOException {
    try (var in = fs.open(new Path(output, "_veil_report.json"))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String runId(String report) {
    int start = report.indexOf("\"run_id\" : \"") + 12;
    return report.substring(start, report.indexOf('"', start));
  }

  /** Nothing hidden left beside the output: no staging directory, no previous table. */
  static void assertNoStagingLeft() throws IOException {
    Set<String> siblings = names(fs.listStatus(output.getParent()));
    assertEquals(Set.of("customers"), siblings);
  }
}
