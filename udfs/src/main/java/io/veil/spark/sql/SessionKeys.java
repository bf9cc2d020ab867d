package io.veil.spark.sql;

import io.veil.keys.DemoKeys;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import io.veil.keys.Keyset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys Veil's SQL functions name, read on the driver when a query is analysed from the conf the
 * application started with (the SparkContext's SparkConf), never from a session's runtime settings.
 * A key is one source, {@code spark.veil.keys.<name> = env:VEIL_KEY_PII}, or numbered versions with
 * a primary one:
 *
 * <pre>
 *   spark.veil.keys.pii.v1             = file:/secrets/pii-v1.key
 *   spark.veil.keys.pii.v1.compromised = true
 *   spark.veil.keys.pii.v2             = hadoop:veil.pii.v2
 *   spark.veil.keys.pii.primary        = 2
 * </pre>
 *
 * plus, for keystore sources, {@code spark.veil.keys.<name>.password-env} naming the variable that
 * holds the keystore password. The conf holds only where a key lives, never its bytes.
 *
 * <p>Why static only: on a shared server (Thrift, Spark Connect) every user's session can {@code
 * SET} any conf, and the driver reads sources with its own privileges, so a runtime {@code SET
 * spark.veil.keys.x = file:/other/team.key} would decrypt with another team's key. A session that
 * sets anything under a key's name differently from the application, or sets the credential
 * provider path a {@code hadoop:} source reads, is refused before any source is read, with a
 * message that says nothing about the source.
 */
final class SessionKeys {
  static final String PREFIX = "spark.veil.keys.";

  /**
   * Where {@code hadoop:} sources look, as a session could set it: with and without Spark's prefix.
   */
  static final List<String> CREDENTIAL_PROVIDER_PATHS =
      List.of(
          "spark.hadoop.hadoop.security.credential.provider.path",
          "hadoop.security.credential.provider.path");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern VERSION = Pattern.compile("v([0-9]{1,9})");
  private static final Pattern COMPROMISED = Pattern.compile("v([0-9]{1,9})\\.compromised");

  private static final String STATIC_CONF =
      "the conf the application starts with (spark-submit --conf," + " spark-defaults.conf)";

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
   * @param application the application's static conf: the only place key settings are read from
   * @param session the session's settings, to refuse any that differ from the application's
   * @throws InvalidSetting naming the conf entry to set and why, never key bytes
   * @throws IllegalArgumentException when the name itself is not a key name
   */
  static Keyset keyset(
      String function,
      String keyName,
      Map<String, String> application,
      Map<String, String> session,
      KeyResolver resolver) {
    if (!NAME.matcher(keyName).matches()) {
      throw new IllegalArgumentException(
          "Invalid key name '"
              + keyName
              + "' for "
              + function
              + ": key names are letters, digits, '_' and '-'");
    }
    String base = PREFIX + keyName;
    refuseRuntimeSettings(keyName, application, session);
    String single = application.get(base);
    Map<Integer, String> versions = new TreeMap<>();
    Map<Integer, String> compromisedFlags = new TreeMap<>();
    for (Map.Entry<String, String> e : application.entrySet()) {
      if (e.getKey().startsWith(base + ".")) {
        String rest = e.getKey().substring(base.length() + 1);
        Matcher version = VERSION.matcher(rest);
        Matcher compromised = COMPROMISED.matcher(rest);
        if (version.matches()) {
          versions.put(Integer.parseInt(version.group(1)), e.getValue());
        } else if (compromised.matches()) {
          compromisedFlags.put(Integer.parseInt(compromised.group(1)), e.getValue());
        } else if (!rest.equals("primary") && !rest.equals("password-env")) {
          throw new InvalidSetting(
              e.getKey(),
              NOT_SHOWN,
              "The settings of key "
                  + keyName
                  + " are "
                  + base
                  + ", or "
                  + base
                  + ".v<N>, "
                  + base
                  + ".primary and "
                  + base
                  + ".password-env, and "
                  + base
                  + ".v<N>.compromised.");
        }
      }
    }
    if (single == null && versions.isEmpty()) {
      throw new InvalidSetting(
          base,
          "",
          function
              + " names key "
              + keyName
              + ": set "
              + base
              + " to the key's source ("
              + KeySource.ACCEPTED
              + "), or "
              + base
              + ".v<N> and "
              + base
              + ".primary for a key with versions, in "
              + STATIC_CONF
              + ".");
    }
    if (single != null && !versions.isEmpty()) {
      throw new InvalidSetting(
          base + ".v" + versions.keySet().iterator().next(),
          NOT_SHOWN,
          "Key " + keyName + " is set both as " + base + " and as versions: keep one.");
    }
    if (single != null) {
      versions.put(1, single);
    }
    int primary = primary(keyName, application.get(base + ".primary"), versions);
    Set<Integer> compromised = compromised(keyName, compromisedFlags, versions.keySet());
    String passwordEnv = application.get(base + ".password-env");
    Map<Integer, KeySource> sources = new TreeMap<>();
    for (Map.Entry<Integer, String> v : versions.entrySet()) {
      try {
        sources.put(v.getKey(), KeySource.parse(v.getValue().trim()));
      } catch (IllegalArgumentException e) {
        throw new InvalidSetting(
            confName(keyName, single != null, v.getKey()), NOT_SHOWN, e.getMessage() + ".");
      }
    }
    if (sources.values().stream().anyMatch(s -> s.kind() == KeySource.Kind.HADOOP)) {
      refuseRuntimeProviderPath(keyName, application, session);
    }
    Map<Integer, KeyMaterial> material = new TreeMap<>();
    for (Map.Entry<Integer, KeySource> v : sources.entrySet()) {
      String label = single != null ? keyName : keyName + " version " + v.getKey();
      String confName = confName(keyName, single != null, v.getKey());
      KeyMaterial key;
      try {
        key = resolver.resolve(label, v.getValue(), passwordEnv);
      } catch (KeyResolutionException e) {
        throw new InvalidSetting(
            confName, v.getValue().toString(), e.getMessage() + " (for " + function + ").");
      }
      if (DemoKeys.isDemoKey(key)) {
        throw new InvalidSetting(
            confName,
            v.getValue().toString(),
            "Cannot use key "
                + label
                + ": it is one of"
                + " Veil's demo keys (conf/demo-keys), which anyone can read; generate a key with veil keygen.");
      }
      material.put(v.getKey(), key);
    }
    return new Keyset(keyName, material, primary, compromised);
  }

