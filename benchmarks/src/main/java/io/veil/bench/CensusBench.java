package io.veil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.job.cli.JobRunner;
import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The privacy model's jobs on {@link CensusGenerator}'s table, each a whole verified Veil run
 * compared with a plain copy of the table: {@code enforce = generalize} to k = 5 and l = 2 over
 * age, zip and sex (the search, the generalized write and every check), and every measure per
 * person (k per entity, entropy l-diversity, t-closeness of a category and of a number, the risk
 * figures) on a table that passes them.
 */
final class CensusBench {
  static final String TABLE = "census";
  static final String COPY = "copy census";
  static final String GENERALIZE = "veil census generalize (k=5, l=2)";
  static final String MEASURES = "veil census measures per person";

  private final SparkSession spark;
  private final String data;
  private final String scratch;
  private final List<String> lines = new ArrayList<>();
  private boolean generalized;
  private boolean measured;

  CensusBench(SparkSession spark, String data, String scratch) {
    this.spark = spark;
    this.data = data;
    this.scratch = scratch;
  }

  /**
   * Rows below which the census jobs do not run: the measures job's smallest class (people of one
   * age and sex, at the edges of the age curve) holds about ten people at 20,000 rows, and fewer
   * would break its k.
   */
  static final long MIN_ROWS = 20_000;

  /**
   * Whether {@code only} selects a census job (all are selected when it is empty) on a table large
   * enough for them.
   */
  static boolean selected(List<String> only, long rows) {
    return rows >= MIN_ROWS
        && List.of(COPY, GENERALIZE, MEASURES).stream().anyMatch(n -> Benchmark.selected(n, only));
  }

  /**
   * Whether {@code only} selects census jobs alone, so that the sample tables need not exist: every
   * word names the census.
   */
  static boolean alone(List<String> only) {
    return !only.isEmpty() && only.stream().allMatch(w -> !w.startsWith("-") && w.contains(TABLE));
  }

  /**
   * Writes the census table, timed and warm-up, as files of about a million rows each, a multiple
   * of the cores in number (so every core works to the end of every job).
   */
  static void generate(SparkSession spark, String data, long rows) {
    int cores = spark.sparkContext().defaultParallelism();
    int files = cores * (int) Math.max(1, rows / (cores * 1_000_000L));
    CensusGenerator.table(spark, rows, Benchmark.SEED, files)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(data + "/" + TABLE);
    CensusGenerator.table(
            spark, Math.min(rows, Benchmark.WARM_UP_ROWS), Benchmark.SEED + 1, Math.max(1, cores))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(Benchmark.warmUpData(data) + "/" + TABLE);
  }

  /** Adds the copy and each selected census job to {@code bench}. */
  void addTo(Benchmark bench, List<String> only) {
    String warm = Benchmark.warmUpData(data) + "/" + TABLE;
    String timed = data + "/" + TABLE;
    bench.addAction(
        COPY,
        String.join(", ", CensusGenerator.COLUMNS),
        null,
        () -> copy(warm),
        () -> copy(timed));
    if (Benchmark.selected(GENERALIZE, only)) {
      JobConfig w = config("generalize-warm-up", warm, GENERALIZE_SETTINGS);
      JobConfig t = config("generalize", timed, GENERALIZE_SETTINGS);
      generalized = true;
      bench.addAction(GENERALIZE, "age, zip, sex; diagnosis", COPY, () -> run(w), () -> run(t));
    }
    if (Benchmark.selected(MEASURES, only)) {
      JobConfig w = config("measures-warm-up", warm, MEASURE_SETTINGS);
      JobConfig t = config("measures", timed, MEASURE_SETTINGS);
      measured = true;
      bench.addAction(MEASURES, "age, sex; diagnosis, cost", COPY, () -> run(w), () -> run(t));
    }
  }

