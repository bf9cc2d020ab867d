package io.veil.keys.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key sources from jars on the classpath, found through META-INF/services. */
class KeySourceProviderTest {
  private final KeyResolver resolver = new KeyResolver(Map.<String, String>of()::get, null);

  @Test
  void aRegisteredProviderResolvesItsScheme() {
    KeySource source = KeySource.parse("test-vault:pii");
    assertEquals(KeySource.Kind.PROVIDED, source.kind());
    assertEquals("test-vault", source.scheme());
    assertEquals("test-vault:pii", source.toString());
    StringBuilder seen = new StringBuilder();
    KeyMaterial key =
        resolver.with(StringBuilder.class, seen).resolve("pii version 1", source, null);
    assertEquals(
        KeyMaterial.of(Base64.getDecoder().decode(TestKeySourceProvider.VAULT.get("pii"))), key);
    assertEquals("resolved pii", seen.toString(), "the resolver's services reach the provider");
  }

  @Test
  void schemesAreCaseInsensitiveAndTheProviderChecksTheRest() {
    assertEquals(KeySource.Kind.PROVIDED, KeySource.parse("Test-Vault:pii").kind());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeySource.parse("test-vault:PII_1"));
    assertEquals("Invalid key source test-vault:(not shown): a name", e.getMessage());
  }

  @Test
  void theProvidersFailureIsReportedAsItWrote() {
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class,
            () -> resolver.resolve("pii version 1", KeySource.parse("test-vault:other"), null));
    assertEquals("Cannot read key pii version 1 from test-vault:other: no secret", e.getMessage());
  }

  @Test
  void anUnknownSchemeListsVeilsOwnAndTheProvidersFound() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeySource.parse("vault:secret/pii"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Invalid key source scheme 'vault': accepted forms are env:NAME, file:PATH, keystore:PATH#ALIAS, hadoop:ALIAS"),
        e.getMessage());
    assertTrue(e.getMessage().contains("test-vault:NAME"), e.getMessage());
    assertTrue(
        e.getMessage().contains("hadoop-kms:kms://http@HOST:PORT/kms#key=NAME;edek=file:PATH"),
        "Veil's own KMS source is found the same way: " + e.getMessage());
  }

  @Test
  void builtInSchemesStayVeilsOwn() {
    assertEquals(KeySource.Kind.ENV, KeySource.parse("env:VEIL_KEY").kind());
    assertEquals(KeySource.Kind.HADOOP, KeySource.parse("hadoop:pii").kind());
    assertFalse(KeySource.accepted().contains("null"));
  }
}
