package io.veil.job.plan;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.JobConfig;
import io.veil.job.config.KeyConfig;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.Keyset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The job's keys, read from their sources once per run on the driver. */
public final class KeyRing {
  private final Map<String, Keyset> keysets;
  private final Map<String, String> where;
  private final Map<String, Map<String, String>> uses = new LinkedHashMap<>();

  private KeyRing(Map<String, Keyset> keysets, Map<String, String> where) {
    this.keysets = keysets;
    this.where = where;
  }

  /**
   * Reads every version of the keys in {@code names}; all failures are reported together.
   *
   * @throws InvalidConfigException naming each key, its source and the config line
   */
  public static KeyRing resolve(JobConfig config, Set<String> names, KeyResolver resolver) {
    Map<String, Keyset> keysets = new LinkedHashMap<>();
    Map<String, String> where = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (KeyConfig key : config.keys().values()) {
      if (!names.contains(key.name())) {
        continue;
      }
      Map<Integer, KeyMaterial> versions = new LinkedHashMap<>();
      for (KeyConfig.Version v : key.versions()) {
        try {
          versions.put(v.number(), resolver.resolve(key.name() + " version " + v.number(), v.source(), v.passwordEnv()));
        } catch (KeyResolutionException e) {
          problems.add(new ConfigProblem(key.where(), e.getMessage()));
        }
      }
      if (versions.size() == key.versions().size()) {
        keysets.put(key.name(), new Keyset(key.name(), versions, key.primary()));
        where.put(key.name(), key.where());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    return new KeyRing(keysets, where);
  }

  public Keyset keyset(String name) {
    Keyset k = keysets.get(name);
    if (k == null) {
      throw new IllegalStateException("Key " + name + " was not resolved");
    }
    return k;
  }

  /**
   * Records that {@code key} serves {@code purpose} at {@code place}. Veil derives a subkey per
   * purpose, except for envelope = spark, which must use the configured bytes as they are so
   * that Spark's aes_decrypt reads the result: such a key may serve nothing else.
   *
   * @throws InvalidConfigException when a spark-envelope key would serve another purpose too
   */
  public void claim(String key, String purpose, String place) {
    Map<String, String> m = uses.computeIfAbsent(key, k -> new LinkedHashMap<>());
    m.putIfAbsent(purpose, place);
    if (m.size() > 1 && m.containsKey("spark-aes-gcm")) {
      throw new InvalidConfigException(List.of(new ConfigProblem(where(key),
          "Invalid use of key " + key + ": envelope = spark encrypts with its bytes as they are (for Spark's"
              + " aes_decrypt), so it cannot also serve other operations: " + m.values()
              + "; give those their own key")));
    }
  }

  /** {@code file:line} where the key is defined. */
  public String where(String name) {
    return where.get(name);
  }
}
