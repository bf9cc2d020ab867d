package io.veil.job.cli;

import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import io.veil.job.plan.TablePlan;
import io.veil.job.rewrite.TableRewriter;
import io.veil.job.scan.ConfigSuggestion;
import io.veil.job.scan.ScanPage;
import io.veil.job.scan.ScanReport;
import io.veil.job.scan.TableScanner;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeySource;
import io.veil.sample.SampleDataGenerator;
import io.veil.scan.QuasiIdentifierSearch;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** The commands of the CLI, each returning its exit code. */
final class Commands {
  private static final Map<String, Integer> KEY_TYPES = Map.of("aes-256", 32, "aes-siv-512", 64);

  private Commands() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    Arguments a =
        Arguments.parse("run", args, Set.of("--table", "--report"), Set.of("--dry-run", "--json"));
    if (a.flag("--json") && !a.flag("--dry-run")) {
      throw new UsageException(
          "Option --json of veil run goes with --dry-run: it prints the plan as JSON");
    }
    JobConfig config = JobConfigLoader.load(Paths.get(a.single("run", "config file")));
    JobRunner runner = new JobRunner(config, out, err);
    var tables = runner.select(a.option("--table"));
    runner.checkKeys(tables);
    SparkSession spark = Sessions.getOrCreate(config.appName(), config.sparkSettings());
    List<TablePlan> plans = runner.plan(spark, tables);
    if (a.flag("--dry-run")) {
      if (a.flag("--json")) {
        runner.describeJson(plans);
      } else {
        runner.describe(plans);
      }
      return ExitCodes.OK;
    }
    runner.run(spark, plans, a.option("--report"));
    return ExitCodes.OK;
  }

  static int check(List<String> args, PrintStream out, PrintStream err) {
    Arguments a = Arguments.parse("check", args, Set.of("--table"), Set.of());
    JobConfig config = JobConfigLoader.load(Paths.get(a.single("check", "config file")));
    JobRunner runner = new JobRunner(config, out, err);
    var tables = runner.select(a.option("--table"));
    runner.checkKeys(tables);
    SparkSession spark = Sessions.getOrCreate(config.appName(), config.sparkSettings());
    List<TablePlan> plans = runner.plan(spark, tables);
    for (TablePlan p : plans) {
      out.println(
          "ok  "
              + p.name()
              + ": "
              + p.transformed().size()
              + " transformed, "
              + p.untouchedColumns().size()
              + " kept, "
              + p.droppedPaths().size()
              + " dropped");
    }
    out.println(config.file() + " is valid (" + config.digest() + ")");
    return ExitCodes.OK;
  }

  static int inspect(List<String> args, PrintStream out, PrintStream err) {
    Arguments a = Arguments.parse("inspect", args, Set.of(), Set.of("--json"));
    String location = a.single("inspect", "table path");
    SparkSession spark = Sessions.getOrCreate("veil inspect", Map.of());
    StructType schema;
    try {
      schema = spark.read().parquet(location).schema();
    } catch (RuntimeException e) {
      throw new UsageException("Cannot inspect " + location + ": not a readable Parquet table");
    }
    String report = report(spark, location, err);
    if (a.flag("--json")) {
      out.println(TableDescription.json(schema, report));
      return ExitCodes.OK;
    }
    out.println("table " + location);
    for (String line : TableDescription.lines(schema)) {
      out.println("  " + line);
    }
    if (report != null) {
      out.println("report " + new Path(location, TableRewriter.REPORT_FILE));
      out.print(report);
    }
    return ExitCodes.OK;
  }

  /** The table's {@code _veil_report.json}, or null when it has none. */
  private static String report(SparkSession spark, String location, PrintStream err) {
    try {
      Path report = new Path(location, TableRewriter.REPORT_FILE);
      FileSystem fs = report.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(report)) {
        try (var in = fs.open(report)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (java.io.IOException e) {
      err.println("veil: cannot read the report of " + location + ": " + e.getMessage());
    }
    return null;
  }

  static int keygen(List<String> args, PrintStream out) {
    Arguments a =
        Arguments.parse("keygen", args, Set.of("--type", "--kms", "--key", "--out"), Set.of());
    if (a.option("--kms") != null || a.option("--key") != null || a.option("--out") != null) {
      return KmsCommands.keygen(a, out);
    }
    String type = a.option("--type") == null ? "aes-256" : a.option("--type");
    Integer bytes = KEY_TYPES.get(type);
    if (bytes == null || !a.positional().isEmpty()) {
      throw new UsageException(
          "Invalid key type "
              + type
              + ". Accepted types are aes-256 (randomized, "
              + "format-preserving, pseudonyms) and aes-siv-512 (deterministic).");
    }
    out.println(Base64.getEncoder().encodeToString(KeyMaterial.random(bytes).copyBytes()));
    return ExitCodes.OK;
  }

  static int sampleData(List<String> args, PrintStream out, PrintStream err) {
    Arguments a =
        Arguments.parse("sample-data", args, Set.of("--rows", "--out", "--seed"), Set.of());
    long rows = a.longOption("--rows", 2000);
    long seed = a.longOption("--seed", 42);
    String dir = a.option("--out") == null ? "sample-data" : a.option("--out");
    if (rows < 1 || !a.positional().isEmpty()) {
      throw new UsageException(
          "veil sample-data takes --rows N (at least 1), --out DIR and --seed S");
    }
    SparkSession spark = Sessions.getOrCreate("veil sample-data", Map.of());
    long start = System.nanoTime();
    SampleDataGenerator.writeAll(spark, dir, rows, seed);
    out.printf(
        "Wrote %d customers and their orders (seed %d) under %s in %.1f s%n",
        rows, seed, dir, (System.nanoTime() - start) / 1e9);
    return ExitCodes.OK;
  }

  /** The combinations {@code veil scan --quasi-identifiers} lists at most. */
  static final int QUASI_TOP = 15;

  static int scan(List<String> args, PrintStream out, PrintStream err) {
    Arguments a =
        Arguments.parse(
            "scan",
            args,
            Set.of(
                "--sample",
                "--suggest",
                "--html",
                "--format",
                "--key-source",
                "--k",
                "--entity",
                "--max-columns"),
            Set.of("--json", "--quasi-identifiers"));
    String path = a.single("scan", "table path");
    long rows = a.longOption("--sample", 10_000);
    String format = a.option("--format") == null ? "parquet" : a.option("--format");
    String keySource = a.option("--key-source");
    String suggest = a.option("--suggest");
    String html = a.option("--html");
    if (rows < 1 || rows > Integer.MAX_VALUE) {
      throw new UsageException(
          "Invalid --sample " + rows + ": give a number of rows from 1 to " + Integer.MAX_VALUE);
    }
    if (!List.of("parquet", "orc", "csv", "json").contains(format)) {
      throw new UsageException(
          "Invalid --format " + format + ". Accepted formats are parquet, orc, csv, json.");
    }
    if (keySource != null) {
      if (suggest == null) {
        throw new UsageException(
            "Option --key-source of veil scan needs --suggest FILE: it names the key of the suggested pseudonyms");
      }
      try {
        KeySource.parse(keySource);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage() + " (--key-source)");
      }
    }
    for (String file : Arrays.asList(suggest, html)) { // either may be null
      if (file != null && Files.exists(Paths.get(file))) {
        throw new UsageException(
            "Cannot write " + file + ": the file exists (veil scan never overwrites one)");
      }
    }
    if (suggest != null && suggest.equals(html)) {
      throw new UsageException(
          "Cannot write " + html + " twice: give --suggest and --html different files");
    }
    boolean quasi = a.flag("--quasi-identifiers");
    long k = a.longOption("--k", 5);
    long maxColumns = a.longOption("--max-columns", 3);
    String entity = a.option("--entity");
    if (!quasi
        && (a.option("--k") != null || entity != null || a.option("--max-columns") != null)) {
      throw new UsageException(
          "Options --k, --entity and --max-columns of veil scan go with --quasi-identifiers");
    }
    if (k < 2 || k > Integer.MAX_VALUE) {
      throw new UsageException("Invalid --k " + k + ": give a whole number of at least 2");
    }
    if (maxColumns < 1 || maxColumns > QuasiIdentifierSearch.MAX_COLUMNS) {
      throw new UsageException(
          "Invalid --max-columns "
              + maxColumns
              + ": combinations of 1 to "
              + QuasiIdentifierSearch.MAX_COLUMNS
              + " columns are searched");
    }
    if (quasi && rows >= 1_000_000) {
      throw new UsageException(
          "Invalid --sample " + rows + " with --quasi-identifiers: give fewer than 1,000,000 rows");
    }
    SparkSession spark = Sessions.getOrCreate("veil scan", Map.of());
    ScanReport report;
    try {
      report =
          quasi
              ? new TableScanner(spark)
                  .scan(path, format, (int) rows, (int) k, entity, (int) maxColumns, QUASI_TOP)
              : new TableScanner(spark).scan(path, format, (int) rows);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (a.flag("--json")) {
      out.print(report.toJson());
    } else {
      report.print(out);
    }
    if (suggest != null) {
      ConfigSuggestion.write(report, keySource, Paths.get(suggest));
      (a.flag("--json") ? err : out)
          .println(
              "Wrote a suggested job config to "
                  + suggest
                  + "; review it, then run veil check "
                  + suggest);
    }
    if (html != null) {
      ScanPage.write(report, Paths.get(html));
      (a.flag("--json") ? err : out).println("Wrote the findings as a page to " + html);
    }
    return ExitCodes.OK;
  }
}
