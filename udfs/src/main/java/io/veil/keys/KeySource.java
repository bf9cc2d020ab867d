package io.veil.keys;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where a key's bytes come from: {@code env:NAME}, {@code file:PATH}, {@code keystore:PATH#ALIAS}
 * (PKCS12) or {@code hadoop:ALIAS} (a Hadoop credential provider). The text of a source names a
 * place, never the secret, so it may appear in messages and reports.
 */
public final class KeySource implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    ENV,
    FILE,
    KEYSTORE,
    HADOOP
  }

  public static final String ACCEPTED = "env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS";

  private final Kind kind;
  private final String location;
  private final String alias;

  private KeySource(Kind kind, String location, String alias) {
    this.kind = kind;
    this.location = location;
    this.alias = alias;
  }

  /**
   * @throws IllegalArgumentException with a message listing the accepted forms
   */
  public static KeySource parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid key source: expected one of " + ACCEPTED + " (key material is never written inline)");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    switch (scheme) {
      case "env":
        return new KeySource(Kind.ENV, rest, null);
      case "file":
        return new KeySource(Kind.FILE, rest, null);
      case "hadoop":
        return new KeySource(Kind.HADOOP, rest, rest);
      case "keystore":
        int hash = rest.lastIndexOf('#');
        if (hash <= 0 || hash == rest.length() - 1) {
          throw new IllegalArgumentException("Invalid key source: keystore sources are keystore:PATH#ALIAS");
        }
        return new KeySource(Kind.KEYSTORE, rest.substring(0, hash), rest.substring(hash + 1));
      default:
        throw new IllegalArgumentException(
            "Invalid key source scheme '" + scheme + "': accepted forms are " + ACCEPTED);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The environment variable, file path, keystore path or credential alias. */
  public String location() {
    return location;
  }

  /** The alias inside a keystore or credential provider; null for env and file sources. */
  public String alias() {
    return alias;
  }

  @Override
  public String toString() {
    switch (kind) {
      case ENV:
        return "env:" + location;
      case FILE:
        return "file:" + location;
      case KEYSTORE:
        return "keystore:" + location + "#" + alias;
      default:
        return "hadoop:" + alias;
    }
  }
}
