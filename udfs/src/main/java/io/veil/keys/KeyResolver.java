package io.veil.keys;

import io.veil.keys.spi.KeySourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads key bytes from their {@link KeySource}. Text sources ({@code env:}, {@code file:}, {@code
 * hadoop:}) hold base64, as {@code veil keygen} prints it; a PKCS12 keystore holds a secret key
 * entry, opened with the password in {@code VEIL_KEYSTORE_PASSWORD} (or the variable named by the
 * key's {@code password-env}).
 *
 * <p>Secrets never become {@code String}s here: a file is read as bytes, a credential as chars,
 * base64 is decoded from bytes, and every intermediate array is zeroed once the key is built. An
 * environment variable is a {@code String} by nature in Java ({@code System.getenv}), immutable and
 * beyond reach; it is read once and copied once, into bytes that are zeroed too.
 */
public final class KeyResolver {
  public static final String DEFAULT_KEYSTORE_PASSWORD_ENV = "VEIL_KEYSTORE_PASSWORD";

  /**
   * No key is this long as base64; a larger file is not a key file (or is a device like /dev/zero).
   */
  static final int MAX_KEY_FILE_BYTES = 64 * 1024;

  /** Reads a secret from a Hadoop credential provider; a seam so the core needs no Hadoop. */
  public interface CredentialProvider {
    /** The secret stored under {@code alias}, or null when no provider holds it. */
    char[] secret(String alias) throws IOException;
  }

  private final Function<String, String> environment;
  private final CredentialProvider credentials;
  private final KeyWarnings warnings;
  private final Map<Class<?>, Object> services = new HashMap<>();

  /** A resolver whose warnings go to standard error, once per JVM. */
  public KeyResolver(Function<String, String> environment, CredentialProvider credentials) {
    this(environment, credentials, KeyWarnings.standardError());
  }

  public KeyResolver(
      Function<String, String> environment, CredentialProvider credentials, KeyWarnings warnings) {
    this.environment = Objects.requireNonNull(environment);
    this.credentials = credentials;
    this.warnings = Objects.requireNonNull(warnings);
  }

  /** Resolves from the process environment; {@code hadoop:} sources need {@code credentials}. */
  public static KeyResolver fromEnvironment(CredentialProvider credentials) {
    return new KeyResolver(System::getenv, credentials);
  }

  public static KeyResolver fromEnvironment(CredentialProvider credentials, KeyWarnings warnings) {
    return new KeyResolver(System::getenv, credentials, warnings);
  }

  /**
   * Offers {@code service} to key source providers (the application's Hadoop configuration, say).
   */
  public <T> KeyResolver with(Class<T> type, T service) {
    services.put(type, Objects.requireNonNull(service));
    return this;
  }

  /** Where this resolver's warnings go; callers add their own (a compromised version read). */
  public KeyWarnings warnings() {
    return warnings;
  }

  /**
   * @param keyName the configured name, used only in messages
   * @param passwordEnv the environment variable holding a keystore's password, or null for the
   *     default
   */
  public KeyMaterial resolve(String keyName, KeySource source, String passwordEnv) {
    String where = "key " + keyName + " from " + source;
    switch (source.kind()) {
      case ENV:
        return readEnvironment(source, where);
      case FILE:
        return readFile(source, where);
      case KEYSTORE:
        return readKeystore(source, passwordEnv, where);
      case HADOOP:
        return readCredential(source, where);
      case PROVIDED:
        return readProvided(keyName, source, where);
      default:
        throw new IllegalStateException(source.kind().toString());
    }
  }

  private KeyMaterial readEnvironment(KeySource source, String where) {
    String value = environment.apply(source.location());
    if (value == null) {
      throw new KeyResolutionException(
          "Cannot read " + where + ": environment variable " + source.location() + " is not set");
    }
    if (value.isBlank()) {
      throw new KeyResolutionException(
          "Cannot read " + where + ": environment variable " + source.location() + " is empty");
    }
    byte[] text = new byte[value.length()];
    try {
      for (int i = 0; i < text.length; i++) {
        text[i] = asciiOrZero(value.charAt(i));
      }
      return decodeBase64(text, where);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  private KeyMaterial readFile(KeySource source, String where) {
    Path path = Paths.get(source.location());
    byte[] text;
    try (InputStream in = Files.newInputStream(path)) {
      text = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new KeyResolutionException("Cannot read " + where + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new KeyResolutionException("Cannot read " + where, e);
    }
    KeyMaterial key;
    try {
      if (text.length > MAX_KEY_FILE_BYTES) {
        throw new KeyResolutionException(
            "Cannot read "
                + where
                + ": the file is larger than any key file ("
                + MAX_KEY_FILE_BYTES / 1024
                + " KiB)");
      }
      key = decodeBase64(text, where);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
    if (!DemoKeys.isDemoKey(
        key)) { // a demo key is public anyway; its use is refused or allowed elsewhere
      warnIfOthersCanRead(path, source);
    }
    return key;
  }

  /** A key file its group or others can read is a key they hold; say so once per file. */
  private void warnIfOthersCanRead(Path path, KeySource source) {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return; // not a POSIX file system (Windows ACLs): nothing simple to check
    }
    Set<PosixFilePermission> permissions;
    Path real;
    try {
      permissions = view.readAttributes().permissions();
      real = path.toRealPath();
    } catch (IOException | RuntimeException e) {
      return;
    }
    if (permissions.contains(PosixFilePermission.GROUP_READ)
        || permissions.contains(PosixFilePermission.OTHERS_READ)) {
      String shown = source.toString().substring("file:".length());
      warnings.once(
          "readable key file " + real,
          "key file "
              + shown
              + " can be read by its group or by others ("
              + PosixFilePermissions.toString(permissions)
              + "): make it readable by its owner alone (chmod 600)");
    }
  }

  private KeyMaterial readKeystore(KeySource source, String passwordEnv, String where) {
    String envName = passwordEnv == null ? DEFAULT_KEYSTORE_PASSWORD_ENV : passwordEnv;
    String password = environment.apply(envName);
    if (password == null) {
      String shown = KeyLikeText.isVariableName(envName) ? envName : KeySource.NOT_SHOWN;
      throw new KeyResolutionException(
          "Cannot read " + where + ": the keystore password variable " + shown + " is not set");
    }
    char[] pw = password.toCharArray();
    byte[] encoded = null;
    try (InputStream in = Files.newInputStream(Paths.get(source.location()))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, pw);
      if (!store.containsAlias(source.alias())) {
        throw new KeyResolutionException(
            "Cannot read " + where + ": the keystore has no entry " + source.shownAlias());
      }
      Key key = store.getKey(source.alias(), pw);
      encoded = key == null ? null : key.getEncoded();
      if (encoded == null) {
        throw new KeyResolutionException(
            "Cannot read " + where + ": entry " + source.shownAlias() + " is not a secret key");
      }
      return KeyMaterial.of(encoded);
    } catch (NoSuchFileException e) {
      throw new KeyResolutionException("Cannot read " + where + ": no such keystore file");
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
      throw new KeyResolutionException(
          "Cannot read " + where + ": the keystore cannot be opened (wrong password or not PKCS12)",
          e);
    } finally {
      Arrays.fill(pw, '\0');
      if (encoded != null) {
        Arrays.fill(encoded, (byte) 0);
      }
    }
  }

  private KeyMaterial readCredential(KeySource source, String where) {
    if (credentials == null) {
      throw new KeyResolutionException(
          "Cannot read " + where + ": no Hadoop configuration is available here");
    }
    char[] secret;
    try {
      secret = credentials.secret(source.alias());
    } catch (IOException | RuntimeException e) {
      throw new KeyResolutionException(
          "Cannot read "
              + where
              + ": the credential provider failed (is hadoop.security.credential.provider.path set?)",
          e);
    }
    if (secret == null) {
      throw new KeyResolutionException(
          "Cannot read "
              + where
              + ": no credential provider holds alias "
              + source.shownAlias()
              + " (set hadoop.security.credential.provider.path)");
    }
    byte[] text = new byte[secret.length];
    try {
      for (int i = 0; i < secret.length; i++) {
        text[i] = asciiOrZero(secret[i]);
      }
      return decodeBase64(text, where);
    } finally {
      Arrays.fill(secret, '\0');
      Arrays.fill(text, (byte) 0);
    }
  }

  private KeyMaterial readProvided(String keyName, KeySource source, String where) {
    KeySourceProvider provider = source.provider();
    KeySourceProvider.Context context =
        new KeySourceProvider.Context() {
          @Override
          public String keyName() {
            return keyName;
          }

          @Override
          public String environment(String name) {
            return environment.apply(name);
          }

          @Override
          public <T> T service(Class<T> type) {
            return type.cast(services.get(type));
          }
        };
    KeyMaterial key;
    try {
      key = provider.resolve(source.location(), context);
    } catch (KeyResolutionException e) {
      throw e;
    } catch (Exception e) {
      throw new KeyResolutionException("Cannot read " + where, e);
    }
    if (key == null) {
      throw new KeyResolutionException("Cannot read " + where + ": the source gave no key");
    }
    return key;
  }

  /** Base64 is ASCII; any other character becomes 0, which the decoder then refuses. */
  private static byte asciiOrZero(char c) {
    return c < 128 ? (byte) c : 0;
  }

  /**
   * Decodes base64 text, skipping whitespace and line breaks; strict otherwise: a typo must fail.
   */
  private static KeyMaterial decodeBase64(byte[] text, String where) {
    int n = 0;
    for (byte b : text) {
      n += isSpace(b) ? 0 : 1;
    }
    byte[] compact = new byte[n];
    byte[] bytes = new byte[(n / 4 + 1) * 3];
    try {
      int i = 0;
      for (byte b : text) {
        if (!isSpace(b)) {
          compact[i++] = b;
        }
      }
      int length;
      try {
        length = Base64.getDecoder().decode(compact, bytes);
      } catch (IllegalArgumentException e) {
        throw new KeyResolutionException(
            "Cannot read " + where + ": the value is not valid base64");
      }
      if (length == 0) {
        throw new KeyResolutionException("Cannot read " + where + ": the key is empty");
      }
      return KeyMaterial.of(bytes, length);
    } finally {
      Arrays.fill(compact, (byte) 0);
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\r' || b == '\n';
  }
}
