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

  /** Shown instead of a setting's value that could be key material written inline by mistake. */
  static final String NOT_SHOWN = "(not shown)";

  private SessionKeys() {}

  /** A setting under {@link #PREFIX} that does not give a usable key. */
  static final class InvalidSetting extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String confName;
    private final String shownValue;

    InvalidSetting(String confName, String shownValue, String why) {
      super(why);
      this.confName = confName;
      this.shownValue = shownValue;
    }

    /** The conf entry to fix. */
    String confName() {
      return confName;
    }

    /** Its value where that is safe to show (a key source's location), else {@link #NOT_SHOWN}. */
    String shownValue() {
      return shownValue;
    }
  }

  /**
   * @param function the function that names the key, for messages
   * @param conf the session's settings (only those under {@link #PREFIX} are read)
   * @throws InvalidSetting naming the conf entry to set and why, never key bytes
   * @throws IllegalArgumentException when the name itself is not a key name
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
          throw new InvalidSetting(e.getKey(), NOT_SHOWN, "The settings of key " + keyName + " are " + base
              + ", or " + base + ".v<N>, " + base + ".primary and " + base + ".password-env.");
        }
      }
    }
    if (single == null && versions.isEmpty()) {
      throw new InvalidSetting(base, "", function + " names key " + keyName + ": set " + base
          + " to the key's source (" + KeySource.ACCEPTED + "), or " + base + ".v<N> and " + base
          + ".primary for a key with versions.");
    }
    if (single != null && !versions.isEmpty()) {
      throw new InvalidSetting(base + ".v" + versions.keySet().iterator().next(), NOT_SHOWN,
          "Key " + keyName + " is set both as " + base + " and as versions: keep one.");
    }
    if (single != null) {
      versions.put(1, single);
    }
    int primary = primary(keyName, conf.get(base + ".primary"), versions);
    String passwordEnv = conf.get(base + ".password-env");
    Map<Integer, KeyMaterial> material = new TreeMap<>();
    for (Map.Entry<Integer, String> v : versions.entrySet()) {
      String label = single != null ? keyName : keyName + " version " + v.getKey();
      String confName = single != null ? base : base + ".v" + v.getKey();
      KeySource source;
      try {
        source = KeySource.parse(v.getValue().trim());
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting(confName, NOT_SHOWN, e.getMessage() + ".");
      }
      try {
        material.put(v.getKey(), resolver.resolve(label, source, passwordEnv));
      } catch (KeyResolutionException e) {
        throw new InvalidSetting(confName, source.toString(), e.getMessage() + " (for " + function + ").");
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
      throw new InvalidSetting(conf, "", "Key " + keyName + " has versions " + versions.keySet()
          + ": set " + conf + " to the one new values use.");
    }
    int primary;
    try {
      primary = Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSetting(conf, NOT_SHOWN, "It must be a version number.");
    }
    if (!versions.containsKey(primary)) {
      throw new InvalidSetting(conf, String.valueOf(primary), "Key " + keyName + " has versions "
          + versions.keySet() + ".");
    }
    return primary;
  }
}
