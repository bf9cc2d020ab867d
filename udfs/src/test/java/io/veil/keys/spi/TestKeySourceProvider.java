package io.veil.keys.spi;

import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import java.util.Base64;
import java.util.Map;

/**
 * A deployment's own source, as a jar would add it: {@code test-vault:NAME} reads a key from an
 * in-memory vault. Registered in this module's test resources, META-INF/services.
 */
public final class TestKeySourceProvider implements KeySourceProvider {
  static final Map<String, String> VAULT =
      Map.of("pii", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'));

  @Override
  public String scheme() {
    return "test-vault";
  }

  @Override
  public String form() {
    return "test-vault:NAME";
  }

  @Override
  public void check(String location) {
    if (!location.matches("[a-z]+")) {
      throw new IllegalArgumentException("Invalid key source test-vault:(not shown): a name");
    }
  }

  @Override
  public String describe(String location) {
    return "test-vault:" + location;
  }

  @Override
  public KeyMaterial resolve(String location, Context context) {
    String value = VAULT.get(location);
    if (value == null) {
      throw new KeyResolutionException(
          "Cannot read key " + context.keyName() + " from test-vault:" + location + ": no secret");
    }
    if (context.service(StringBuilder.class) != null) {
      context.service(StringBuilder.class).append("resolved ").append(location);
    }
    return KeyMaterial.of(Base64.getDecoder().decode(value));
  }
}
