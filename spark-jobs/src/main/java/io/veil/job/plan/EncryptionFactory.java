package io.veil.job.plan;

import io.veil.crypto.Alphabet;
import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.OperationSpec;
import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
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
    Map<String, Object> d = s.describe("rekey", keyset.name(), keyset.primaryVersion());
    return new RekeyOperation(from, to, old, d);
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
      return ColumnEncryption.formatPreserving(sized(rule, s, () ->
          new FormatPreservingEncryption(keyset.version(s.keyVersion), alphabet(s.alphabet), s.context)), label, toNull);
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
      meta = Map.of();
      if (!overridable || spec.string("mode") == null) {
        throw new IllegalArgumentException("Cannot " + spec.op() + " column " + rule.path()
            + ": it has no Veil encryption metadata"
            + (overridable ? "; for ciphertext Veil did not write, give mode (and envelope, encoding, context,"
                + " original-type)" : ""));
      }
    }
    s.mode = pick(spec, overridable, "mode", meta.get("mode"));
    s.envelope = pick(spec, overridable, "envelope", meta.getOrDefault("envelope", "veil"));
    s.encoding = pick(spec, overridable, "encoding", meta.getOrDefault("encoding", "base64"));
    s.alphabet = pick(spec, overridable, "alphabet", meta.getOrDefault("alphabet", "digits"));
    s.context = pick(spec, overridable, "context", meta.get("context"));
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
    String purpose = "spark".equals(s.envelope) && !s.fpe() ? "spark-aes-gcm" : s.mode;
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
