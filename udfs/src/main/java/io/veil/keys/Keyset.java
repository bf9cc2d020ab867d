package io.veil.keys;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A named key with numbered versions, one of them primary. New values are always written under
 * the primary version; older versions stay only to read (decrypt, rekey) what they wrote.
 */
public final class Keyset implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final NavigableMap<Integer, KeyMaterial> versions;
  private final int primary;

  public Keyset(String name, Map<Integer, KeyMaterial> versions, int primary) {
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("Key " + name + " has no versions");
    }
    if (!versions.containsKey(primary)) {
      throw new IllegalArgumentException(
          "Key " + name + " names primary version " + primary + " but has versions " + versions.keySet());
    }
    this.name = name;
    this.versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    this.primary = primary;
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
    return new Keyset(name, versions, version);
  }

  public NavigableMap<Integer, KeyMaterial> versions() {
    return versions;
  }

  @Override
  public String toString() {
    return "Keyset[" + name + ", versions " + versions.keySet() + ", primary " + primary + "]";
  }
}
