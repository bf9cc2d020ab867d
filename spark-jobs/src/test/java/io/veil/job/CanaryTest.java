package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.cli.JobRunner;
import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import io.veil.job.plan.TablePlan;
import io.veil.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ExtendedMode$;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job run with a planted canary value and canary keys, logging at INFO with Spark's event log on:
 * neither the value nor any key's bytes (raw, base64 or hex) appear in the logs, the event log
 * (what the Spark UI shows), the report, the column metadata or the plan text.
 */
class CanaryTest {
  @TempDir Path dir;

  static final String CANARY = "CANARY-7d1e-needle@example.com";

  @Test
  void neitherCanaryValueNorKeyLeaks() throws Exception {
    SparkSession spark = SharedSpark.get();
    String input = dir.resolve("input").toString();
    spark
        .sql(
            "SELECT id, IF(id % 3 = 0, '"
                + CANARY
                + "', concat('user', id, '@example.com')) AS email,"
                + " IF(id % 5 = 0, '"
                + CANARY
                + "', 'n' || id) AS note, '13812345678' AS phone FROM range(200)")
        .write()
        .parquet(input);
    Random random = new Random();
    byte[] aes = new byte[32];
    byte[] siv = new byte[64];
    random.nextBytes(aes);
    random.nextBytes(siv);
    Files.writeString(dir.resolve("aes.key"), Base64.getEncoder().encodeToString(aes));
    Files.writeString(dir.resolve("siv.key"), Base64.getEncoder().encodeToString(siv));
    String output = dir.resolve("output").toString();
    Path conf = dir.resolve("canary.conf");
    Files.writeString(
        conf,
        "veil {\n"
            + "  keys { aes = \"file:"
            + dir.resolve("aes.key")
            + "\", siv = \"file:"
            + dir.resolve("siv.key")
            + "\" }\n"
            + "  tables = [{ name = canary, input { path = \""
            + input
            + "\" }, output { path = \""
            + output
            + "\" }\n"
            + "    columns {\n"
            + "      id = keep\n"
            + "      email { op = encrypt, mode = deterministic, key = siv, context = canary.email }\n"
            + "      note { op = encrypt, key = aes }\n"
            + "      phone { op = replace, with = pseudonym, key = aes }\n"
            + "    }\n  }]\n}\n");
    Path log4j = dir.resolve("log4j2-info.properties");
    Files.writeString(
        log4j,
        "rootLogger.level = info\nrootLogger.appenderRef.e.ref = e\n"
            + "appender.e.type = Console\nappender.e.name = e\nappender.e.target = SYSTEM_ERR\n"
            + "appender.e.layout.type = PatternLayout\nappender.e.layout.pattern = %p %c: %m%n%ex\n");
    Path events = Files.createDirectories(dir.resolve("events"));
    Path stdout = dir.resolve("stdout.txt");
    Path report = dir.resolve("run-report.json");
    VeilProcess p =
        VeilProcess.start(
            List.of(
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dspark.eventLog.enabled=true",
                "-Dspark.eventLog.dir=" + events.toUri()),
            stdout,
            "run",
            conf.toString(),
            "--report",
            report.toString());
    assertEquals(0, p.waitFor(300), () -> String.join("\n", p.stderr));

    List<String> secrets = new ArrayList<>(List.of(CANARY, "CANARY-7d1e"));
    for (byte[] k : List.of(aes, siv)) {
      secrets.add(Base64.getEncoder().encodeToString(k));
      secrets.add(HexFormat.of().formatHex(k));
      secrets.add(HexFormat.of().withUpperCase().formatHex(k));
    }
    List<String> places = new ArrayList<>();
    places.add("stderr (INFO logs)\n" + String.join("\n", p.stderr));
    places.add("stdout\n" + Files.readString(stdout));
    places.add("run report\n" + Files.readString(report));
    places.add("table report\n" + Files.readString(Path.of(output, "_veil_report.json")));
    places.add("table report page\n" + Files.readString(Path.of(output, "_veil_report.html")));
    places.add("column metadata\n" + spark.read().parquet(output).schema().json());
    try (Stream<Path> files = Files.walk(events)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        places.add(
            "event log "
                + f.getFileName()
                + "\n"
                + new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
      }
    }
    assertTrue(places.size() >= 6, "the event log was written");
    JobConfig config = JobConfigLoader.load(conf);
    JobRunner runner = new JobRunner(config, System.out, System.err);
    for (TablePlan plan : runner.plan(spark, config.tables())) {
      places.add("plan\n" + plan.output().queryExecution().explainString(ExtendedMode$.MODULE$));
    }
    for (String place : places) {
      for (String secret : secrets) {
        assertFalse(
            place.contains(secret),
            () -> "a secret appears in " + place.lines().findFirst().orElse(""));
      }
    }
    assertTrue(places.get(0).contains("INFO"), "the run logged at INFO");
    assertEquals(
        0,
        spark
            .read()
            .parquet(output)
            .where("email = '" + CANARY + "' or note = '" + CANARY + "'")
            .count());
  }
}
