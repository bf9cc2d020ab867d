package io.veil.job.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.JobConfig;
import io.veil.job.config.KeyConfig;
import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.KeyRing;
import io.veil.job.plan.TableLocations;
import io.veil.job.plan.TablePlan;
import io.veil.job.plan.TablePlanner;
import io.veil.job.report.RunReport;
import io.veil.job.report.SummaryTable;
import io.veil.job.report.TableReport;
import io.veil.job.rewrite.Progress;
import io.veil.job.rewrite.TableRewriter;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import io.veil.keys.KeyWarnings;
import io.veil.spark.HadoopCredentials;
import io.veil.spark.TransformedField;
import io.veil.spark.op.Binding;
import io.veil.spark.op.KeyMismatchException;
import io.veil.spark.op.KeyNeed;
import io.veil.spark.op.OperationDefinition;
import io.veil.spark.op.Operations;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/** Runs a validated job: keys, plans for every table, then rewrite, verify and publish each. */
public final class JobRunner {
  private static final ObjectMapper PLAN_JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final JobConfig config;
  private final PrintStream out;
  private final PrintStream err;
  private final KeyWarnings warnings;

  public JobRunner(JobConfig config, PrintStream out, PrintStream err) {
    this.config = config;
    this.out = out;
    this.err = err;
    this.warnings = new KeyWarnings(err);
  }

