package io.veil.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyResolverTest {
  @TempDir Path dir;

  static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 13 + 1);
    }
  }

  static final String B64 = Base64.getEncoder().encodeToString(KEY);

  KeyResolver resolver(Map<String, String> env) {
    return new KeyResolver(
        env::get, alias -> "hadoop-alias".equals(alias) ? B64.toCharArray() : null);
  }

  @Test
  void envAndFileHoldBase64() throws Exception {
    KeyResolver r = resolver(Map.of("VEIL_KEY", B64 + "\n"));
    assertArrayEquals(KEY, r.resolve("pii", KeySource.parse("env:VEIL_KEY"), null).copyBytes());
    Path f = dir.resolve("pii.key");
    Files.writeString(f, B64 + "\n");
    assertArrayEquals(KEY, r.resolve("pii", KeySource.parse("file:" + f), null).copyBytes());
  }

  @Test
  void pkcs12KeystoreWithPasswordFromEnvironment() throws Exception {
    Path p12 = dir.resolve("keys.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "s3cret-pass".toCharArray();
    store.setEntry(
        "pii-v1",
        new KeyStore.SecretKeyEntry(new SecretKeySpec(KEY, "AES")),
        new KeyStore.PasswordProtection(password));
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, password);
    }
    KeySource source = KeySource.parse("keystore:" + p12 + "#pii-v1");
    assertArrayEquals(
        KEY,
        resolver(Map.of("VEIL_KEYSTORE_PASSWORD", "s3cret-pass"))
            .resolve("pii", source, null)
            .copyBytes());
    assertArrayEquals(
        KEY,
        resolver(Map.of("OTHER_PW", "s3cret-pass")).resolve("pii", source, "OTHER_PW").copyBytes());
    KeyResolutionException wrong =
        assertThrows(
            KeyResolutionException.class,
            () -> resolver(Map.of("VEIL_KEYSTORE_PASSWORD", "nope")).resolve("pii", source, null));
    assertTrue(
        wrong.getMessage().contains("the keystore cannot be opened (wrong password or not PKCS12)"),
        wrong.getMessage());
    assertFalse(wrong.getMessage().contains("nope"));
    KeyResolutionException alias =
        assertThrows(
            KeyResolutionException.class,
            () ->
                resolver(Map.of("VEIL_KEYSTORE_PASSWORD", "s3cret-pass"))
                    .resolve("pii", KeySource.parse("keystore:" + p12 + "#missing"), null));
    assertEquals(
        "Cannot read key pii from keystore:" + p12 + "#missing: the keystore has no entry missing",
        alias.getMessage());
  }

  @Test
  void hadoopCredentialProvider() {
    KeyResolver r = resolver(Map.of());
    assertArrayEquals(
        KEY, r.resolve("pii", KeySource.parse("hadoop:hadoop-alias"), null).copyBytes());
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class,
            () -> r.resolve("pii", KeySource.parse("hadoop:absent"), null));
    assertTrue(
        e.getMessage().contains("no credential provider holds alias absent"), e.getMessage());
  }

  @Test
  void errorsNameKeyAndSourceButNeverTheMaterial() throws Exception {
    KeyResolver r = resolver(Map.of("BAD", "not base64 at all!"));
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class, () -> r.resolve("pii", KeySource.parse("env:BAD"), null));
    assertEquals("Cannot read key pii from env:BAD: the value is not valid base64", e.getMessage());
    assertThrows(
        KeyResolutionException.class, () -> r.resolve("pii", KeySource.parse("env:UNSET"), null));
    assertEquals("KeyMaterial[32 bytes, redacted]", KeyMaterial.of(KEY).toString());
    assertThrows(IllegalArgumentException.class, () -> KeySource.parse(B64));
  }

  @Test
  void anEmptyEnvironmentVariableIsEmptyNotUnset() {
    KeyResolver r = resolver(Map.of("EMPTY", "", "BLANK", " \n"));
    for (String name : List.of("EMPTY", "BLANK")) {
      KeyResolutionException e =
          assertThrows(
              KeyResolutionException.class,
              () -> r.resolve("pii", KeySource.parse("env:" + name), null));
      assertEquals(
          "Cannot read key pii from env:" + name + ": environment variable " + name + " is empty",
          e.getMessage());
    }
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class,
            () -> r.resolve("pii", KeySource.parse("env:UNSET"), null));
    assertEquals(
        "Cannot read key pii from env:UNSET: environment variable UNSET is not set",
        e.getMessage());
  }
}