  /**
   * What the last timed runs reported: the generalization chosen and what its search cost, and the
   * measures per person. Read from the runs' own {@code _veil_report.json}.
   */
  List<String> lines() {
    List<String> out = new ArrayList<>(lines);
    JsonNode g = generalized ? report("generalize") : null;
    if (g != null && g.has("generalization")) {
      JsonNode s = g.get("generalization");
      out.add(
          String.format(
              "%s: levels %s, %d of %d rows suppressed (%.2f%%; at most %.0f%%), k_anonymity %s"
                  + " (smallest class %d), l_diversity %s; the search evaluated %d of %d nodes in"
                  + " %d passes, %.1f s",
              GENERALIZE,
              s.get("levels"),
              s.get("suppressed_rows").asLong(),
              g.get("rows_in").asLong(),
              100.0 * s.get("suppressed_rows").asLong() / Math.max(1, g.get("rows_in").asLong()),
              100 * s.get("max_suppressed").asDouble(),
              g.at("/k_anonymity/status").asText(),
              g.at("/k_anonymity/smallest_class").asLong(),
              g.at("/l_diversity/status").asText(),
              s.get("nodes_evaluated").asInt(),
              s.get("nodes_in_lattice").asInt(),
              s.get("passes").asInt(),
              s.get("search_ms").asLong() / 1000.0));
    }
    JsonNode m = measured ? report("measures") : null;
    if (m != null && m.has("k_anonymity")) {
      out.add(
          String.format(
              "%s: smallest class %d people, prosecutor risk max %.3f, smallest entropy l %d,"
                  + " largest t %.3f",
              MEASURES,
              m.at("/k_anonymity/smallest_class").asLong(),
              m.at("/risk/prosecutor_max").asDouble(),
              m.at("/l_diversity/smallest_l").asLong(),
              m.at("/t_closeness/largest_t").asDouble()));
    }
    return out;
  }

  private static final String GENERALIZE_SETTINGS =
      "quasi-identifiers = [age, zip, sex]\n"
          + "sensitive = [diagnosis]\n"
          + "k = 5, l = 2, enforce = generalize, max-suppressed = 0.01\n"
          + "hierarchies {\n"
          + "  age { bands = [[0,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90,95],"
          + " [0,10,20,30,40,50,60,70,80,90], [0,20,40,60,80]] }\n"
          + "  zip { keep-first = [4, 3, 2, 0] }\n"
          + "  sex { keep-first = [0] }\n"
          + "}\n";

  /**
   * Every measure, per person, on classes the table meets (k = 2 people by age and sex: see {@link
   * #MIN_ROWS}), so that the run passes.
   */
  private static final String MEASURE_SETTINGS =
      "quasi-identifiers = [age, sex]\n"
          + "entity = person_id\n"
          + "sensitive = [diagnosis, cost]\n"
          + "k = 2, l-diversity = entropy\n";

  private JobConfig config(String name, String input, String settings) {
    try {
      Path file = Files.createTempFile("veil-bench-census", ".conf");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          "veil {\n  tables = [{\n    name = census\n    input { path = \""
              + input
              + "\" }\n    output { path = \""
              + output(name)
              + "\", mode = overwrite }\n    unlisted-columns = keep, columns { person_id = keep }\n"
              + settings
              + "  }]\n}\n");
      return JobConfigLoader.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String output(String name) {
    return Paths.get(scratch, "census", name).toAbsolutePath().toString();
  }

  private JsonNode report(String name) {
    Path file = Paths.get(output(name), "_veil_report.json");
    try {
      return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
    } catch (IOException e) {
      lines.add("cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }

  private void copy(String from) {
    spark.read().parquet(from).write().mode(SaveMode.Overwrite).parquet(scratch + "/census/copy");
  }

  private void run(JobConfig config) {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    JobRunner runner = new JobRunner(config, quiet, quiet);
    runner.run(spark, runner.plan(spark, config.tables()), null);
  }
}
