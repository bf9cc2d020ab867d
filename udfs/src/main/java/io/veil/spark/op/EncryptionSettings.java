package io.veil.spark.op;

import io.veil.crypto.Alphabet;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.spark.ColumnEncryption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.types.DataType;

/**
 * How a column is, or is to be, encrypted: what {@code encrypt} is told, what decrypt and rekey
 * read from the column's metadata (or are told, for ciphertext Veil did not write), and the record
 * all three write.
 *
 * @param op encrypt, decrypt or rekey
 * @param key the key's name
 * @param keyVersion the version values are under (encrypt, rekey: the primary; null before binding
 *     or when the metadata names none)
 * @param mode randomized, deterministic or format-preserving
 * @param envelope veil or spark (null for format-preserving)
 * @param encoding base64 or binary (null for format-preserving)
 * @param alphabet the FF1 alphabet (null unless format-preserving)
 * @param context the bound context; null for none
 * @param originalType the plaintext's Spark type, as DDL (decrypt, rekey)
 * @param onInvalid fail or null; null for the table's setting
 */
public record EncryptionSettings(
    String op,
    String key,
    Integer keyVersion,
    String mode,
    String envelope,
    String encoding,
    String alphabet,
    String context,
    String originalType,
    String onInvalid)
    implements OperationSettings {

  /** {@code context = none}: values match across every column under the key, on purpose. */
  static final String NO_CONTEXT = "none";

  boolean formatPreserving() {
    return "format-preserving".equals(mode);
  }

  EncryptionSettings withKeyVersion(Integer version) {
    return new EncryptionSettings(
        op, key, version, mode, envelope, encoding, alphabet, context, originalType, onInvalid);
  }

  EncryptionSettings withContext(String c) {
    return new EncryptionSettings(
        op, key, keyVersion, mode, envelope, encoding, alphabet, c, originalType, onInvalid);
  }

  EncryptionSettings as(String otherOp) {
    return new EncryptionSettings(
        otherOp,
        key,
        keyVersion,
        mode,
        envelope,
        encoding,
        alphabet,
        context,
        originalType,
        onInvalid);
  }

  @Override
  public Map<String, Object> record() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", op);
    d.put("mode", mode);
    if (formatPreserving()) {
      d.put("alphabet", alphabet);
    } else {
      d.put("envelope", envelope);
      d.put("encoding", encoding);
    }
    d.put("context", NO_CONTEXT.equals(context) ? null : context);
    d.put("key", key);
    d.put("key_version", keyVersion);
    return d;
  }

  @Override
  public String inWords() {
    String how =
        formatPreserving()
            ? "format-preserving (FF1, alphabet " + alphabet + ")"
            : mode
                + ("spark".equals(envelope) ? ", Spark's layout" : "")
                + ("binary".equals(encoding) ? ", binary" : "");
    return op
        + " "
        + how
        + ", key "
        + key
        + (keyVersion == null ? "" : " v" + keyVersion)
        + (context == null || NO_CONTEXT.equals(context) ? ", no context" : ", context " + context);
  }

  boolean invalidToNull(Binding b) {
    return onInvalid != null ? onInvalid.equals("null") : b.invalidToNull();
  }

  ColumnCipher.Mode cipherMode() {
    return ColumnCipher.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
  }

  ColumnCipher.Envelope cipherEnvelope() {
    return ColumnCipher.Envelope.valueOf(
        (envelope == null ? "veil" : envelope).toUpperCase(Locale.ROOT));
  }

  /** What the key serves: envelope = spark uses its bytes as they are, every mode a subkey. */
  String purpose() {
    return "spark".equals(envelope) && !formatPreserving() ? KeyLookup.SPARK_GCM : mode;
  }

  /** The encrypting side, under the key's primary version. */
  ColumnEncryption sealing(Keyset keyset, DataType type, Binding b) {
    String label = label(b);
    if (formatPreserving()) {
      if (keyset.primary().length() != FormatPreservingEncryption.KEY_SIZE) {
        String has =
            "version "
                + keyset.primaryVersion()
                + " has "
                + keyset.primary().length()
                + " bytes, expected "
                + FormatPreservingEncryption.KEY_SIZE
                + " for format-preserving encryption (veil keygen prints one)";
        throw new KeyMismatchException(
            key,
            "Invalid key "
                + key
                + " for format-preserving encryption of column "
                + b.path()
                + ": "
                + has,
            "key " + key + " " + has);
      }
      FormatPreservingEncryption fpe =
          sized(
              b,
              () ->
                  new FormatPreservingEncryption(
                      keyset.primary(), Alphabet.named(alphabet), context));
      return forCaller(ColumnEncryption.formatPreserving(fpe, label, invalidToNull(b)), b);
    }
    ColumnCipher cipher =
        sized(b, () -> ColumnCipher.create(cipherMode(), cipherEnvelope(), keyset, context));
    return forCaller(
        ColumnEncryption.of(cipher, type, "binary".equals(encoding), label, invalidToNull(b)), b);
  }

  /** SQL functions have no on-invalid to name in their messages. */
  private static ColumnEncryption forCaller(ColumnEncryption e, Binding b) {
    return b.sqlFunction() == null ? e : e.withInvalidHint("");
  }

  /** The decrypting side of decrypt and rekey, under the versions the data names. */
  ColumnEncryption opening(Keyset keyset, Binding b) {
    String label = label(b);
    if (keyVersion != null && keyset.version(keyVersion) == null) {
      throw new IllegalArgumentException(
          "Cannot decrypt "
              + b.label()
              + ": it was encrypted under version "
              + keyVersion
              + " of key "
              + keyset.name()
              + ", which the key does not have (versions "
              + keyset.versions().keySet()
              + ")");
    }
    boolean oneVersion =
        formatPreserving()
            || cipherEnvelope() == ColumnCipher.Envelope.SPARK; // else each value names its own
    b.keys().reading(keyset.name(), oneVersion ? keyVersion : null, label);
    if (formatPreserving()) {
      // FF1 ciphertext names no key version and cannot be authenticated: without the column's
      // metadata to say which version, only a key with one version is unambiguous.
      if (keyVersion == null && keyset.versions().size() != 1) {
        throw new IllegalArgumentException(
            "Cannot decrypt "
                + b.label()
                + ": format-preserving ciphertext names no key version, the column has no Veil metadata to say which,"
                + " and key "
                + keyset.name()
                + " has versions "
                + keyset.versions().keySet()
                + "; give decrypt a key with only the version it was encrypted under");
      }
      KeyMaterial k = keyVersion == null ? keyset.primary() : keyset.version(keyVersion);
      return forCaller(
          ColumnEncryption.formatPreserving(
              sized(b, () -> new FormatPreservingEncryption(k, Alphabet.named(alphabet), context)),
              label,
              invalidToNull(b)),
          b);
    }
    Keyset reading =
        cipherEnvelope() == ColumnCipher.Envelope.SPARK && keyVersion != null
            ? keyset.withPrimary(keyVersion)
            : keyset;
    ColumnCipher cipher =
        sized(b, () -> ColumnCipher.create(cipherMode(), cipherEnvelope(), reading, context));
    try {
      return forCaller(
          ColumnEncryption.of(
              cipher,
              DataType.fromDDL(originalType),
              "binary".equals(encoding),
              label,
              invalidToNull(b)),
          b);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot decrypt " + b.label() + ": invalid original type " + originalType);
    }
  }

  /** Runs a cipher's constructor, turning a wrong key size into a problem with the key. */
  <T> T sized(Binding b, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String type = "deterministic".equals(mode) ? "aes-siv-512" : "aes-256";
      String reason = e.getMessage() + " (veil keygen --type " + type + " prints one)";
      throw new KeyMismatchException(
          key,
          "Invalid key "
              + key
              + " for "
              + mode
              + " encryption of column "
              + b.path()
              + ": "
              + reason,
          "key " + key + " " + reason);
    }
  }

  String label(Binding b) {
    return b.label() + " (key " + key + ")";
  }
}
