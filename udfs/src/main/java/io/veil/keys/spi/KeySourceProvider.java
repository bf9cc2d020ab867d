package io.veil.keys.spi;

import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;

/**
 * A kind of key source that lives outside Veil's own four ({@code env:}, {@code file:}, {@code
 * keystore:}, {@code hadoop:}): a key management service, a secrets vault. Veil finds providers
 * with {@link java.util.ServiceLoader}: a jar on the driver's classpath that lists its class in
 * {@code META-INF/services/io.veil.keys.spi.KeySourceProvider} adds its scheme to every key source
 * Veil reads (job configs, {@code spark.veil.keys.*}). Veil's own Hadoop KMS source is registered
 * this way.
 *
 * <p>Sources are resolved on the driver only, once per run, and the bytes travel to executors
 * inside Veil's operations: a provider is never called on an executor. An implementation must never
 * put key material in a message, a log line or {@link #describe}; the text after the scheme is
 * treated as not-for-messages too unless {@link #describe} says otherwise.
 */
public interface KeySourceProvider {
  /**
   * The scheme, lower case, without the colon ({@code "vault"} for {@code vault:...}). It cannot
   * replace one of Veil's own schemes.
   */
  String scheme();

  /** The form of a source for messages listing the accepted ones, e.g. {@code vault:PATH#FIELD}. */
  String form();

  /**
   * Checks the text after {@code scheme:} when a config is read, before any key is.
   *
   * @throws IllegalArgumentException saying what is wrong without repeating the text
   */
  default void check(String location) {}

  /**
   * The source as messages, reports and {@code toString} may show it. The default shows the scheme
   * alone; show more only what cannot be key material (a URL, a key's name).
   */
  default String describe(String location) {
    return scheme() + ":(not shown)";
  }

  /**
   * Reads the key's bytes.
   *
   * @throws KeyResolutionException with a message that names the source as {@link #describe} shows
   *     it and says what failed, never the key; any other exception is reported by its type alone
   */
  KeyMaterial resolve(String location, Context context) throws Exception;

  /** What the caller offers a provider. */
  interface Context {
    /** The key's configured name and version, for messages ({@code pii version 2}). */
    String keyName();

    /** An environment variable of the driver process, or null. */
    String environment(String name);

    /**
     * An object of the running application, or null when there is none: {@code
     * org.apache.hadoop.conf.Configuration} is the application's Hadoop configuration when Veil
     * runs in Spark.
     */
    <T> T service(Class<T> type);
  }
}
