package io.veil.keys;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A named key with numbered versions, one of them primary. New values are always written under the
 * primary version; older versions stay only to read (decrypt, rekey) what they wrote. A version may
 * be marked compromised (its bytes leaked, say): it still reads, so that what it protects can be
 * rekeyed, and whoever reads it is warned.
 */
public final class Keyset implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final NavigableMap<Integer, KeyMaterial> versions;
  private final int primary;
  private final Set<Integer> compromised;

  public Keyset(String name, Map<Integer, KeyMaterial> versions, int primary) {
    this(name, versions, primary, Set.of());
  }

  /**
   * @param compromised the versions marked compromised; each must be among {@code versions}
   */
  public Keyset(
      String name, Map<Integer, KeyMaterial> versions, int primary, Set<Integer> compromised) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("Key " + name + " has no versions");
    }
    if (!versions.containsKey(primary)) {
      throw new IllegalArgumentException(
          "Key "
              + name
              + " names primary version "
              + primary
              + " but has versions "
              + versions.keySet());
    }
    if (!versions.keySet().containsAll(compromised)) {
      throw new IllegalArgumentException(
          "Key "
              + name
              + " marks versions "
              + compromised
              + " compromised but has versions "
              + versions.keySet());
    }
    this.name = name;
    this.versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    this.primary = primary;
    this.compromised = Collections.unmodifiableSet(new TreeSet<>(compromised));
  }

  public String name() {
    return name;
  }

  public int primaryVersion() {
    return primary;
  }

  public KeyMaterial primary() {
    return versions.get(primary);
  }

  /** The material of {@code version}, or null when this keyset does not hold it. */
  public KeyMaterial version(int version) {
    return versions.get(version);
  }

  /** This keyset with another primary version, to read values written under that version. */
  public Keyset withPrimary(int version) {
    return new Keyset(name, versions, version, compromised);
  }

  public NavigableMap<Integer, KeyMaterial> versions() {
    return versions;
  }

  /** The versions marked compromised, in order; empty for most keys. */
  public Set<Integer> compromised() {
    return compromised;
  }

  @Override
  public String toString() {
    return "Keyset["
        + name
        + ", versions "
        + versions.keySet()
        + ", primary "
        + primary
        + (compromised.isEmpty() ? "" : ", compromised " + compromised)
        + "]";
  }
}