  /**
   * Checks the keys of {@code tables} before any Spark session starts: each key is read, and each
   * rule that names one binds to it as it will when its table is planned, so a key of the wrong
   * size or purpose fails the run in its config (exit 2, at the key's line) without starting Spark.
   * Keys with a {@code hadoop:} version or a provider's (a KMS) are left to planning, which has the
   * cluster's Hadoop configuration and reads each once a run; so are decrypt and rekey, whose needs
   * come from the column's metadata.
   *
   * @throws InvalidConfigException naming each key that does not fit
   */
  public void checkKeys(List<TableConfig> tables) {
    Set<String> readable = new LinkedHashSet<>();
    for (KeyConfig k : config.keys().values()) {
      // Hadoop and provided sources (a KMS) wait for planning: the first needs the cluster's
      // Hadoop configuration, and a KMS is asked once a run, not once more for a check.
      if (k.versions().stream()
          .noneMatch(
              v ->
                  v.source().kind() == KeySource.Kind.HADOOP
                      || v.source().kind() == KeySource.Kind.PROVIDED)) {
        readable.add(k.name());
      }
    }
    Set<String> named = new LinkedHashSet<>();
    for (TableConfig t : tables) {
      for (RuleConfig r : t.rules()) {
        if (r.settings().key() != null && readable.contains(r.settings().key())) {
          named.add(r.settings().key());
        }
      }
    }
    KeyRing keys = KeyRing.resolve(config, named, KeyResolver.fromEnvironment(null, warnings));
    List<ConfigProblem> problems = new ArrayList<>();
    for (TableConfig t : tables) {
      for (RuleConfig r : t.rules()) {
        OperationDefinition d = Operations.named(r.settings().op()).orElseThrow();
        KeyNeed need = d.keyNeed(r.settings());
        if (need == null || !named.contains(need.key())) {
          continue;
        }
        try {
          d.bind(
              r.settings(),
              Binding.forRule(t.name(), r.path(), r.where(), null, t.invalidToNull(), keys, null));
        } catch (KeyMismatchException e) {
          problems.add(new ConfigProblem(keys.where(e.key()), e.getMessage()));
        } catch (IllegalArgumentException e) {
          // The column's data decides these; planning reports them with the table's schema.
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
  }

  public List<TableConfig> select(String tableName) {
    if (tableName == null) {
      return config.tables();
    }
    return List.of(
        config
            .table(tableName)
            .orElseThrow(
                () ->
                    new UsageException(
                        "Unknown table "
                            + tableName
                            + " in "
                            + config.file()
                            + ". Tables: "
                            + String.join(
                                ", ", config.tables().stream().map(TableConfig::name).toList()))));
  }

  /**
   * Plans every selected table before writing any, so a bad second table stops the run early. Paths
   * are compared for every table of the config, selected or not: they share the file system.
   */
  public List<TablePlan> plan(SparkSession spark, List<TableConfig> tables) {
    TableLocations.check(config.tables(), spark.sparkContext().hadoopConfiguration());
    Set<String> keyNames = new LinkedHashSet<>();
    for (TableConfig t : tables) {
      for (RuleConfig r : t.rules()) {
        if (r.settings().key() != null) {
          keyNames.add(r.settings().key());
        }
      }
    }
    KeyRing keys = KeyRing.resolve(config, keyNames, resolver(spark));
    TablePlanner planner = new TablePlanner(spark, keys);
    List<TablePlan> plans = new ArrayList<>();
    for (TableConfig t : tables) {
      plans.add(planner.plan(t));
    }
    return plans;
  }

  /**
   * Keys from the environment, files, keystores and the application's Hadoop credential providers
   * (never a clear-text Hadoop property: see {@link HadoopCredentials}); hygiene warnings go to
   * stderr, once a run.
   */
  KeyResolver resolver(SparkSession spark) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    return KeyResolver.fromEnvironment(new HadoopCredentials(hadoop), warnings)
        .with(Configuration.class, hadoop);
  }

  public RunReport run(SparkSession spark, List<TablePlan> plans, String reportFile) {
    checkReportFile(reportFile);
    String runId =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    RunReport run =
        new RunReport(runId, config.file().toString(), config.digest(), spark.version());
    Progress progress = new Progress(err, spark, config.progressSeconds());
    TableRewriter rewriter = new TableRewriter(spark, progress, config.digest());
    // Everything that can be known before writing is checked for every table first, so a bad
    // second table stops the run before the first is published.
    for (TablePlan plan : plans) {
      rewriter.preflight(plan);
    }
    List<String> published = new ArrayList<>();
    try (progress) {
      for (TablePlan plan : plans) {
        TableReport table = new TableReport(plan, runId, config.digest());
        run.add(table);
        try {
          rewriter.rewrite(plan, runId, table);
        } catch (RuntimeException e) {
          if (published.isEmpty()) {
            throw e;
          }
          throw new PartialRunException(plan.name(), published, e);
        }
        published.add(plan.name());
      }
      run.finish("succeeded");
    } catch (RuntimeException e) {
      run.finish("failed");
      throw e;
    } finally {
      SummaryTable.print(run, out);
      if (reportFile != null) {
        try {
          Files.writeString(Paths.get(reportFile), run.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot write report " + reportFile, e);
        }
      }
    }
    return run;
  }

  /** {@code --report FILE} must be writable before any table is: a run must not fail at its end. */
  private static void checkReportFile(String reportFile) {
    if (reportFile == null) {
      return;
    }
    java.nio.file.Path file = Paths.get(reportFile).toAbsolutePath();
    java.nio.file.Path parent = file.getParent();
    String why = null;
    if (Files.isDirectory(file)) {
      why = "it is a directory";
    } else if (Files.exists(file) && !Files.isWritable(file)) {
      why = "the file is read-only";
    } else if (!Files.exists(file) && (parent == null || !Files.isDirectory(parent))) {
      why = "its directory " + parent + " does not exist";
    } else if (!Files.exists(file) && !Files.isWritable(parent)) {
      why = "its directory " + parent + " is read-only";
    }
    if (why != null) {
      throw new UsageException(
          "Cannot write the report to "
              + reportFile
              + " (--report): "
              + why
              + "; nothing was read or written");
    }
  }

  /**
   * What {@code run --dry-run --json} prints: the plan of {@link #describe} as JSON, a list with
   * one object per table (name, where, input, output, columns with their action and types, kept,
   * dropped), for programs such as the Python package's {@code Job.plan()}.
   */
  public void describeJson(List<TablePlan> plans) {
    List<Map<String, Object>> tables = new ArrayList<>();
    for (TablePlan p : plans) {
      TableConfig t = p.config();
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("table", t.name());
      table.put("where", t.where());
      table.put("input", Map.of("path", t.inputPath(), "format", t.inputFormat()));
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("path", t.outputPath());
      output.put("format", "parquet");
      output.put("codec", p.codec());
      output.put("mode", t.outputMode().name().toLowerCase().replace('_', '-'));
      output.put("partition_by", p.partitionBy());
      table.put("output", output);
      List<Map<String, Object>> columns = new ArrayList<>();
      for (TransformedField f : p.transformed()) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("path", f.path().toString());
        column.put("op", f.settings().op());
        column.put("action", f.settings().inWords());
        column.put("from_type", f.originalType().simpleString());
        column.put("to_type", f.resultType().simpleString());
        columns.add(column);
      }
      table.put("columns", columns);
      table.put("kept", p.untouchedColumns());
      table.put("dropped", p.droppedPaths());
      tables.add(table);
    }
    try {
      out.println(PLAN_JSON.writeValueAsString(tables));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the plan as JSON", e);
    }
  }

  /** What {@code run --dry-run} prints: each table's paths, layout and per-column actions. */
  public void describe(List<TablePlan> plans) {
    for (TablePlan p : plans) {
      TableConfig t = p.config();
      out.println("table " + t.name() + " (" + t.where() + ")");
      out.println(
          "  input   " + t.input() + (t.inputTable() == null ? " (" + t.inputFormat() + ")" : ""));
      out.println(
          "  output  "
              + t.output()
              + " ("
              + t.outputFormat()
              + ", "
              + p.codec()
              + ", mode "
              + t.outputMode().name().toLowerCase().replace('_', '-')
              + (p.partitionBy().isEmpty()
                  ? ""
                  : ", partitioned by " + String.join(", ", p.partitionBy()))
              + ")");
      for (TransformedField f : p.transformed()) {
        out.println(
            "  "
                + String.format("%-22s", f.path())
                + " "
                + f.settings().inWords()
                + ":"
                + " "
                + f.originalType().simpleString()
                + " -> "
                + f.resultType().simpleString());
      }
      for (String k : p.untouchedColumns()) {
        out.println("  " + String.format("%-22s", k) + " keep");
      }
      for (String d : p.droppedPaths()) {
        out.println("  " + String.format("%-22s", d) + " drop");
      }
      if (!p.hierarchies().isEmpty()) {
        long nodes = 1;
        for (var h : p.hierarchies().entrySet()) {
          out.println(
              "  "
                  + String.format("%-22s", h.getKey())
                  + " generalized by the run to one of levels 0-"
                  + h.getValue().size()
                  + ": "
                  + h.getValue().stream()
                      .map(a -> a.settings().inWords())
                      .collect(java.util.stream.Collectors.joining("; ")));
          nodes *= h.getValue().size() + 1;
        }
        out.println(
            "  enforce = generalize searches "
                + nodes
                + " combinations of levels for the least information loss");
      }
    }
    out.println("dry run: nothing was read or written");
  }
}
