package io.veil.testing;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session per test JVM: UI off, loopback only, UTC, fixed shuffle width, plus the
 * static conf that each {@link SharedSparkConf} on the test classpath adds (the keys a module's
 * tests name in SQL, say: Veil's SQL functions refuse keys a session sets at runtime).
 */
public final class SharedSpark {
  /** What every module's tests rely on; a {@link SharedSparkConf} cannot change these. */
  private static final Map<String, String> FIXED = fixed();

  private static Map<String, String> conf;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    SparkSession.Builder builder = SparkSession.builder();
    conf().forEach(builder::config);
    return builder.getOrCreate();
  }

  /** The repository's root directory (for sample-data and conf). */
  public static Path projectDir() {
    return Paths.get(System.getProperty("veil.project.dir", "..")).toAbsolutePath().normalize();
  }

  /** The session's settings: each module's static conf, then the fixed ones. */
  private static Map<String, String> conf() {
    if (conf == null) {
      Map<String, String> c = new LinkedHashMap<>();
      for (SharedSparkConf module : ServiceLoader.load(SharedSparkConf.class)) {
        module
            .settings()
            .forEach(
                (key, value) -> {
                  if (FIXED.containsKey(key)) {
                    throw new IllegalStateException(
                        module.getClass().getName()
                            + " sets "
                            + key
                            + ", which every module's tests rely on being "
                            + FIXED.get(key));
                  }
                  String other = c.putIfAbsent(key, value);
                  if (other != null && !other.equals(value)) {
                    throw new IllegalStateException(
                        module.getClass().getName()
                            + " sets "
                            + key
                            + " to a value another SharedSparkConf sets differently");
                  }
                });
      }
      c.putAll(FIXED);
      conf = Map.copyOf(c);
    }
    return conf;
  }

  private static Map<String, String> fixed() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("spark.master", "local[2]");
    f.put("spark.app.name", "veil-tests");
    f.put("spark.ui.enabled", "false");
    f.put("spark.driver.host", "127.0.0.1");
    f.put("spark.driver.bindAddress", "127.0.0.1");
    f.put("spark.sql.session.timeZone", "UTC");
    f.put("spark.sql.shuffle.partitions", "4");
    return Map.copyOf(f);
  }
}
