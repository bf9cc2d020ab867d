package io.veil.job.plan;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.OperationSpec;
import io.veil.job.config.RuleConfig;
import io.veil.job.config.TableConfig;
import io.veil.keys.Keyset;
import io.veil.ops.FakeValues;
import io.veil.ops.MaskPreset;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.RegexReplacement;
import io.veil.spark.ColumnAction;
import io.veil.spark.ConstantOperation;
import io.veil.spark.FakeOperation;
import io.veil.spark.OnInvalid;
import io.veil.spark.PseudonymOperation;
import io.veil.spark.StringOperation;
import io.veil.spark.TruncateOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/** Builds the Spark-side operation for each validated column rule, with its keys bound. */
public final class OperationFactory {
  /** Pseudonym keys below this many bytes are refused: HMAC-SHA256 wants a 256-bit key. */
  static final int MIN_MAC_KEY_BYTES = 32;

  private final KeyRing keys;
  private final EncryptionFactory encryption;

  public OperationFactory(KeyRing keys) {
    this.keys = keys;
    this.encryption = new EncryptionFactory(keys);
  }

  /**
   * @param schema the input's schema: decrypt and rekey read how a column was encrypted from its
   *     metadata
   * @throws InvalidConfigException when a key does not fit its use (exit 2)
   * @throws IllegalArgumentException when the column's metadata does not allow the op (exit 3)
   */
  public ColumnAction create(RuleConfig rule, TableConfig table, StructType schema) {
    OperationSpec spec = rule.operation();
    switch (spec.op()) {
      case "keep":
        return ColumnAction.KEEP;
      case "drop":
        return ColumnAction.DROP;
      case "mask":
        return ColumnAction.transform(mask(spec));
      case "truncate":
        return ColumnAction.transform(truncate(spec, rule, table));
      case "replace":
        return ColumnAction.transform(replace(spec, rule, table));
      case "encrypt":
        return ColumnAction.transform(encryption.encrypt(rule, table));
      case "decrypt":
        return ColumnAction.transform(encryption.decrypt(rule, table, schema));
      case "rekey":
        return ColumnAction.transform(encryption.rekey(rule, table, schema));
      default:
        throw new IllegalArgumentException("Unknown op " + spec.op());
    }
  }

