package io.veil.spark.kms;

import io.veil.keys.EncryptedDataKey;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeySource;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.crypto.key.KeyProvider;
import org.apache.hadoop.crypto.key.KeyProviderCryptoExtension;
import org.apache.hadoop.crypto.key.KeyProviderCryptoExtension.EncryptedKeyVersion;
import org.apache.hadoop.crypto.key.kms.KMSClientProvider;

/**
 * Envelope encryption with a Hadoop KMS ({@code kms://http@host:port/kms}): the KMS makes a data
 * key and returns it encrypted under one of its keys (an EDEK); Veil asks it to decrypt the EDEK
 * when a run needs the data key, and to re-encrypt it under the key's newest version when the KMS
 * key rotates. The KMS key itself never leaves the KMS.
 */
public final class HadoopKms implements AutoCloseable {
  private final String uri;
  private final KeyProvider provider;
  private final KeyProviderCryptoExtension crypto;

  private HadoopKms(String uri, KeyProvider provider) {
    this.uri = uri;
    this.provider = provider;
    this.crypto = KeyProviderCryptoExtension.createKeyProviderCryptoExtension(provider);
  }

  /**
   * A client of the KMS at {@code uri}; nothing is sent until a call needs it.
   *
   * @throws IllegalArgumentException when {@code uri} is not a {@code kms://} URI
   */
  public static HadoopKms open(String uri, Configuration conf) throws IOException {
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid KMS address " + KeySource.shown(uri) + ": expected kms://http@HOST:PORT/kms");
    }
    if (!"kms".equals(parsed.getScheme())) {
      throw new IllegalArgumentException(
          "Invalid KMS address " + KeySource.shown(uri) + ": expected kms://http@HOST:PORT/kms");
    }
    KeyProvider p =
        new KMSClientProvider.Factory()
            .createProvider(parsed, conf == null ? new Configuration() : conf);
    if (p == null) {
      throw new IllegalArgumentException(
          "Invalid KMS address " + KeySource.shown(uri) + ": expected kms://http@HOST:PORT/kms");
    }
    return new HadoopKms(uri, p);
  }

  /** A fresh data key made by the KMS, encrypted under {@code keyName}'s current version. */
  public EncryptedDataKey generate(String keyName) throws IOException {
    try {
      return of(keyName, crypto.generateEncryptedKey(keyName));
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getClass().getSimpleName());
    }
  }

  /** The data key: one decrypt call to the KMS. */
  public KeyMaterial decrypt(EncryptedDataKey edek) throws IOException {
    byte[] material = null;
    try {
      material = crypto.decryptEncryptedKey(forKms(edek)).getMaterial();
      return KeyMaterial.of(material);
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getClass().getSimpleName());
    } finally {
      if (material != null) {
        Arrays.fill(material, (byte) 0);
      }
    }
  }

  /**
   * The same data key, encrypted under the KMS key's current version; the KMS decrypts and
   * re-encrypts it inside, so the data key never travels.
   */
  public EncryptedDataKey rewrap(EncryptedDataKey edek) throws IOException {
    try {
      return of(edek.key(), crypto.reencryptEncryptedKey(forKms(edek)));
    } catch (GeneralSecurityException e) {
      throw new IOException(e.getClass().getSimpleName());
    }
  }

  private EncryptedKeyVersion forKms(EncryptedDataKey edek) {
    return EncryptedKeyVersion.createForDecryption(
        edek.key(), edek.keyVersion(), edek.iv(), edek.encrypted());
  }

  private EncryptedDataKey of(String keyName, EncryptedKeyVersion ekv) {
    return new EncryptedDataKey(
        uri,
        keyName,
        ekv.getEncryptionKeyVersionName(),
        ekv.getEncryptedKeyIv(),
        ekv.getEncryptedKeyVersion().getMaterial());
  }

  /**
   * What went wrong talking to the KMS, without key material: the exception's type and the first
   * line of its message when that cannot be a key (KMS errors name keys and versions).
   */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.net.ConnectException
        || root instanceof java.net.SocketTimeoutException
        || root instanceof java.net.UnknownHostException) {
      return "the KMS did not answer (" + root.getClass().getSimpleName() + ")";
    }
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    String shown = message.isEmpty() ? null : KeySource.shown(message);
    return "the KMS refused ("
        + e.getClass().getSimpleName()
        + (shown == null || shown.equals("(not shown)") ? "" : ": " + shown)
        + ")";
  }

  @Override
  public void close() throws IOException {
    provider.close();
  }
}
