package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.FakeValues;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.RegexReplacement;
import io.veil.spark.ColumnAction;
import io.veil.spark.ConstantOperation;
import io.veil.spark.FakeOperation;
import io.veil.spark.OnInvalid;
import io.veil.spark.PseudonymOperation;
import io.veil.spark.StringOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code op = replace}: with a constant, null, a keyed pseudonym, a keyed fake value, or a regex.
 */
public final class ReplaceDefinition implements OperationDefinition {
  private static final Map<String, Set<String>> PARAMETERS =
      Map.of(
          "constant", Set.of("value"),
          "null", Set.of(),
          "pseudonym", Set.of("key", "prefix", "length", "context"),
          "fake", Set.of("key", "dictionary"),
          "regex", Set.of("pattern", "replacement", "on-invalid"));
  private static final List<String> WITH =
      List.of("constant", "null", "pseudonym", "fake", "regex");

  /** The same constant for every non-null value, of the column's type. */
  public record Constant(String value) implements OperationSettings {
    @Override
    public String op() {
      return "replace";
    }

    @Override
    public Map<String, Object> record() {
      // The value is not recorded: it is configuration, and a table need not repeat it.
      return recordOf(value == null ? "null" : "constant");
    }

    @Override
    public String inWords() {
      return value == null ? "replace with null" : "replace with a constant";
    }
  }

  /** A keyed pseudonym: prefix and hex of HMAC-SHA256, optionally under a context's own subkey. */
  public record Pseudonym(String key, Integer keyVersion, String prefix, int length, String context)
      implements OperationSettings {
    @Override
    public String op() {
      return "replace";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = recordOf("pseudonym");
      r.put("key", key);
      r.put("key_version", keyVersion);
      r.put("prefix", prefix);
      r.put("length", length);
      if (context != null) {
        r.put(
            "context", context); // only when set: metadata of context-free pseudonyms is unchanged
      }
      return r;
    }

    @Override
    public String inWords() {
      return "pseudonym, key "
          + key
          + (keyVersion == null ? "" : " v" + keyVersion)
          + (prefix.isEmpty() ? "" : ", prefix " + prefix)
          + ", "
          + length
          + " hex digits"
          + (context == null ? "" : ", context " + context);
    }
  }

  /** A keyed fake value from a dictionary. */
  public record Fake(String key, Integer keyVersion, FakeValues.Kind dictionary)
      implements OperationSettings {
    @Override
    public String op() {
      return "replace";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = recordOf("fake");
      r.put("dictionary", dictionary.configName());
      r.put("key", key);
      r.put("key_version", keyVersion);
      return r;
    }

    @Override
    public String inWords() {
      return "fake "
          + dictionary.configName()
          + ", key "
          + key
          + (keyVersion == null ? "" : " v" + keyVersion);
    }
  }

  /** Java regex replaceAll; on-invalid null means the table's setting. */
  public record Regex(String pattern, String replacement, String onInvalid)
      implements OperationSettings {
    @Override
    public String op() {
      return "replace";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = recordOf("regex");
      r.put("pattern", pattern);
      r.put("replacement", replacement);
      return r;
    }

    @Override
    public String inWords() {
      return "replace matches of " + pattern + " with " + replacement;
    }
  }