  private static StringOperation mask(OperationSpec spec) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "mask");
    int maskChar = spec.integer("char");
    boolean classes = "classes".equals(spec.string("mode"));
    if (!classes) {
      d.put("char", new String(Character.toChars(maskChar)));
    }
    String preset = spec.string("preset");
    if (preset != null) {
      MaskPreset p = MaskPreset.fromConfigName(preset);
      d.put("preset", preset);
      // Presets hide letters and digits: a value holding one that is not the mask char changes.
      String hides = "[\\p{L}\\p{N}&&[^" + regexChar(maskChar) + "]]";
      return StringOperation.preset("veil_mask_" + p.name().toLowerCase(Locale.ROOT), p, maskChar, d,
          input -> input.rlike(hides));
    }
    int first = spec.integer("keep-first");
    int last = spec.integer("keep-last");
    d.put("keep-first", first);
    d.put("keep-last", last);
    Masker masker;
    java.util.function.UnaryOperator<org.apache.spark.sql.Column> mustChange = null;
    if (classes) {
      for (String c : List.of("upper", "lower", "digit", "other", "letter")) {
        Integer cp = spec.integer(c);
        d.put(c, cp == null ? null : new String(Character.toChars(cp)));
      }
      Integer letter = spec.integer("letter");
      masker = Masker.byClass(first, last, orKeep(spec.integer("upper")), orKeep(spec.integer("lower")),
          orKeep(spec.integer("digit")), orKeep(spec.integer("other")), letter == null ? Masker.AS_OTHER : letter);
    } else {
      masker = Masker.positional(first, last, maskChar);
      mustChange = StringOperation.containsOtherThan(regexChar(maskChar));
    }
    return StringOperation.mask("veil_mask", masker, d, mustChange);
  }

  /** A code point as a Java-regex escape, safe inside a character class. */
  private static String regexChar(int codePoint) {
    return "\\x{" + Integer.toHexString(codePoint) + "}";
  }

  private static int orKeep(Integer cp) {
    return cp == null ? Masker.KEEP : cp;
  }

  private static TruncateOperation truncate(OperationSpec spec, RuleConfig rule, TableConfig table) {
    if (spec.has("unit")) {
      return TruncateOperation.toUnit(TruncateOperation.Unit.valueOf(spec.string("unit").toUpperCase(Locale.ROOT)));
    }
    if (spec.has("width")) {
      return TruncateOperation.toWidth(spec.number("width"));
    }
    OnInvalid onInvalid = new OnInvalid(OnInvalid.Remedy.fromConfigName(spec.string("on-invalid")),
        "column " + rule.path() + " of table " + table.name(),
        " (set on-invalid = mask or null to write such values masked whole, or null, instead)");
    return TruncateOperation.keep(spec.integer("keep-first"), spec.integer("keep-last"), onInvalid);
  }

  private io.veil.spark.ColumnOperation replace(OperationSpec spec, RuleConfig rule, TableConfig table) {
    switch (spec.string("with")) {
      case "constant":
        return ConstantOperation.constant(spec.string("value"));
      case "null":
        return ConstantOperation.nulls();
      case "pseudonym":
        Keyset key = keys.keyset(spec.key());
        keys.claim(spec.key(), "pseudonym", "column " + rule.path() + " (" + rule.where() + ")");
        if (key.primary().length() < MIN_MAC_KEY_BYTES) {
          throw new InvalidConfigException(List.of(new ConfigProblem(keys.where(spec.key()),
              "Invalid key " + spec.key() + " for pseudonyms on " + rule.path() + ": it has "
                  + key.primary().length() + " bytes, expected at least " + MIN_MAC_KEY_BYTES
                  + " (veil keygen prints one)")));
        }
        String prefix = spec.string("prefix");
        int length = spec.integer("length");
        Pseudonymizer pseudonymizer = new Pseudonymizer(key.primary(), prefix, length, spec.string("context"));
        return PseudonymOperation.onBytes(pseudonymizer, key.name(), key.primaryVersion(), prefix, length);
      case "fake":
        Keyset fakeKey = keys.keyset(spec.key());
        keys.claim(spec.key(), "fake", "column " + rule.path() + " (" + rule.where() + ")");
        if (fakeKey.primary().length() < MIN_MAC_KEY_BYTES) {
          throw new InvalidConfigException(List.of(new ConfigProblem(keys.where(spec.key()),
              "Invalid key " + spec.key() + " for fake values on " + rule.path() + ": it has "
                  + fakeKey.primary().length() + " bytes, expected at least " + MIN_MAC_KEY_BYTES
                  + " (veil keygen prints one)")));
        }
        FakeValues.Kind kind = FakeValues.Kind.fromConfigName(spec.string("dictionary"));
        return new FakeOperation(new FakeValues(fakeKey.primary(), kind), fakeKey.name(), fakeKey.primaryVersion());
      case "regex":
        RegexReplacement r = new RegexReplacement(spec.string("pattern"), spec.string("replacement"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("op", "replace");
        d.put("with", "regex");
        d.put("pattern", spec.string("pattern"));
        d.put("replacement", spec.string("replacement"));
        String own = spec.string("on-invalid");
        boolean toNull = own != null ? own.equals("null") : table.invalidToNull();
        OnInvalid onInvalid = new OnInvalid(toNull ? OnInvalid.Remedy.NULL : OnInvalid.Remedy.FAIL,
            "column " + rule.path() + " of table " + table.name(), " (set on-invalid = null to write null instead)");
        return StringOperation.regex(r, onInvalid, d);
      default:
        throw new IllegalArgumentException("Unknown replacement " + spec.string("with"));
    }
  }
}
