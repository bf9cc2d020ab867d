package io.veil.spark.kms;

import io.veil.keys.EncryptedDataKey;
import io.veil.keys.KeyMaterial;
import io.veil.keys.KeyResolutionException;
import io.veil.keys.KeySource;
import io.veil.keys.spi.KeySourceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code hadoop-kms:kms://http@HOST:PORT/kms#key=NAME;edek=file:PATH}: a data key that a Hadoop KMS
 * encrypted under its key NAME ({@code veil keygen --kms}), read from a file (or {@code
 * edek=env:VAR}) and decrypted by the KMS, one call per key version and run, on the driver.
 * Registered through {@code META-INF/services/io.veil.keys.spi.KeySourceProvider} like any
 * deployment's own source.
 */
public final class HadoopKmsKeySource implements KeySourceProvider {
  public static final String SCHEME = "hadoop-kms";
  private static final int MAX_EDEK_BYTES = 64 * 1024;

  /** The parts of a source: the KMS, its key's name and where the EDEK is. */
  record Location(String kms, String key, String edekScheme, String edekPlace) {
    String edek() {
      return edekScheme + ":" + edekPlace;
    }
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String form() {
    return "hadoop-kms:kms://http@HOST:PORT/kms#key=NAME;edek=file:PATH";
  }

  @Override
  public void check(String location) {
    parse(location);
  }

  static Location parse(String location) {
    int hash = location.lastIndexOf('#');
    if (hash <= 0 || !location.startsWith("kms://")) {
      throw invalid("expected " + new HadoopKmsKeySource().form());
    }
    String kms = location.substring(0, hash);
    String key = null;
    String edek = null;
    for (String part : location.substring(hash + 1).split(";")) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq).trim();
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      if (name.equals("key") && !value.isEmpty()) {
        key = value;
      } else if (name.equals("edek") && !value.isEmpty()) {
        edek = value;
      } else {
        throw invalid(
            "after '#' come key=NAME;edek=file:PATH (or edek=env:VAR), not '"
                + KeySource.shown(name)
                + "'");
      }
    }
    if (key == null || edek == null) {
      throw invalid("both key=NAME and edek=file:PATH are needed after '#'");
    }
    int colon = edek.indexOf(':');
    String edekScheme = colon < 0 ? "" : edek.substring(0, colon);
    if (!(edekScheme.equals("file") || edekScheme.equals("env")) || colon == edek.length() - 1) {
      throw invalid("edek= takes file:PATH or env:VAR");
    }
    return new Location(kms, key, edekScheme, edek.substring(colon + 1));
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException("Invalid key source hadoop-kms:(not shown): " + why);
  }

  @Override
  public String describe(String location) {
    Location l = parse(location);
    return SCHEME
        + ":"
        + KeySource.shown(l.kms())
        + "#key="
        + KeySource.shown(l.key())
        + ";edek="
        + l.edekScheme()
        + ":"
        + KeySource.shown(l.edekPlace());
  }

  @Override
  public KeyMaterial resolve(String location, Context context) throws IOException {
    Location l = parse(location);
    String where = "key " + context.keyName() + " from " + describe(location);
    EncryptedDataKey edek = read(l, context, where);
    if (!edek.key().equals(l.key())) {
      throw new KeyResolutionException(
          "Cannot read "
              + where
              + ": the encrypted data key was made under KMS key "
              + KeySource.shown(edek.key())
              + ", not "
              + KeySource.shown(l.key()));
    }
    Configuration conf = context.service(Configuration.class);
    HadoopKms kms;
    try {
      kms = HadoopKms.open(l.kms(), conf);
    } catch (IllegalArgumentException e) {
      throw new KeyResolutionException("Cannot read " + where + ": " + e.getMessage());
    }
    try (kms) {
      return kms.decrypt(edek);
    } catch (IOException | RuntimeException e) {
      throw new KeyResolutionException(
          "Cannot read "
              + where
              + ": "
              + HadoopKms.describe(e)
              + " (KMS "
              + KeySource.shown(l.kms())
              + ")");
    }
  }

  private static EncryptedDataKey read(Location l, Context context, String where) {
    String text;
    if (l.edekScheme().equals("env")) {
      text = context.environment(l.edekPlace());
      if (text == null) {
        throw new KeyResolutionException(
            "Cannot read "
                + where
                + ": environment variable "
                + KeySource.shown(l.edekPlace())
                + " is not set");
      }
    } else {
      try (InputStream in = Files.newInputStream(Paths.get(l.edekPlace()))) {
        byte[] bytes = in.readNBytes(MAX_EDEK_BYTES + 1);
        if (bytes.length > MAX_EDEK_BYTES) {
          throw new KeyResolutionException(
              "Cannot read " + where + ": the file is larger than any encrypted data key");
        }
        text = new String(bytes, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new KeyResolutionException("Cannot read " + where + ": no such file");
      } catch (IOException e) {
        throw new KeyResolutionException("Cannot read " + where, e);
      }
    }
    try {
      return EncryptedDataKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new KeyResolutionException("Cannot read " + where + ": " + e.getMessage());
    }
  }
}