  private static Map<String, Object> recordOf(String with) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("op", "replace");
    r.put("with", with);
    return r;
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String summary() {
    return "a constant, null, a keyed pseudonym, a keyed fake value, or a regular-expression replacement";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter("with", "", "`constant`, `null`, `pseudonym`, `fake` or `regex`"),
        new Parameter("value", "constant", "the constant, of the column's type"),
        new Parameter(
            "key", "pseudonym, fake", "a key of at least " + Pseudonymizer.MIN_KEY_SIZE + " bytes"),
        new Parameter("prefix", "pseudonym", "text before the hex digits (`\"\"`)"),
        new Parameter(
            "length",
            "pseudonym",
            "hex digits kept, "
                + Pseudonymizer.MIN_LENGTH
                + " to "
                + Pseudonymizer.MAX_LENGTH
                + " (20)"),
        new Parameter("context", "pseudonym", "pseudonyms equal only under the same context"),
        new Parameter("dictionary", "fake", FakeValues.Kind.acceptedNames()),
        new Parameter("pattern", "regex", "a Java regular expression"),
        new Parameter("replacement", "regex", "the replacement; `$1` refers to groups"),
        new Parameter(
            "on-invalid", "regex", "`fail` or `null`: a value the pattern backtracks too much on"));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    // HOCON reads an unquoted `with = null` as a null value, not the word: both mean nulls.
    String with = p.has("with") && p.isNull("with") ? "null" : p.choice("with", WITH, true);
    if (with == null) {
      return null;
    }
    boolean ok = true;
    Set<String> all = new TreeSet<>();
    PARAMETERS.values().forEach(all::addAll);
    for (String name : all) {
      if (p.isSet(name) && !PARAMETERS.get(with).contains(name)) {
        p.problem(
            name,
            "Invalid '"
                + name
                + "' in "
                + p.context()
                + ": replace with "
                + with
                + " takes "
                + (PARAMETERS.get(with).isEmpty()
                    ? "no parameters"
                    : String.join(", ", new TreeSet<>(PARAMETERS.get(with))))
                + ".");
        ok = false;
      }
    }
    switch (with) {
      case "constant":
        String value = p.text("value", true);
        return ok && value != null ? new Constant(value) : null;
      case "null":
        return ok ? new Constant(null) : null;
      case "pseudonym":
        String key = p.key("key");
        String prefix = p.text("prefix", false);
        Integer length =
            p.wholeNumber("length", Pseudonymizer.MIN_LENGTH, Pseudonymizer.MAX_LENGTH);
        String context = p.text("context", false);
        try {
          Pseudonymizer.checkContext(context);
        } catch (IllegalArgumentException e) {
          p.problem("context", e.getMessage() + " (" + p.context() + ")");
          return null;
        }
        return ok && key != null && length != null
            ? new Pseudonym(key, null, prefix == null ? "" : prefix, length, context)
            : null;
      case "fake":
        String fakeKey = p.key("key");
        String dictionary =
            p.choice("dictionary", List.of(FakeValues.Kind.acceptedNames().split(", ")), true);
        return ok && fakeKey != null && dictionary != null
            ? new Fake(fakeKey, null, FakeValues.Kind.fromConfigName(dictionary))
            : null;
      default:
        String pattern = p.text("pattern", true);
        String replacement = p.text("replacement", true);
        if (pattern != null && replacement != null) {
          try {
            new RegexReplacement(pattern, replacement);
          } catch (IllegalArgumentException e) {
            p.problem("pattern", e.getMessage() + " (in " + p.context() + ").");
            return null;
          }
        }
        // A value the pattern backtracks too much on: fail or null, the table's on-invalid when
        // unset.
        String onInvalid =
            p.has("on-invalid") && p.isNull("on-invalid")
                ? "null"
                : p.choice("on-invalid", List.of("fail", "null"), false);
        return ok && pattern != null && replacement != null
            ? new Regex(pattern, replacement, onInvalid)
            : null;
    }
  }

  @Override
  public KeyNeed keyNeed(OperationSettings settings) {
    int min = Pseudonymizer.MIN_KEY_SIZE;
    if (settings instanceof Pseudonym s) {
      return new KeyNeed(s.key(), "pseudonym", min, Integer.MAX_VALUE, "pseudonyms");
    }
    if (settings instanceof Fake s) {
      return new KeyNeed(s.key(), "fake", min, Integer.MAX_VALUE, "fake values");
    }
    return null;
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    if (settings instanceof Constant s) {
      return ColumnAction.transform(
          s, s.value() == null ? ConstantOperation.nulls() : ConstantOperation.constant(s.value()));
    }
    if (settings instanceof Pseudonym s) {
      Keyset key = macKey(b, s.key(), "pseudonym", "pseudonyms");
      Pseudonym bound =
          new Pseudonym(s.key(), key.primaryVersion(), s.prefix(), s.length(), s.context());
      Pseudonymizer pseudonymizer =
          new Pseudonymizer(key.primary(), s.prefix(), s.length(), s.context());
      return ColumnAction.transform(bound, PseudonymOperation.onBytes(pseudonymizer));
    }
    if (settings instanceof Fake s) {
      Keyset key = macKey(b, s.key(), "fake", "fake values");
      Fake bound = new Fake(s.key(), key.primaryVersion(), s.dictionary());
      return ColumnAction.transform(
          bound, new FakeOperation(new FakeValues(key.primary(), s.dictionary())));
    }
    Regex s = (Regex) settings;
    boolean toNull = s.onInvalid() != null ? s.onInvalid().equals("null") : b.invalidToNull();
    OnInvalid onInvalid =
        new OnInvalid(
            toNull ? OnInvalid.Remedy.NULL : OnInvalid.Remedy.FAIL,
            b.label(),
            " (set on-invalid = null to write null instead)");
    return ColumnAction.transform(
        s, StringOperation.regex(new RegexReplacement(s.pattern(), s.replacement()), onInvalid));
  }

  /** The key of a keyed HMAC use, claimed for {@code purpose} and checked for its size. */
  static Keyset macKey(Binding b, String name, String purpose, String what) {
    Keyset key = b.keys().keyset(name);
    b.keys().claim(name, purpose, b.place());
    if (key.primary().length() < Pseudonymizer.MIN_KEY_SIZE) {
      throw new KeyMismatchException(
          name,
          "Invalid key "
              + name
              + " for "
              + what
              + " on "
              + b.path()
              + ": it has "
              + key.primary().length()
              + " bytes, expected at least "
              + Pseudonymizer.MIN_KEY_SIZE
              + " (veil keygen prints one)",
          "key "
              + name
              + " version "
              + key.primaryVersion()
              + " has "
              + key.primary().length()
              + " bytes, expected at least "
              + Pseudonymizer.MIN_KEY_SIZE
              + " for "
              + what
              + " (veil keygen prints one)");
    }
    return key;
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    String with = Records.text(r, "with");
    if (with == null) {
      return null;
    }
    switch (with) {
      case "null":
        return new Constant(null);
      case "constant":
        return new Constant(""); // the value is not recorded
      case "pseudonym":
        Integer length = Records.whole(r, "length");
        return length == null
            ? null
            : new Pseudonym(
                Records.text(r, "key"),
                Records.whole(r, "key_version"),
                r.get("prefix") == null ? "" : Records.text(r, "prefix"),
                length,
                Records.text(r, "context"));
      case "fake":
        String d = Records.text(r, "dictionary");
        return d == null
            ? null
            : new Fake(
                Records.text(r, "key"),
                Records.whole(r, "key_version"),
                FakeValues.Kind.fromConfigName(d));
      case "regex":
        return new Regex(Records.text(r, "pattern"), Records.text(r, "replacement"), null);
      default:
        return null;
    }
  }
}
