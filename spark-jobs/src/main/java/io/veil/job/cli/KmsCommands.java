package io.veil.job.cli;

import io.veil.keys.EncryptedDataKey;
import io.veil.keys.KeySource;
import io.veil.spark.kms.HadoopKms;
import io.veil.spark.kms.HadoopKmsKeySource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code keygen --kms} and {@code rewrap}: data keys kept as EDEKs of a Hadoop KMS. Neither command
 * sees a data key: the KMS makes it and returns it encrypted, and re-encrypts it inside itself.
 */
final class KmsCommands {
  private KmsCommands() {}

  /** Writes a new EDEK to {@code --out} (refusing to replace a file), or prints it. */
  static int keygen(Arguments a, PrintStream out) {
    String uri = a.option("--kms");
    String key = a.option("--key");
    if (uri == null || key == null || a.option("--type") != null || !a.positional().isEmpty()) {
      throw new UsageException(
          "Invalid keygen: a KMS data key takes --kms URI --key NAME [--out FILE]"
              + " (kms://http@HOST:PORT/kms; the data key is as long as the KMS key, 256 bits for"
              + " --type aes-256), and no --type");
    }
    EncryptedDataKey edek;
    try (HadoopKms kms = open(uri)) {
      edek = kms.generate(key);
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "Cannot make a data key under KMS key "
              + KeySource.shown(key)
              + " at "
              + KeySource.shown(uri)
              + ": "
              + HadoopKms.describe(e));
    }
    String file = a.option("--out");
    if (file == null) {
      out.print(edek.toJson());
      return ExitCodes.OK;
    }
    Path path = Paths.get(file).toAbsolutePath().normalize();
    try {
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(path, edek.toJson(), StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new UsageException(
          "Cannot write " + path + ": the file exists (rotate a KMS key with veil rewrap FILE)");
    } catch (IOException e) {
      throw new UsageException("Cannot write " + path + ": " + e.getClass().getSimpleName());
    }
    out.println(
        "wrote "
            + path
            + ": a data key under KMS key "
            + edek.key()
            + " (version "
            + edek.keyVersion()
            + "); name it in a job config as");
    out.println(
        "  source = \""
            + HadoopKmsKeySource.SCHEME
            + ":"
            + uri
            + "#key="
            + key
            + ";edek=file:"
            + path
            + "\"");
    return ExitCodes.OK;
  }

  /** Re-encrypts the EDEK in FILE under its KMS key's current version, replacing FILE. */
  static int rewrap(List<String> args, PrintStream out) {
    Arguments a = Arguments.parse("rewrap", args, Set.of("--kms"), Set.of());
    Path path = Paths.get(a.single("rewrap", "EDEK file")).toAbsolutePath().normalize();
    EncryptedDataKey edek;
    try {
      edek = EncryptedDataKey.parse(Files.readString(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UsageException("Cannot rewrap " + path + ": no such file");
    } catch (IOException e) {
      throw new UsageException("Cannot rewrap " + path + ": " + e.getClass().getSimpleName());
    } catch (IllegalArgumentException e) {
      throw new UsageException("Cannot rewrap " + path + ": " + e.getMessage());
    }
    String uri = a.option("--kms") == null ? edek.kms() : a.option("--kms");
    EncryptedDataKey rewrapped;
    try (HadoopKms kms = open(uri)) {
      rewrapped =
          kms.rewrap(
              new EncryptedDataKey(
                  uri, edek.key(), edek.keyVersion(), edek.iv(), edek.encrypted()));
    } catch (IOException | RuntimeException e) {
      throw new UsageException(
          "Cannot rewrap "
              + path
              + " (KMS key "
              + KeySource.shown(edek.key())
              + " at "
              + KeySource.shown(uri)
              + "): "
              + HadoopKms.describe(e));
    }
    Path temp = path.resolveSibling("." + path.getFileName() + ".rewrap");
    try {
      Files.deleteIfExists(temp);
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, rewrapped.toJson(), StandardCharsets.UTF_8);
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UsageException("Cannot write " + path + ": " + e.getClass().getSimpleName());
    }
    out.println(
        "rewrapped "
            + path
            + ": KMS key "
            + edek.key()
            + " version "
            + edek.keyVersion()
            + " -> "
            + rewrapped.keyVersion()
            + "; the data key is unchanged");
    return ExitCodes.OK;
  }

  private static HadoopKms open(String uri) throws IOException {
    return HadoopKms.open(uri, new Configuration());
  }
}
