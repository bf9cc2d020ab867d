package io.veil.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads key bytes from their {@link KeySource}. Text sources ({@code env:}, {@code file:},
 * {@code hadoop:}) hold base64, as {@code veil keygen} prints it; a PKCS12 keystore holds a secret
 * key entry, opened with the password in {@code VEIL_KEYSTORE_PASSWORD} (or the variable named by
 * the key's {@code password-env}).
 */
public final class KeyResolver {
  public static final String DEFAULT_KEYSTORE_PASSWORD_ENV = "VEIL_KEYSTORE_PASSWORD";

  /** Reads a secret from a Hadoop credential provider; a seam so the core needs no Hadoop. */
  public interface CredentialProvider {
    /** The secret stored under {@code alias}, or null when no provider holds it. */
    char[] secret(String alias) throws IOException;
  }

  private final Function<String, String> environment;
  private final CredentialProvider credentials;

  public KeyResolver(Function<String, String> environment, CredentialProvider credentials) {
    this.environment = Objects.requireNonNull(environment);
    this.credentials = credentials;
  }

  /** Resolves from the process environment; {@code hadoop:} sources need {@code credentials}. */
  public static KeyResolver fromEnvironment(CredentialProvider credentials) {
    return new KeyResolver(System::getenv, credentials);
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
        String value = environment.apply(source.location());
        if (value == null) {
          throw new KeyResolutionException(
              "Cannot read " + where + ": environment variable " + source.location() + " is not set");
        }
        if (value.isBlank()) {
          throw new KeyResolutionException(
              "Cannot read " + where + ": environment variable " + source.location() + " is empty");
        }
        return decodeBase64(value, where);
      case FILE:
        return decodeBase64(readFile(source.location(), where), where);
      case KEYSTORE:
        return readKeystore(source, passwordEnv, where);
      case HADOOP:
        return readCredential(source, where);
      default:
        throw new IllegalStateException(source.kind().toString());
    }
  }

  private static String readFile(String location, String where) {
    Path path = Paths.get(location);
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KeyResolutionException("Cannot read " + where + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new KeyResolutionException("Cannot read " + where, e);
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
    try (InputStream in = Files.newInputStream(Paths.get(source.location()))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, pw);
      if (!store.containsAlias(source.alias())) {
        throw new KeyResolutionException(
            "Cannot read " + where + ": the keystore has no entry " + source.shownAlias());
      }
      Key key = store.getKey(source.alias(), pw);
      if (key == null || key.getEncoded() == null) {
        throw new KeyResolutionException(
            "Cannot read " + where + ": entry " + source.shownAlias() + " is not a secret key");
      }
      return KeyMaterial.of(key.getEncoded());
    } catch (NoSuchFileException e) {
      throw new KeyResolutionException("Cannot read " + where + ": no such keystore file");
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password surfaces as an IOException whose cause is an UnrecoverableKeyException.
      throw new KeyResolutionException(
          "Cannot read " + where + ": the keystore cannot be opened (wrong password or not PKCS12)", e);
    } finally {
      java.util.Arrays.fill(pw, '\0');
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
          "Cannot read " + where + ": the credential provider failed (is hadoop.security.credential.provider.path set?)",
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
    try {
      return decodeBase64(new String(secret), where);
    } finally {
      java.util.Arrays.fill(secret, '\0');
    }
  }

  private static KeyMaterial decodeBase64(String text, String where) {
    byte[] bytes;
    try {
      // Strict decoding (whitespace and line breaks aside): a typo must fail, not yield a key.
      bytes = Base64.getDecoder().decode(text.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new KeyResolutionException("Cannot read " + where + ": the value is not valid base64");
    }
    if (bytes.length == 0) {
      throw new KeyResolutionException("Cannot read " + where + ": the key is empty");
    }
    return KeyMaterial.of(bytes);
  }
}