  /** The conf entry where {@code version} of a key is set. */
  static String confName(String keyName, boolean single, int version) {
    return single ? PREFIX + keyName : PREFIX + keyName + ".v" + version;
  }

  /**
   * Refuses a session that sets any setting of the key otherwise than the application does (a new
   * key name, another source, an added version, a flag), before anything is read. The message names
   * the setting only: its value is the user's own, and what the application has there is not theirs
   * to learn.
   */
  private static void refuseRuntimeSettings(
      String keyName, Map<String, String> application, Map<String, String> session) {
    String base = PREFIX + keyName;
    for (Map.Entry<String, String> e : new TreeMap<>(session).entrySet()) {
      String name = e.getKey();
      if ((name.equals(base) || name.startsWith(base + "."))
          && !Objects.equals(application.get(name), e.getValue())) {
        throw new InvalidSetting(
            name,
            NOT_SHOWN,
            "Cannot use key "
                + keyName
                + ": "
                + name
                + " is set in this"
                + " session (SET or spark.conf.set), and Veil takes key settings only from "
                + STATIC_CONF
                + "; nothing was read.");
      }
    }
  }

  /** A {@code hadoop:} source reads the application's credential providers, never a session's. */
  private static void refuseRuntimeProviderPath(
      String keyName, Map<String, String> application, Map<String, String> session) {
    for (String name : CREDENTIAL_PROVIDER_PATHS) {
      if (session.containsKey(name) && !Objects.equals(application.get(name), session.get(name))) {
        throw new InvalidSetting(
            name,
            NOT_SHOWN,
            "Cannot use key "
                + keyName
                + ": its source reads Hadoop"
                + " credential providers, and "
                + name
                + " is set in this session (SET or spark.conf.set); Veil reads"
                + " them only as the application starts with them; nothing was read.");
      }
    }
  }

  private static Set<Integer> compromised(
      String keyName, Map<Integer, String> flags, Set<Integer> versions) {
    Set<Integer> out = new TreeSet<>();
    for (Map.Entry<Integer, String> f : flags.entrySet()) {
      String conf = PREFIX + keyName + ".v" + f.getKey() + ".compromised";
      String value = f.getValue().trim().toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw new InvalidSetting(conf, NOT_SHOWN, "It must be true or false.");
      }
      if (!versions.contains(f.getKey())) {
        throw new InvalidSetting(conf, value, "Key " + keyName + " has versions " + versions + ".");
      }
      if (value.equals("true")) {
        out.add(f.getKey());
      }
    }
    return out;
  }

  private static int primary(String keyName, String configured, Map<Integer, String> versions) {
    String conf = PREFIX + keyName + ".primary";
    if (configured == null) {
      if (versions.size() == 1) {
        return versions.keySet().iterator().next();
      }
      throw new InvalidSetting(
          conf,
          "",
          "Key "
              + keyName
              + " has versions "
              + versions.keySet()
              + ": set "
              + conf
              + " to the one new values use.");
    }
    int primary;
    try {
      primary = Integer.parseInt(configured.trim());
    } catch (NumberFormatException e) {
      throw new InvalidSetting(conf, NOT_SHOWN, "It must be a version number.");
    }
    if (!versions.containsKey(primary)) {
      throw new InvalidSetting(
          conf,
          String.valueOf(primary),
          "Key " + keyName + " has versions " + versions.keySet() + ".");
    }
    return primary;
  }
}
