package io.veil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code veil bench --presidio}: Veil's redact against Presidio, the thing a PySpark user would
 * otherwise pick, run by {@code benchmarks/python/presidio_bench.py} in a PySpark session of its
 * own (Presidio runs in Python workers, as a pandas UDF) on the bench's notes, beside a copy and
 * {@code veil_redact(notes)} timed in the same session. The Python (VEIL_PYTHON, else {@code
 * python3}) needs pyspark, pyarrow, pandas, presidio-analyzer and presidio-anonymizer; without them
 * the bench says so and reports the rest. The script's last line gives its figures as JSON, which
 * become the report's lines.
 */
final class PresidioBench {
  static final String JSON_PREFIX = "veil-presidio-json: ";

  private PresidioBench() {}

  /**
   * Notes Presidio redacts by default (the first by note_id): some 6.7 MB, 15 seconds a run on two
   * cores, long enough that a job's second of fixed cost does not count.
   */
  static final int SAMPLE = 4000;

  /**
   * Runs the script on the notes under {@code data} and returns the report's lines, or one line
   * saying why there are none.
   */
  static List<String> run(String data, String master, int runs, int sample, PrintStream progress) {
    Path script = script();
    if (script == null) {
      return List.of("Presidio: not measured (benchmarks/python/presidio_bench.py not found)");
    }
    String python = System.getenv().getOrDefault("VEIL_PYTHON", "python3");
    List<String> command =
        List.of(
            python,
            script.toString(),
            "--data",
            data,
            "--master",
            master,
            "--runs",
            String.valueOf(runs),
            "--sample",
            String.valueOf(sample));
    progress.println("[veil bench] Presidio: " + String.join(" ", command));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    String jar = shadedJar();
    if (jar != null && System.getenv("VEIL_JAR") == null) {
      pb.environment().put("VEIL_JAR", jar);
    }
    String json = null;
    try {
      Process p = pb.start();
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          if (line.startsWith(JSON_PREFIX)) {
            json = line.substring(JSON_PREFIX.length());
          } else {
            progress.println("[presidio] " + line);
          }
        }
      }
      int exit = p.waitFor();
      if (exit != 0 || json == null) {
        return List.of(
            "Presidio: not measured ("
                + python
                + " exited with "
                + exit
                + "; it needs pyspark, pyarrow, pandas, presidio-analyzer and presidio-anonymizer:"
                + " set VEIL_PYTHON)");
      }
    } catch (IOException e) {
      return List.of("Presidio: not measured (cannot run " + python + ": " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("Presidio: not measured (interrupted)");
    }
    return lines(json);
  }

  /** The report's lines from the script's JSON. */
  static List<String> lines(String json) {
    JsonNode r;
    try {
      r = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read presidio_bench.py's figures: " + e.getMessage());
    }
    JsonNode perCore = r.get("mb_per_s_per_core");
    JsonNode seconds = r.get("seconds");
    double presidio = perCore.get("presidio@sample").asDouble();
    double veil = perCore.get("veil_redact@notes").asDouble();
    double veilSample = perCore.get("veil_redact@sample").asDouble();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "Presidio (presidio-analyzer %s, %s; pandas UDF on PySpark %s, %s) on the first %,d"
                + " notes (%,.2f MB of text): %,.3f MB/s per core (median %.2f s); in the same"
                + " session veil_redact(notes) did %,.1f MB/s per core on all %,d notes (%,.1f MB)"
                + " and %,.1f MB/s on the same %,d: **%,.0fx Presidio** (all notes; %,.0fx on the"
                + " sample), a copy of the notes %,.1f MB/s per core",
            r.get("presidio_analyzer").asText(),
            r.get("phones").asBoolean()
                ? "its pattern recognizers and the phone recognizer"
                : "its " + r.get("recognizers").size() + " pattern recognizers, no NLP model",
            r.get("pyspark").asText(),
            r.get("master").asText()
                + (r.has("driver_memory")
                    ? ", driver heap " + r.get("driver_memory").asText()
                    : ""),
            r.get("sample_rows").asLong(),
            r.get("sample_bytes").asLong() / 1e6,
            presidio,
            median(seconds.get("presidio@sample")),
            veil,
            r.get("notes_rows").asLong(),
            r.get("notes_bytes").asLong() / 1e6,
            veilSample,
            r.get("sample_rows").asLong(),
            veil / presidio,
            veilSample / presidio,
            perCore.get("copy@notes").asDouble()));
    return lines;
  }

  private static double median(JsonNode runs) {
    double[] s = new double[runs.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = runs.get(i).asDouble();
    }
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** The script beside the bench's jar (benchmarks/target/../python), or under the working dir. */
  private static Path script() {
    List<Path> candidates = new ArrayList<>();
    java.security.CodeSource source = PresidioBench.class.getProtectionDomain().getCodeSource();
    if (source != null) {
      File jar = new File(source.getLocation().getPath());
      File module = jar.getParentFile() == null ? null : jar.getParentFile().getParentFile();
      if (module != null) {
        candidates.add(module.toPath().resolve("python/presidio_bench.py"));
      }
    }
    candidates.add(Path.of("benchmarks/python/presidio_bench.py"));
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
  }

  /** The shaded jar the CLI runs from, which the script's session loads Veil from. */
  private static String shadedJar() {
    java.security.CodeSource source = io.veil.job.Main.class.getProtectionDomain().getCodeSource();
    if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
      return null;
    }
    return source.getLocation().getPath();
  }
}
