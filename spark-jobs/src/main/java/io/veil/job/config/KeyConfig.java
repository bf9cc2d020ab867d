package io.veil.job.config;

import io.veil.keys.KeySource;
import java.util.List;

/**
 * A named key as configured: where each version's bytes live, and which version is primary.
 *
 * @param where {@code file:line} of the key's definition
 */
public record KeyConfig(String name, List<Version> versions, int primary, String where) {
  public KeyConfig {
    versions = List.copyOf(versions);
  }

  /**
   * One version of a key.
   *
   * @param passwordEnv for keystore sources: the environment variable holding the password, or null
   * @param compromised {@code compromised = true}: the version still reads, and reading it is
   *     warned about
   */
  public record Version(int number, KeySource source, String passwordEnv, boolean compromised) {
    public Version(int number, KeySource source, String passwordEnv) {
      this(number, source, passwordEnv, false);
    }
  }
}
