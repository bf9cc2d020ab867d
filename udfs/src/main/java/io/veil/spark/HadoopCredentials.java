package io.veil.spark;

import io.veil.keys.KeyResolver;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/**
 * Secrets for {@code hadoop:} key sources, read from the credential providers that {@code
 * hadoop.security.credential.provider.path} names and from nowhere else. Hadoop's own {@code
 * Configuration.getPassword} falls back to a clear-text property named like the alias, and
 * properties show in the Spark UI's environment page and the event log: a key set that way is
 * published, so it must not be found.
 */
public final class HadoopCredentials implements KeyResolver.CredentialProvider {
  private final Configuration conf;

  public HadoopCredentials(Configuration conf) {
    this.conf = conf;
  }

  @Override
  public char[] secret(String alias) throws IOException {
    for (CredentialProvider provider : CredentialProviderFactory.getProviders(conf)) {
      CredentialProvider.CredentialEntry entry = provider.getCredentialEntry(alias);
      if (entry != null && entry.getCredential() != null) {
        return entry.getCredential();
      }
    }
    return null;
  }
}
