package io.veil.keys;

import io.veil.keys.spi.KeySourceProvider;
import java.io.Serializable;
import java.util.Locale;

/**
 * Where a key's bytes come from: {@code env:NAME}, {@code file:PATH}, {@code keystore:PATH#ALIAS}
 * (PKCS12), {@code hadoop:ALIAS} (a Hadoop credential provider), or the scheme of a {@link
 * KeySourceProvider} on the classpath ({@code hadoop-kms:} is Veil's own). A source should name a
 * place, never the secret; but people paste keys where a name belongs ({@code env:<the key>}), so
 * {@link #toString()} shows the scheme and only the names that cannot be key material (see {@link
 * KeyLikeText}), and no message built from a source repeats more than that.
 */
public final class KeySource implements Serializable {
  private static final long serialVersionUID = 1L;

  public enum Kind {
    ENV,
    FILE,
    KEYSTORE,
    HADOOP,
    /** A scheme of a {@link KeySourceProvider} found on the classpath. */
    PROVIDED
  }

  public static final String ACCEPTED = "env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS";

  /** Written in place of a path or alias that might be key material. */
  static final String NOT_SHOWN = "(not shown)";

  private final Kind kind;
  private final String location;
  private final String alias;
  private final String scheme;

  private KeySource(Kind kind, String location, String alias) {
    this(kind, location, alias, kind.name().toLowerCase(Locale.ROOT));
  }

  private KeySource(Kind kind, String location, String alias, String scheme) {
    this.kind = kind;
    this.location = location;
    this.alias = alias;
    this.scheme = scheme;
  }

  /** Veil's own forms, then those of the providers on the classpath. */
  public static String accepted() {
    StringBuilder s = new StringBuilder(ACCEPTED);
    for (KeySourceProvider p : KeySourceProviders.all().values()) {
      s.append(", ").append(p.form());
    }
    return s.toString();
  }

  /**
   * @throws IllegalArgumentException with a message listing the accepted forms
   */
  public static KeySource parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "Invalid key source: expected one of "
              + ACCEPTED
              + " (key material is never written inline)");
    }
    String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = text.substring(colon + 1);
    switch (scheme) {
      case "env":
        if (!KeyLikeText.isVariableName(rest)) {
          throw new IllegalArgumentException(
              "Invalid key source env:"
                  + NOT_SHOWN
                  + ": the text after env: is not an"
                  + " environment variable name (letters, digits and '_', not starting with a digit, at most 64); it"
                  + " is not shown, as it may be the key itself: put the key in a variable and name the variable");
        }
        return new KeySource(Kind.ENV, rest, null);
      case "file":
        return new KeySource(Kind.FILE, rest, null);
      case "hadoop":
        return new KeySource(Kind.HADOOP, rest, rest);
      case "keystore":
        int hash = rest.lastIndexOf('#');
        if (hash <= 0 || hash == rest.length() - 1) {
          throw new IllegalArgumentException(
              "Invalid key source: keystore sources are keystore:PATH#ALIAS");
        }
        return new KeySource(Kind.KEYSTORE, rest.substring(0, hash), rest.substring(hash + 1));
      default:
        KeySourceProvider provider = KeySourceProviders.get(scheme);
        if (provider == null) {
          throw new IllegalArgumentException(
              "Invalid key source scheme '"
                  + (KeyLikeText.shownOrNull(scheme) == null ? NOT_SHOWN : scheme)
                  + "': accepted forms are "
                  + accepted()
                  + " (a key management service's scheme comes from its jar: see"
                  + " docs/encryption-and-keys.md#custom-key-sources)");
        }
        provider.check(rest);
        return new KeySource(Kind.PROVIDED, rest, null, scheme);
    }
  }

  public Kind kind() {
    return kind;
  }

  /** The scheme, lower case: {@code env}, {@code file}, ... or a provider's. */
  public String scheme() {
    return scheme;
  }

  /** The provider of a {@link Kind#PROVIDED} source; null for Veil's own kinds. */
  public KeySourceProvider provider() {
    if (kind != Kind.PROVIDED) {
      return null;
    }
    KeySourceProvider p = KeySourceProviders.get(scheme);
    if (p == null) { // deserialized where the provider's jar is missing
      throw new IllegalStateException("No key source provider for scheme " + scheme);
    }
    return p;
  }

  /** The environment variable, file path, keystore path or credential alias. */
  public String location() {
    return location;
  }

  /** The alias inside a keystore or credential provider; null for env and file sources. */
  public String alias() {
    return alias;
  }

  /** The alias as messages may show it: as written, or {@code (not shown)}. */
  public String shownAlias() {
    return shown(alias);
  }

  /** The source as messages may show it: the scheme, and each name only when it cannot be a key. */
  @Override
  public String toString() {
    switch (kind) {
      case ENV:
        return "env:" + location; // parse admits only variable names that cannot be keys
      case FILE:
        return "file:" + shown(location);
      case KEYSTORE:
        return "keystore:" + shown(location) + "#" + shown(alias);
      case PROVIDED:
        return describeProvided();
      default:
        return "hadoop:" + shown(alias);
    }
  }

  private String describeProvided() {
    KeySourceProvider p = KeySourceProviders.get(scheme);
    return p == null ? scheme + ":" + NOT_SHOWN : p.describe(location);
  }

  /** {@code name} as written when it cannot be key material, else {@code (not shown)}. */
  public static String shown(String name) {
    String s = KeyLikeText.shownOrNull(name);
    return s == null ? NOT_SHOWN : s;
  }
}
