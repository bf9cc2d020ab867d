package io.veil.job.plan;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.JobConfig;
import io.veil.job.config.KeyConfig;
import io.veil.keys.DemoKeys;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeyWarnings;
import io.veil.keys.Keyset;
import io.veil.spark.op.KeyLookup;
import io.veil.spark.op.KeyMismatchException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The job's keys, read from their sources once per run on the driver. */
public final class KeyRing implements KeyLookup {
  private final Map<String, Keyset> keysets;
  private final Map<String, String> where;
  private final KeyWarnings warnings;
  private final List<Use> uses = new ArrayList<>();

  /** One purpose some key bytes serve, and where. */
  private record Use(KeyMaterial material, String key, String purpose, String place) {}

  private KeyRing(Map<String, Keyset> keysets, Map<String, String> where, KeyWarnings warnings) {
    this.keysets = keysets;
    this.where = where;
    this.warnings = warnings;
  }

  /**
   * Reads every version of the keys in {@code names}; all failures are reported together. The
   * committed demo keys are refused unless the config is one of the repository's own examples
   * ({@link DemoKeys#isRepositoryExample}).
   *
   * @throws InvalidConfigException naming each key, its source and the config line
   */
  public static KeyRing resolve(JobConfig config, Set<String> names, KeyResolver resolver) {
    boolean example = DemoKeys.isRepositoryExample(config.file());
    Map<String, Keyset> keysets = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (KeyConfig key : config.keys().values()) {
      if (!names.contains(key.name())) {
        continue;
      }
      Map<Integer, KeyMaterial> versions = new LinkedHashMap<>();
      Set<Integer> compromised = new TreeSet<>();
      for (KeyConfig.Version v : key.versions()) {
        String label = key.name() + " version " + v.number();
        try {
          KeyMaterial material = resolver.resolve(label, v.source(), v.passwordEnv());
          if (!example && DemoKeys.isDemoKey(material)) {
            problems.add(
                new ConfigProblem(
                    key.where(),
                    "Cannot use key "
                        + label
                        + ": it is one of Veil's demo keys"
                        + " (conf/demo-keys), which anyone can read; generate a key with veil keygen. Demo keys serve only"
                        + " the examples in the Veil repository's own conf/ directory."));
            continue;
          }
          versions.put(v.number(), material);
        } catch (KeyResolutionException e) {
          problems.add(new ConfigProblem(key.where(), e.getMessage()));
        }
        if (v.compromised()) {
          compromised.add(v.number());
        }
      }
      if (versions.size() == key.versions().size()) {
        keysets.put(key.name(), new Keyset(key.name(), versions, key.primary(), compromised));
        where.put(key.name(), key.where());
        if (compromised.contains(key.primary())) {
          resolver
              .warnings()
              .once(
                  "compromised primary " + key.name(),
                  "version "
                      + key.primary()
                      + " of key "
                      + key.name()
                      + " is primary and marked compromised ("
                      + key.where()
                      + "): whatever this run encrypts,"
                      + " pseudonymizes or fakes under it is as exposed as the key; make a version that is not compromised"
                      + " primary");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new KeyRing(keysets, where, resolver.warnings());
  }

  @Override
  public Keyset keyset(String name) {
    Keyset k = keysets.get(name);
    if (k == null) {
      throw new IllegalStateException("Key " + name + " was not resolved");
    }
    return k;
  }

  /**
   * Says, once per version and run, that {@code reader} (decrypt, rekey) reads values written under
   * a version of {@code key} marked compromised.
   *
   * @param version the one version the values were written under, or null when each value names its
   *     own (Veil's envelope): then every compromised version of the key may be read
   */
  @Override
  public void reading(String key, Integer version, String reader) {
    for (int v : keyset(key).compromised()) {
      if (version == null || version == v) {
        warnings.once(
            "compromised " + key + " " + v,
            "version "
                + v
                + " of key "
                + key
                + " is marked compromised ("
                + where(key)
                + "): "
                + reader
                + " reads values written under it; rekey them under a version that is not"
                + " compromised, then remove version "
                + v);
      }
    }
  }

  /**
   * Records that {@code key} serves {@code purpose} at {@code place}. Veil derives a subkey per
   * purpose, except for envelope = spark, which must use the configured bytes as they are so that
   * Spark's aes_decrypt reads the result: such bytes may serve nothing else, under any name. Bytes
   * are compared, not names, since two names can point at one secret.
   *
   * @throws KeyMismatchException when bytes serving envelope = spark would serve another purpose
   */
  @Override
  public void claim(String key, String purpose, String place) {
    for (KeyMaterial material : keyset(key).versions().values()) {
      for (Use u : uses) {
        boolean spark = SPARK_GCM.equals(purpose) || SPARK_GCM.equals(u.purpose());
        if (spark && !u.purpose().equals(purpose) && u.material().equals(material)) {
          String same =
              u.key().equals(key)
                  ? "key " + key
                  : "keys " + u.key() + " and " + key + " (the same bytes)";
          throw new KeyMismatchException(
              key,
              "Invalid use of "
                  + same
                  + ": envelope = spark encrypts with the key's bytes as they are (for Spark's"
                  + " aes_decrypt), so they cannot also serve other operations: "
                  + u.place()
                  + " and "
                  + place
                  + "; give those their own key");
        }
      }
      uses.add(new Use(material, key, purpose, place));
    }
  }

  /** {@code file:line} where the key is defined. */
  public String where(String name) {
    return where.get(name);
  }
}
