package io.veil.spark.op;

import io.veil.keys.Keyset;
import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.ops.EmbeddedFakes;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.TextRedactor;
import io.veil.scan.PiiType;
import io.veil.spark.ColumnAction;
import io.veil.spark.RedactOperation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code op = redact}: personal data inside free text replaced span by span. */
public final class RedactDefinition implements OperationDefinition {
  private static final List<String> STYLES = List.of("type", "mask", "pseudonym", "fake");

  /**
   * @param key the pseudonyms' key (with = pseudonym), else null
   * @param keyVersion its version (null before binding)
   * @param types the types redacted, by their scan labels, in {@link PiiType} order
   */
  public record Redact(String with, String key, Integer keyVersion, List<String> types)
      implements OperationSettings {
    public Redact {
      types = List.copyOf(types);
    }

    @Override
    public String op() {
      return "redact";
    }

    @Override
    public Map<String, Object> record() {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("op", "redact");
      r.put("with", with);
      if (key != null) {
        r.put("key", key);
        r.put("key_version", keyVersion);
      }
      r.put("types", String.join(",", types));
      return r;
    }

    @Override
    public String inWords() {
      return "redact "
          + String.join(", ", types)
          + " inside the text, as "
          + (with.equals("type")
              ? "[TYPE]"
              : with.equals("mask")
                  ? "the type's mask"
                  : (with.equals("fake") ? "keyed fakes of the same type" : "[TYPE:pseudonym]")
                      + ", key "
                      + key
                      + (keyVersion == null ? "" : " v" + keyVersion));
    }

    Set<PiiType> piiTypes() {
      Set<PiiType> s = EnumSet.noneOf(PiiType.class);
      for (String t : types) {
        s.add(PiiType.valueOf(t.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
      }
      return s;
    }
  }

  private static List<String> typeLabels() {
    return TextRedactor.TYPES.stream().map(PiiType::label).toList();
  }

  @Override
  public String name() {
    return "redact";
  }

  @Override
  public String summary() {
    return "the text with each e-mail, phone, ID, SSN, NI number, card number, IBAN, IP or MAC"
        + " address, coordinate pair and postal address found in it replaced; every other"
        + " character kept";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(
        new Parameter(
            "with",
            "",
            "`type` (default: `[EMAIL]`), `mask` (the type's mask), `pseudonym`"
                + " (`[EMAIL:3f9c...]`) or `fake` (a keyed fake of the same type)"),
        new Parameter(
            "key", "", "with = pseudonym or fake: the key, as for `replace, with = pseudonym`"),
        new Parameter(
            "types", "", "the types redacted (default all): " + String.join(", ", typeLabels())));
  }

  @Override
  public OperationSettings read(ParameterSource p) {
    String with = p.choice("with", STYLES, true);
    if (with == null) {
      return null;
    }
    String key = null;
    if (with.equals("pseudonym") || with.equals("fake")) {
      key = p.key("key");
      if (key == null) {
        return null;
      }
    } else if (p.isSet("key")) {
      p.problem(
          "key",
          "Invalid 'key' in " + p.context() + ": only with = pseudonym or fake takes a key.");
      return null;
    }
    List<String> types = typeLabels();
    if (p.isSet("types")) {
      List<String> given = p.texts("types");
      if (given == null) {
        return null;
      }
      List<String> accepted = typeLabels();
      List<String> chosen = new ArrayList<>();
      for (String t : accepted) {
        if (given.contains(t)) {
          chosen.add(t);
        }
      }
      List<String> unknown = given.stream().filter(t -> !accepted.contains(t)).toList();
      if (!unknown.isEmpty() || chosen.isEmpty()) {
        p.problem(
            "types",
            "Invalid 'types' in "
                + p.context()
                + ": "
                + (unknown.isEmpty() ? "it is empty" : "unknown " + String.join(", ", unknown))
                + "; accepted are "
                + String.join(", ", accepted)
                + ".");
        return null;
      }
      types = chosen;
    }
    return new Redact(with, key, null, types);
  }

  @Override
  public KeyNeed keyNeed(OperationSettings settings) {
    Redact s = (Redact) settings;
    boolean fake = s.with().equals("fake");
    return s.key() == null
        ? null
        : new KeyNeed(
            s.key(),
            fake ? "fake" : "pseudonym",
            Pseudonymizer.MIN_KEY_SIZE,
            Integer.MAX_VALUE,
            fake ? "fake values" : "pseudonyms");
  }

  @Override
  public ColumnAction bind(OperationSettings settings, Binding b) {
    Redact s = (Redact) settings;
    Set<PiiType> types = s.piiTypes();
    TextRedactor redactor;
    Redact bound = s;
    if (s.key() == null) {
      redactor = new TextRedactor(TextRedactor.Style.fromConfigName(s.with()), types);
    } else if (s.with().equals("pseudonym")) {
      // The same key use as replace with = pseudonym: the same pseudonyms, so notes link.
      Keyset key = ReplaceDefinition.macKey(b, s.key(), "pseudonym", "pseudonyms");
      redactor = new TextRedactor(types, new Pseudonymizer(key.primary(), "", 20, null));
      bound = new Redact(s.with(), s.key(), key.primaryVersion(), s.types());
    } else {
      Keyset key = ReplaceDefinition.macKey(b, s.key(), "fake", "fake values");
      redactor = new TextRedactor(types, new EmbeddedFakes(key.primary()));
      bound = new Redact(s.with(), s.key(), key.primaryVersion(), s.types());
    }
    return ColumnAction.transform(bound, new RedactOperation(redactor, types));
  }

  @Override
  public OperationSettings fromRecord(Map<String, Object> r) {
    String with = Records.text(r, "with");
    String types = Records.text(r, "types");
    if (with == null || types == null) {
      return null;
    }
    return new Redact(
        with,
        Records.text(r, "key"),
        Records.whole(r, "key_version"),
        java.util.Arrays.stream(types.split(",")).collect(Collectors.toList()));
  }
}
