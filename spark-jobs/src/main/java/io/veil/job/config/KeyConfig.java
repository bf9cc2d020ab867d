package io.veil.job.config;

import io.veil.keys.KeySource;
import java.util.List;

/** A named key as configured: where each version's bytes live, and which version is primary. */
public final class KeyConfig {
  /** One version of a key. */
  public static final class Version {
    private final int number;
    private final KeySource source;
    private final String passwordEnv;
    private final boolean compromised;

    public Version(int number, KeySource source, String passwordEnv) {
      this(number, source, passwordEnv, false);
    }

    public Version(int number, KeySource source, String passwordEnv, boolean compromised) {
      this.number = number;
      this.source = source;
      this.passwordEnv = passwordEnv;
      this.compromised = compromised;
    }

    public int number() {
      return number;
    }

    public KeySource source() {
      return source;
    }

    /** For keystore sources: the environment variable holding the password, or null. */
    public String passwordEnv() {
      return passwordEnv;
    }

    /** {@code compromised = true}: the version still reads, and reading it is warned about. */
    public boolean compromised() {
      return compromised;
    }
  }

  private final String name;
  private final List<Version> versions;
  private final int primary;
  private final String where;

  public KeyConfig(String name, List<Version> versions, int primary, String where) {
    this.name = name;
    this.versions = List.copyOf(versions);
    this.primary = primary;
    this.where = where;
  }

  public String name() {
    return name;
  }

  public List<Version> versions() {
    return versions;
  }

  public int primary() {
    return primary;
  }

  /** {@code file:line} of the key's definition. */
  public String where() {
    return where;
  }
}
