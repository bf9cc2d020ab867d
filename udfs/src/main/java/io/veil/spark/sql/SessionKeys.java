package io.veil.spark.sql;

import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import io.veil.keys.Keyset;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys Veil's SQL functions name, read from the session's Spark conf on the driver when a
 * query is analysed. A key is one source, {@code spark.veil.keys.<name> = env:VEIL_KEY_PII}, or
 * numbered versions with a primary one:
 *
 * <pre>
 *   spark.veil.keys.pii.v1      = file:/secrets/pii-v1.key
 *   spark.veil.keys.pii.v2      = hadoop:veil.pii.v2
 *   spark.veil.keys.pii.primary = 2
 * </pre>
 *
 * plus, for keystore sources, {@code spark.veil.keys.<name>.password-env} naming the variable
 * that holds the keystore password. The conf holds only where a key lives, never its bytes.
 */
final class SessionKeys {
  static final String PREFIX = "spark.veil.keys.";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern VERSION = Pattern.compile("v([0-9]{1,9})");

  private SessionKeys() {}

  /**
   * @param function the function that names the key, for messages
   * @param conf the session's settings (only those under {@link #PREFIX} are read)
   * @throws IllegalArgumentException with a message naming the key and the conf entries to set,
   *     never key bytes
   */
  static Keyset keyset(String function, String keyName, Map<String, String> conf, KeyResolver resolver) {
    if (!NAME.matcher(keyName).matches()) {
      throw new IllegalArgumentException("Invalid key name '" + keyName + "' for " + function
          + ": key names are letters, digits, '_' and '-'");
    }
    String base = PREFIX + keyName;
    String single = conf.get(base);
    Map<Integer, String> versions = new TreeMap<>();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (e.getKey().startsWith(base + ".")) {
        String rest = e.getKey().substring(base.length() + 1);
        Matcher m = VERSION.matcher(rest);
        if (m.matches()) {
          versions.put(Integer.parseInt(m.group(1)), e.getValue());
        } else if (!rest.equals("primary") && !rest.equals("password-env")) {
          throw new IllegalArgumentException("Invalid setting " + e.getKey() + " for key " + keyName
              + ": accepted are " + base + ".v<N>, " + base + ".primary and " + base + ".password-env");
        }
      }
    }
    if (single == null && versions.isEmpty()) {
      throw new IllegalArgumentException("Cannot find key " + keyName + " for " + function + ": set the Spark conf " + base
          + " to its source (" + KeySource.ACCEPTED + "), or " + base + ".v<N> and " + base
          + ".primary for a key with versions");
    }
    if (single != null && !versions.isEmpty()) {
      throw new IllegalArgumentException("Invalid settings for key " + keyName + ": set either " + base
          + " or " + base + ".v<N>, not both");
    }
    if (single != null) {
      versions.put(1, single);
    }
    int primary = primary(keyName, conf.get(base + ".primary"), versions);
    String passwordEnv = conf.get(base + ".password-env");
    Map<Integer, KeyMaterial> material = new TreeMap<>();
    for (Map.Entry<Integer, String> v : versions.entrySet()) {
      String label = versions.size() == 1 && single != null ? keyName : keyName + " version " + v.getKey();
      KeySource source;
      try {
        source = KeySource.parse(v.getValue().trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot read key " + label + " for " + function + ": " + e.getMessage());
      }
      try {
        material.put(v.getKey(), resolver.resolve(label, source, passwordEnv));
      } catch (KeyResolutionException e) {
        throw new IllegalArgumentException(e.getMessage() + " (for " + function + ")");
      }
    }
    return new Keyset(keyName, material, primary);
  }

  private static int primary(String keyName, String configured, Map<Integer, String> versions) {
    String conf = PREFIX + keyName + ".primary";
    if (configured == null) {
      if (versions.size() == 1) {
        return versions.keySet().iterator().next();
      }
      throw new IllegalArgumentException("Invalid settings for key " + keyName + ": it has versions "
          + versions.keySet() + ", so set " + conf + " to the one new values use");
    }
    int primary;
    try {
      primary = Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + conf + ": expected a version number, got '" + configured + "'");
    }
    if (!versions.containsKey(primary)) {
      throw new IllegalArgumentException("Invalid " + conf + ": version " + primary
          + " is not among the key's versions " + versions.keySet());
    }
    return primary;
  }
}
