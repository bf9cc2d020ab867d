package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.veil.job.CliRun;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Veil through {@code s3a://} against a real S3 API: S3Proxy (filesystem backend) on the loopback
 * in a JVM of its own, hadoop-aws at Spark's Hadoop version, path-style access, test-only
 * credentials. A Parquet path output published by rename (a copy of every object on S3); an Iceberg
 * table in a Hadoop catalog whose warehouse is on S3, published by one catalog commit; and ten runs
 * of that Iceberg job killed with SIGKILL at random moments, after each of which the table is at
 * its old snapshot or its new one, never anything else, and the next run succeeds.
 */
@TestMethodOrder(OrderAnnotation.class)
class S3ObjectStoreTest {
  static final String BUCKET = S3Proxy.BUCKET;
  static final String INPUT = "s3a://" + BUCKET + "/raw/customers";
  static final String PARQUET_OUTPUT = "s3a://" + BUCKET + "/anonymized/customers";
  static final String WAREHOUSE = "s3a://" + BUCKET + "/iceberg";
  static final String ICEBERG_TABLE = "s3lake.anon.customers";
  static final int KILLS = 10;

  @TempDir static Path dir;
  static S3Proxy s3proxy;
  static String endpoint;
  static SparkSession spark;
  static long rows;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    s3proxy = S3Proxy.start(dir);
    endpoint = s3proxy.endpoint;
    spark = SharedSpark.get();
    s3aSettings().forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
    icebergCatalog().forEach((k, v) -> spark.conf().set(k, v));
    spark
        .read()
        .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
        .select("customer_id", "name", "email", "phone", "birth_date", "country")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(INPUT);
    rows = spark.read().parquet(INPUT).count();
    assertTrue(rows > 0);
  }

  @AfterAll
  static void stopS3Proxy() throws InterruptedException {
    if (s3proxy != null) {
      s3proxy.close();
    }
  }

  /** s3a:// against S3Proxy: the settings a deployment gives as spark.hadoop.fs.s3a.*. */
  static Map<String, String> s3aSettings() {
    return s3proxy.s3aSettings();
  }

  /** An Iceberg Hadoop catalog whose warehouse (metadata and data) is in the bucket. */
  static Map<String, String> icebergCatalog() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.sql.catalog.s3lake", "org.apache.iceberg.spark.SparkCatalog");
    c.put("spark.sql.catalog.s3lake.type", "hadoop");
    c.put("spark.sql.catalog.s3lake.warehouse", WAREHOUSE);
    // Child JVMs change the table: read it from the store each time.
    c.put("spark.sql.catalog.s3lake.cache-enabled", "false");
    return c;
  }

  /** A job: the customers from S3 to the given output, name masked keeping the first n letters. */
  static Path job(String output, int keepFirst) throws IOException {
    Path f = Files.createTempFile(dir, "s3-job", ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + "  keys { people = \""
            + S3Proxy.peopleKey(dir)
            + "\" }\n"
            + "  tables = [{\n"
            + "    name = customers\n"
            + "    input { path = \""
            + INPUT
            + "\", format = parquet }\n"
            + "    output { "
            + output
            + ", mode = overwrite }\n"
            + "    columns {\n"
            + "      customer_id = keep\n"
            + "      name { op = mask, keep-first = "
            + keepFirst
            + " }\n"
            + "      email { op = replace, with = pseudonym, key = people }\n"
            + "      phone { op = mask, preset = phone }\n"
            + "      birth_date { op = truncate, unit = year }\n"
            + "      country = keep\n"
            + "    }\n"
            + "  }]\n"
            + "}\n");
    return f;
  }

  static Path icebergJob(int keepFirst) throws IOException {
    return job("table = \"" + ICEBERG_TABLE + "\", format = iceberg", keepFirst);
  }

  @Test
  @Order(1)
  void parquetPathPublishedByRenameOnS3() throws Exception {
    Path job = job("path = \"" + PARQUET_OUTPUT + "\", format = parquet", 1);
    CliRun first = CliRun.of("run", job.toString());
    assertEquals(0, first.code, first::toString);
    assertParquetOutput(1);

    // A second run replaces the table. A reader listing the output meanwhile may see it whole,
    // absent, or (during the copy that S3A's rename is) part of it: recorded, not forbidden.
    FileSystem fs =
        FileSystem.get(URI.create(PARQUET_OUTPUT), spark.sessionState().newHadoopConf());
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(PARQUET_OUTPUT);
    Set<String> seen = new TreeSet<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread reader =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  FileStatus[] listing = fs.listStatus(out);
                  String names =
                      Arrays.stream(listing)
                          .map(s -> s.getPath().getName())
                          .filter(n -> !n.startsWith("part-"))
                          .sorted()
                          .collect(Collectors.joining(","));
                  seen.add(
                      listing.length == 0
                          ? "(empty)"
                          : names.isEmpty() ? "(data files only)" : names);
                } catch (java.io.FileNotFoundException e) {
                  seen.add("(absent)");
                } catch (IOException e) {
                  seen.add("(error " + e.getClass().getSimpleName() + ")");
                }
              }
            },
            "s3-reader");
    reader.start();
    CliRun second;
    try {
      second =
          CliRun.of(
              "run", job("path = \"" + PARQUET_OUTPUT + "\", format = parquet", 2).toString());
    } finally {
      done.set(true);
      reader.join();
    }
    assertEquals(0, second.code, second::toString);
    assertParquetOutput(2);
    System.out.println("[S3ObjectStoreTest] listings a reader saw during the publish: " + seen);
    // Nothing left beside the output: no staging directory, no previous table.
    List<String> left = new ArrayList<>();
    var it = fs.listFiles(out.getParent(), true);
    while (it.hasNext()) {
      String p = it.next().getPath().toString();
      if (!p.startsWith(PARQUET_OUTPUT + "/")) {
        left.add(p);
      }
    }
    assertEquals(List.of(), left, second::toString);
    // S3Proxy's filesystem backend keeps the empty directory of a deleted prefix on its disk and
    // lists it: ".veil-staging/" may show, with no object in it (checked above).
    Set<String> siblings =
        Arrays.stream(fs.listStatus(out.getParent()))
            .map(s -> s.getPath().getName())
            .collect(Collectors.toCollection(TreeSet::new));
    Path backing = dir.resolve("s3/" + BUCKET + "/anonymized/.veil-staging");
    System.out.println(
        "[S3ObjectStoreTest] beside the output after the run: "
            + siblings
            + "; S3Proxy's backing directory .veil-staging: "
            + (Files.isDirectory(backing)
                ? String.valueOf(backing.toFile().list().length) + " entries"
                : "absent"));
    siblings.remove(".veil-staging");
    assertEquals(Set.of("customers"), siblings, second::toString);
  }

  static void assertParquetOutput(int keepFirst) {
    var out = spark.read().parquet(PARQUET_OUTPUT);
    assertEquals(rows, out.count());
    assertEquals(
        0,
        out.where(
                "length(name) > "
                    + keepFirst
                    + " and substr(name, "
                    + (keepFirst + 1)
                    + ", 1) != '*'")
            .count());
  }

  @Test
  @Order(2)
  void icebergTableOnS3PublishedByOneCommit() throws Exception {
    CliRun first = CliRun.of("run", icebergJob(1).toString());
    assertEquals(0, first.code, first::toString);
    long s1 = currentSnapshot();
    List<String> c1 = content();
    assertEquals(rows, c1.size());
    assertTrue(location().startsWith(WAREHOUSE + "/anon/customers"), location());

    CliRun second = CliRun.of("run", icebergJob(2).toString());
    assertEquals(0, second.code, second::toString);
    long s2 = currentSnapshot();
    assertNotEquals(s1, s2);
    assertEquals(s1, (long) table().currentSnapshot().parentId());
    List<String> c2 = content();
    assertNotEquals(c1, c2);
    assertEquals(rows, c2.size());
    assertEquals(Set.of("main"), table().refs().keySet());
    // the previous snapshot stays readable (time travel) until expired
    assertEquals(
        c1, sorted(spark.read().option("versionAsOf", s1).format("iceberg").load(ICEBERG_TABLE)));
  }

  @Test
  @Order(3)
  void icebergRunsKilledAtRandomLeaveTheOldOrTheNewSnapshot() throws Exception {
    Map<Integer, List<String>> contents = new LinkedHashMap<>();
    for (int k = 1; k <= 2; k++) {
      CliRun r = CliRun.of("run", icebergJob(k).toString());
      assertEquals(0, r.code, r::toString);
      contents.put(k, content());
    }
    // How long one run takes in a JVM of its own, from its first "writing" line (after the JVM's
    // and Spark's start) to its exit: the kills fall anywhere in that span (write, verification,
    // publish) or just after it.
    long start = System.nanoTime();
    Child full = Child.start(icebergJob(1), dir.resolve("full.log"));
    assertTrue(full.awaitWriting(300), () -> "the unkilled run wrote nothing:\n" + full.log());
    long writing = System.nanoTime();
    assertEquals(0, full.waitFor(600), () -> "the unkilled run failed:\n" + full.log());
    long spanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writing);
    long fullMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(contents.get(1), content());

    long seed = Long.getLong("veil.it.seed", System.nanoTime());
    Random random = new Random(seed);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < KILLS; i++) {
      long before = currentSnapshot();
      List<String> old = content();
      int keepFirst = 2 - i % 2; // alternate, so that the new snapshot differs from the old one
      long delay = (long) (random.nextDouble() * spanMillis * 1.2);
      Child c = Child.start(icebergJob(keepFirst), dir.resolve("kill-" + i + ".log"));
      Child killed = c;
      assertTrue(c.awaitWriting(300), () -> "a run wrote nothing:\n" + killed.log());
      boolean exited = c.process.waitFor(delay, TimeUnit.MILLISECONDS);
      c.kill();
      long after = currentSnapshot();
      List<String> now = content();
      String outcome;
      if (after == before) {
        assertEquals(old, now, "kill " + i + ": same snapshot, other rows");
        outcome = "old";
      } else {
        assertEquals(before, (long) table().currentSnapshot().parentId(), "kill " + i);
        assertEquals(contents.get(keepFirst), now, "kill " + i + ": new snapshot, other rows");
        outcome = "new";
      }
      List<String> branches = veilBranches();
      outcomes.add(
          delay
              + "ms:"
              + outcome
              + (exited ? "(had exited)" : "")
              + (branches.isEmpty() ? "" : "+" + branches.size() + " branch"));
    }
    System.out.println(
        "[S3ObjectStoreTest] one run "
            + fullMillis
            + " ms, "
            + spanMillis
            + " ms from its first writing line; kills (-Dveil.it.seed="
            + seed
            + ") after that line: "
            + outcomes);
    assertEquals(KILLS, outcomes.size());

    // The killed runs' veil_<run id> branches (each kill's run took the lock, so every one that
    // got as far as its branch left one): the next run removes them, with the snapshots and files
    // only they held.
    List<String> left = veilBranches();
    System.out.println("[S3ObjectStoreTest] branches left before the rerun: " + left);
    CliRun rerun = CliRun.of("run", icebergJob(1).toString());
    assertEquals(0, rerun.code, rerun::toString);
    assertEquals(contents.get(1), content());
    assertEquals(Set.of("main"), table().refs().keySet(), rerun::toString);
    for (String b : left) {
      assertTrue(rerun.out.contains(b) || rerun.err.contains(b), rerun::toString);
    }
    Table t = table();
    for (Snapshot s : t.snapshots()) {
      assertTrue(
          org.apache.iceberg.util.SnapshotUtil.isAncestorOf(
              t, t.currentSnapshot().snapshotId(), s.snapshotId()),
          "snapshot " + s.snapshotId() + " is main's history, not a killed run's");
    }
    FileSystem fs = FileSystem.get(URI.create(WAREHOUSE), spark.sessionState().newHadoopConf());
    assertTrue(
        !fs.exists(new org.apache.hadoop.fs.Path(location(), ".veil-staging"))
            || fs.listStatus(new org.apache.hadoop.fs.Path(location(), ".veil-staging")).length
                == 0,
        "no lock left in the table's location");
  }

  static Table table() {
    try {
      return Spark3Util.loadIcebergTable(spark, ICEBERG_TABLE);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> veilBranches() {
    return table().refs().keySet().stream().filter(r -> r.startsWith("veil_")).sorted().toList();
  }

  static long currentSnapshot() {
    Snapshot s = table().currentSnapshot();
    assertNotNull(s, "the table has no snapshot");
    return s.snapshotId();
  }

  static String location() {
    return table().location();
  }

  static List<String> content() {
    return sorted(spark.table(ICEBERG_TABLE));
  }

  static List<String> sorted(org.apache.spark.sql.Dataset<Row> rows) {
    return rows.orderBy("customer_id").collectAsList().stream().map(Row::toString).toList();
  }

  static String read(Path f) {
    return S3Proxy.read(f);
  }

  /** Veil's Main in a JVM of its own (local[2]), with the same S3 and catalog settings. */
  static final class Child {
    final Process process;
    final Path log;

    private Child(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    static Child start(Path job, Path log) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(System.getProperty("java.home") + "/bin/java");
      String flags = System.getProperty("veil.jvm.flags", "").trim();
      if (!flags.isEmpty()) {
        command.addAll(List.of(flags.split("\\s+")));
      }
      command.addAll(
          List.of(
              "-Xmx1g",
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Dspark.master=local[2]",
              "-Dspark.ui.enabled=false",
              "-Dspark.driver.host=127.0.0.1",
              "-Dlog4j2.configurationFile="
                  + SharedSpark.projectDir().resolve("conf/log4j2.properties")));
      s3aSettings().forEach((k, v) -> command.add("-Dspark.hadoop." + k + "=" + v));
      icebergCatalog().forEach((k, v) -> command.add("-D" + k + "=" + v));
      command.addAll(
          List.of(
              "-cp",
              System.getProperty("java.class.path"),
              "io.veil.job.Main",
              "run",
              job.toString()));
      ProcessBuilder pb =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      return new Child(pb.start(), log);
    }

    /** Waits for Veil's first "writing" progress line (the JVM and Spark have started). */
    boolean awaitWriting(long seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (log().contains(" writing ")) {
          return true;
        }
        if (!process.isAlive()) {
          return false;
        }
        Thread.sleep(20);
      }
      return false;
    }

    /** SIGKILL: no shutdown hooks, no cleanup. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("a killed run did not stop");
      }
    }

    int waitFor(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        kill();
        fail("the run did not finish in " + seconds + " s:\n" + log());
      }
      return process.exitValue();
    }

    String log() {
      return read(log);
    }
  }
}
