package io.veil.job.plan;

import io.veil.crypto.Alphabet;
import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.OperationSpec;
import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.ColumnOperation;
import io.veil.spark.DecryptOperation;
import io.veil.spark.EncryptOperation;
import io.veil.spark.RekeyOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Builds encrypt, decrypt and rekey operations. Encrypt takes its settings from the config;
 * decrypt and rekey from the column's metadata, which the config may override for ciphertext
 * Veil did not write (Spark's aes_encrypt output, say).
 */
final class EncryptionFactory {
  private final KeyRing keys;

  EncryptionFactory(KeyRing keys) {
    this.keys = keys;
  }

  /** How one column is (or is to be) encrypted. */
  private static final class Settings {
    String mode;
    String envelope;
    String encoding;
    String alphabet;
    String context;
    String originalType;
    Integer keyVersion;

    boolean fpe() {
      return "format-preserving".equals(mode);
    }

    Map<String, Object> describe(String op, String key, int version) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("op", op);
      d.put("mode", mode);
      if (fpe()) {
        d.put("alphabet", alphabet);
      } else {
        d.put("envelope", envelope);
        d.put("encoding", encoding);
      }
      d.put("context", context);
      d.put("key", key);
      d.put("key_version", version);
      return d;
    }
  }

  ColumnOperation encrypt(RuleConfig rule, TableConfig table) {
    OperationSpec spec = rule.operation();
    Keyset keyset = keys.keyset(spec.key());
    Settings s = new Settings();
    s.mode = spec.string("mode");
    s.envelope = spec.string("envelope");
    s.encoding = spec.string("encoding");
    s.alphabet = spec.string("alphabet");
    s.context = spec.string("context");
    if (s.context == null && "randomized".equals(s.mode)) {
      // Bound by default: a value copied into another column or table does not decrypt there.
      s.context = defaultContext(rule, table);
    }
    s.context = NO_CONTEXT.equals(s.context) ? null : s.context;
    claim(rule, s);
    String label = label(rule, table);
    boolean toNull = invalidToNull(spec, table);
    EncryptOperation.ColumnEncryptionFactory each;
    if (s.fpe()) {
      FormatPreservingEncryption fpe = sized(rule, s, () ->
          new FormatPreservingEncryption(keyset.primary(), alphabet(s.alphabet), s.context));
      each = type -> ColumnEncryption.formatPreserving(fpe, label, toNull);
    } else {
      ColumnCipher cipher = sized(rule, s, () -> ColumnCipher.create(mode(s), envelope(s), keyset, s.context));
      boolean binary = "binary".equals(s.encoding);
      each = type -> ColumnEncryption.of(cipher, type, binary, label, toNull);
    }
    return EncryptOperation.onBytes(each, s.describe("encrypt", keyset.name(), keyset.primaryVersion()));
  }

  /** {@code context = none}: values match across every column under the key, on purpose. */
  static final String NO_CONTEXT = "none";

  /** The context randomized encryption binds unless the rule sets one: table and column path. */
  static String defaultContext(RuleConfig rule, TableConfig table) {
    return table.name() + "." + rule.path();
  }

  ColumnOperation decrypt(RuleConfig rule, TableConfig table, StructType schema) {
    OperationSpec spec = rule.operation();
    Keyset keyset = keys.keyset(spec.key());
    Settings s = recorded(rule, schema, true);
    claim(rule, s);
    ColumnEncryption e = reading(rule, table, s, keyset);
    DataType original = DataType.fromDDL(s.originalType);
    int version = s.keyVersion != null ? s.keyVersion : keyset.primaryVersion();
    return new DecryptOperation(e, original, s.describe("decrypt", keyset.name(), version));
  }

  ColumnOperation rekey(RuleConfig rule, TableConfig table, StructType schema) {
    OperationSpec spec = rule.operation();
    Keyset keyset = keys.keyset(spec.key());
    Settings s = recorded(rule, schema, false);
    claim(rule, s);
    ColumnEncryption from = reading(rule, table, s, keyset);
    DataType original = DataType.fromDDL(s.originalType);
    String label = label(rule, table);
    boolean toNull = invalidToNull(spec, table);
    ColumnEncryption to;
    List<Integer> old = new ArrayList<>();
    if (s.fpe()) {
      to = ColumnEncryption.formatPreserving(sized(rule, s, () ->
          new FormatPreservingEncryption(keyset.primary(), alphabet(s.alphabet), s.context)), label, toNull);
      old.add(s.keyVersion);
    } else {
      ColumnCipher cipher = sized(rule, s, () -> ColumnCipher.create(mode(s), envelope(s), keyset, s.context));
      to = ColumnEncryption.of(cipher, original, "binary".equals(s.encoding), label, toNull);
      if (envelope(s) == ColumnCipher.Envelope.SPARK) {
        old.add(s.keyVersion);
      } else {
        old.addAll(keyset.versions().keySet());
      }
    }
    // The record read from the input, overlaid with what this rotation changes: fields Veil does
    // not set here (and any a later version adds) are carried through, never re-derived.
    Map<String, Object> d = new LinkedHashMap<>(TransformMetadata.encryptionRecordOf(schema, rule.path()));
    for (String written : List.of("path", "original_type", "result_type")) {
      d.remove(written); // the metadata writer sets these for every transform
    }
    d.putAll(s.describe("rekey", keyset.name(), keyset.primaryVersion()));
    return new RekeyOperation(from, to, old, original, d);
  }

  /** The decrypting side of decrypt and rekey, under the versions the data names. */
  private ColumnEncryption reading(RuleConfig rule, TableConfig table, Settings s, Keyset keyset) {
    String label = label(rule, table);
    boolean toNull = invalidToNull(rule.operation(), table);
    if (s.keyVersion != null && keyset.version(s.keyVersion) == null) {
      throw new IllegalArgumentException("Cannot decrypt column " + rule.path() + " of table " + table.name()
          + ": it was encrypted under version " + s.keyVersion + " of key " + keyset.name()
          + ", which the key does not have (versions " + keyset.versions().keySet() + ")");
    }
    boolean oneVersion = s.fpe() || envelope(s) == ColumnCipher.Envelope.SPARK; // else each value names its own
    keys.reading(keyset.name(), oneVersion ? s.keyVersion : null, label);
    if (s.fpe()) {
      // FF1 ciphertext names no key version and cannot be authenticated: without the column's
      // metadata to say which version, only a key with one version is unambiguous.
      if (s.keyVersion == null && keyset.versions().size() != 1) {
        throw new IllegalArgumentException("Cannot decrypt column " + rule.path() + " of table " + table.name()
            + ": format-preserving ciphertext names no key version, the column has no Veil metadata to say which,"
            + " and key " + keyset.name() + " has versions " + keyset.versions().keySet()
            + "; give decrypt a key with only the version it was encrypted under");
      }
      KeyMaterial key = s.keyVersion == null ? keyset.primary() : keyset.version(s.keyVersion);
      return ColumnEncryption.formatPreserving(sized(rule, s, () ->
          new FormatPreservingEncryption(key, alphabet(s.alphabet), s.context)), label, toNull);
    }
    Keyset reading = envelope(s) == ColumnCipher.Envelope.SPARK && s.keyVersion != null
        ? keyset.withPrimary(s.keyVersion) : keyset;
    ColumnCipher cipher = sized(rule, s, () -> ColumnCipher.create(mode(s), envelope(s), reading, s.context));
    try {
      return ColumnEncryption.of(cipher, DataType.fromDDL(s.originalType), "binary".equals(s.encoding), label, toNull);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot decrypt column " + rule.path() + " of table " + table.name()
          + ": invalid original type " + s.originalType);
    }
  }

  /** Settings from the column's metadata, overridden by the rule's own (decrypt only). */
  private static Settings recorded(RuleConfig rule, StructType schema, boolean overridable) {
    OperationSpec spec = rule.operation();
    Map<String, String> meta = TransformMetadata.encryptionOf(schema, rule.path());
    Settings s = new Settings();
    if (meta == null) {
      Map<String, String> elsewhere = TransformMetadata.encryptionOfRenamed(schema, rule.path());
      if (elsewhere != null) {
        // The column carries the record of another path: renamed since, or values (and metadata)
        // copied from another column. Its recorded context is not taken on trust then.
        if (!overridable || spec.string("context") == null) {
          throw new IllegalArgumentException("Cannot " + spec.op() + " column " + rule.path()
              + ": its Veil metadata records the encryption of column " + elsewhere.get("path")
              + ", not of this one; if the column was renamed, give decrypt the context it was encrypted under"
              + (elsewhere.get("context") == null ? " (context = none)" : " (context = \"" + elsewhere.get("context") + "\")"));
        }
        meta = elsewhere;
      } else {
        meta = Map.of();
        if (!overridable || spec.string("mode") == null) {
          throw new IllegalArgumentException("Cannot " + spec.op() + " column " + rule.path()
              + ": it has no Veil encryption metadata"
              + (overridable ? "; for ciphertext Veil did not write, give mode (and envelope, encoding, context,"
                  + " original-type)" : ""));
        }
      }
    }
    s.mode = pick(spec, overridable, "mode", meta.get("mode"));
    s.envelope = pick(spec, overridable, "envelope", meta.getOrDefault("envelope", "veil"));
    s.encoding = pick(spec, overridable, "encoding", meta.getOrDefault("encoding", "base64"));
    s.alphabet = pick(spec, overridable, "alphabet", meta.getOrDefault("alphabet", "digits"));
    s.context = pick(spec, overridable, "context", meta.get("context"));
    s.context = NO_CONTEXT.equals(s.context) && overridable && spec.string("context") != null ? null : s.context;
    s.originalType = pick(spec, overridable, "original-type", meta.getOrDefault("original_type", "string"));
    s.keyVersion = meta.containsKey("key_version") ? Integer.valueOf(meta.get("key_version")) : null;
    return s;
  }

  private static String pick(OperationSpec spec, boolean overridable, String name, String recorded) {
    String own = overridable && spec.has(name) ? spec.string(name) : null;
    return own != null ? own : recorded;
  }

  /** Refuses a key whose raw bytes serve envelope = spark and anything else as well. */
  private void claim(RuleConfig rule, Settings s) {
    String purpose = "spark".equals(s.envelope) && !s.fpe() ? KeyRing.SPARK_GCM : s.mode;
    keys.claim(rule.operation().key(), purpose, "column " + rule.path() + " (" + rule.where() + ")");
  }

  /** Runs a cipher's constructor, turning a wrong key size into a config error naming the key. */
  private <T> T sized(RuleConfig rule, Settings s, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String key = rule.operation().key();
      String type = "deterministic".equals(s.mode) ? "aes-siv-512" : "aes-256";
      throw new InvalidConfigException(List.of(new ConfigProblem(keys.where(key),
          "Invalid key " + key + " for " + s.mode + " encryption of column " + rule.path() + ": "
              + e.getMessage() + " (veil keygen --type " + type + " prints one)")));
    }
  }

  private static ColumnCipher.Mode mode(Settings s) {
    return ColumnCipher.Mode.valueOf(s.mode.toUpperCase(Locale.ROOT));
  }

  private static ColumnCipher.Envelope envelope(Settings s) {
    return ColumnCipher.Envelope.valueOf((s.envelope == null ? "veil" : s.envelope).toUpperCase(Locale.ROOT));
  }

  static Alphabet alphabet(String name) {
    return Alphabet.named(name == null ? "digits" : name);
  }

  private static boolean invalidToNull(OperationSpec spec, TableConfig table) {
    String own = spec.string("on-invalid");
    return own != null ? own.equals("null") : table.invalidToNull();
  }

  private static String label(RuleConfig rule, TableConfig table) {
    return "column " + rule.path() + " of table " + table.name() + " (key " + rule.operation().key() + ")";
  }
}
