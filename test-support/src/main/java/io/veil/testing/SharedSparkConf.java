package io.veil.testing;

import java.util.Map;

/**
 * Static Spark conf that a module's tests need in the {@link SharedSpark} session. Static conf is
 * read once, when the session starts, so a module cannot add it later from a test: it names its
 * implementation in {@code src/test/resources/META-INF/services/io.veil.testing.SharedSparkConf},
 * and {@link SharedSpark} finds it with {@link java.util.ServiceLoader}. An implementation needs a
 * public no-argument constructor.
 */
public interface SharedSparkConf {
  /** Settings for the session's builder; called once per test JVM. */
  Map<String, String> settings();
}
