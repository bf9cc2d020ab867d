package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeyResolver;
import io.veil.keys.KeySource;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, finding 2: hadoop: sources read credential providers only, never a clear-text property.
 */
public class HadoopCredentialsTest {
  @TempDir Path dir;

  static final byte[] KEY = new byte[32];

  static {
    KEY[5] = 42;
  }

  static final String B64 = Base64.getEncoder().encodeToString(KEY);

  /**
   * A JCEKS credential store at {@code file} holding {@code alias}, as {@code hadoop credential
   * create} makes.
   */
  public static String credentialStore(Path file, String alias, String secret) throws Exception {
    String uri = "jceks://file" + file.toAbsolutePath();
    Configuration conf = new Configuration(false);
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, uri);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry(alias, secret.toCharArray());
    provider.flush();
    return uri;
  }

  @Test
  void hadoopSourcesAcceptNoPlainConfPropertyAsKeyMaterial() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set(
        "veil.pii", B64); // what getPassword would have returned: shown in the UI and event log
    assertNull(new HadoopCredentials(conf).secret("veil.pii"));
    KeyResolver resolver =
        new KeyResolver(Map.<String, String>of()::get, new HadoopCredentials(conf));
    KeyResolutionException e =
        assertThrows(
            KeyResolutionException.class,
            () -> resolver.resolve("pii", KeySource.parse("hadoop:veil.pii"), null));
    assertEquals(
        "Cannot read key pii from hadoop:veil.pii: no credential provider holds alias veil.pii (set"
            + " hadoop.security.credential.provider.path)",
        e.getMessage());
  }

  @Test
  void hadoopSourcesReadCredentialProviders() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set(
        CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
        credentialStore(dir.resolve("keys.jceks"), "veil.pii", B64));
    conf.set(
        "veil.pii",
        "bm90IHRoZSBrZXk="); // a clear-text property of the same name loses to the provider
    KeyResolver resolver =
        new KeyResolver(Map.<String, String>of()::get, new HadoopCredentials(conf));
    assertArrayEquals(
        KEY, resolver.resolve("pii", KeySource.parse("hadoop:veil.pii"), null).copyBytes());
    assertNull(new HadoopCredentials(conf).secret("veil.other"));
    assertTrue(new HadoopCredentials(conf).secret("veil.pii").length > 0);
  }
}
