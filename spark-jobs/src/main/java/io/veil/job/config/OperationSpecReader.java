package io.veil.job.config;

import com.typesafe.config.ConfigObject;
import io.veil.ops.FakeValues;
import io.veil.ops.MaskPreset;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.RegexReplacement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one column's settings against what its op takes: known parameters, their types and
 * ranges, which parameters go together, and that named keys exist. Problems are recorded with
 * their lines; the spec is returned only when the column is valid.
 */
final class OperationSpecReader {
  static final List<String> OPS =
      List.of("mask", "truncate", "replace", "encrypt", "decrypt", "rekey", "drop", "keep");
  static final List<String> MODES = List.of("randomized", "deterministic", "format-preserving");
  static final List<String> ENCODINGS = List.of("base64", "binary");
  static final List<String> ENVELOPES = List.of("veil", "spark");
  static final List<String> ALPHABETS = List.of("digits", "hex", "alphanumeric");

  private static final List<String> MASK_CLASSES = List.of("upper", "lower", "digit", "other", "letter");
  private static final List<String> UNITS = List.of("year", "month", "day", "hour");
  /** String truncation's on-invalid: mask (the default, in reference.conf) writes the value masked whole. */
  private static final List<String> TRUNCATE_ON_INVALID = List.of("mask", "fail", "null");
  private static final List<String> REPLACEMENTS = List.of("constant", "null", "pseudonym", "fake", "regex");

  /**
   * Widths Spark floors to exactly on every numeric type: an integer column takes the width as a
   * long, and a decimal literal holds 38 digits, so 18 either side of the point leave room for
   * the column's own. Beyond them a run failed in Spark (exit 1) rather than in the config.
   */
  private static final java.math.BigDecimal MAX_WIDTH = java.math.BigDecimal.TEN.pow(18);
  private static final int MAX_WIDTH_SCALE = 18;

  private static final Map<String, Set<String>> PARAMS = new HashMap<>();

  static {
    PARAMS.put("keep", Set.of());
    PARAMS.put("drop", Set.of());
    PARAMS.put("mask", Set.of("keep-first", "keep-last", "char", "preset", "upper", "lower", "digit", "other", "letter"));
    PARAMS.put("truncate", Set.of("keep-first", "keep-last", "unit", "width", "on-invalid"));
    PARAMS.put("replace", Set.of("with", "value", "key", "prefix", "length", "context", "dictionary", "pattern",
        "replacement", "on-invalid"));
    PARAMS.put("encrypt", Set.of("key", "mode", "context", "alphabet", "encoding", "envelope", "on-invalid"));
    PARAMS.put("decrypt", Set.of("key", "mode", "context", "alphabet", "encoding", "envelope", "original-type", "on-invalid"));
    PARAMS.put("rekey", Set.of("key", "on-invalid"));
  }

  private static final Map<String, Set<String>> REPLACE_PARAMS =
      Map.of(
          "constant", Set.of("value"),
          "null", Set.of(),
          "pseudonym", Set.of("key", "prefix", "length", "context"),
          "fake", Set.of("key", "dictionary"),
          "regex", Set.of("pattern", "replacement", "on-invalid"));

  private final ConfigObject opDefaults;
  private final Set<String> keyNames;

  OperationSpecReader(ConfigObject opDefaults, Set<String> keyNames) {
    this.opDefaults = opDefaults;
    this.keyNames = keyNames;
  }

  /** Reads a column rule's object; null when it has problems (recorded). */
  OperationSpec read(Section column) {
    String op = column.choice("op", OPS, true);
    if (op == null) {
      return null;
    }
    Set<String> accepted = new HashSet<>(PARAMS.get(op));
    accepted.add("op");
    int before = problemCount(column);
    column.rejectUnknownKeys(accepted, "parameter for op " + op);
    Set<String> explicit = new HashSet<>(column.keys());
    explicit.remove("op");
    Section merged = withDefaults(column, op);
    Map<String, Object> params = new LinkedHashMap<>();
    switch (op) {
      case "mask":
        mask(merged, explicit, params);
        break;
      case "truncate":
        truncate(merged, explicit, params);
        break;
      case "replace":
        replace(merged, explicit, params);
        break;
      case "encrypt":
      case "decrypt":
        encryption(merged, op, explicit, params);
        break;
      case "rekey":
        params.put("key", key(merged));
        params.put("on-invalid", merged.choice("on-invalid", List.of("fail", "null"), false));
        break;
      default:
        break;
    }
    return problemCount(column) == before ? new OperationSpec(op, params, explicit) : null;
  }

  private Section withDefaults(Section column, String op) {
    Object defaults = opDefaults.get(op);
    if (defaults instanceof ConfigObject) {
      ConfigObject merged = column.objectValue().withFallback((ConfigObject) defaults);
      return new Section(merged, column.context(), column.problems(), column.origin());
    }
    return column;
  }

  private void mask(Section s, Set<String> explicit, Map<String, Object> params) {
    boolean preset = explicit.contains("preset");
    boolean classes = MASK_CLASSES.stream().anyMatch(explicit::contains);
    if (preset && (classes || explicit.contains("keep-first") || explicit.contains("keep-last"))) {
      s.problem("preset", "Invalid mask in " + s.context()
          + ": preset cannot be combined with keep-first, keep-last or character classes.");
      return;
    }
    params.put("char", s.character("char"));
    if (preset) {
      String p = s.choice("preset", List.of(MaskPreset.acceptedNames().split(", ")), true);
      params.put("preset", p);
      return;
    }
    params.put("keep-first", orZero(s.integer("keep-first", 0, 1_000_000)));
    params.put("keep-last", orZero(s.integer("keep-last", 0, 1_000_000)));
    params.put("mode", classes ? "classes" : "positional");
    if (classes) {
      for (String c : MASK_CLASSES) {
        params.put(c, s.isNull(c) ? null : s.character(c));
      }
    }
  }

  private void truncate(Section s, Set<String> explicit, Map<String, Object> params) {
    boolean keep = explicit.contains("keep-first") || explicit.contains("keep-last");
    boolean unit = explicit.contains("unit");
    boolean width = explicit.contains("width");
    int kinds = (keep ? 1 : 0) + (unit ? 1 : 0) + (width ? 1 : 0);
    if (kinds != 1) {
      s.problems().add(s.origin(), "Invalid truncate in " + s.context()
          + ": give exactly one of keep-first/keep-last (strings), unit (dates, timestamps) or width (numbers).");
      return;
    }
    if (keep) {
      int first = orZero(s.integer("keep-first", 0, 1_000_000));
      int last = orZero(s.integer("keep-last", 0, 1_000_000));
      if (first + last == 0) {
        s.problems().add(s.origin(), "Invalid truncate in " + s.context()
            + ": keep-first or keep-last must be above 0.");
      }
      params.put("keep-first", first);
      params.put("keep-last", last);
      params.put("on-invalid", onInvalid(s, TRUNCATE_ON_INVALID));
    } else if (explicit.contains("on-invalid")) {
      s.problem("on-invalid", "Invalid 'on-invalid' in " + s.context()
          + ": only string truncation (keep-first, keep-last) takes on-invalid.");
    } else if (unit) {
      params.put("unit", s.choice("unit", UNITS, true));
    } else {
      java.math.BigDecimal w = s.number("width", MAX_WIDTH, MAX_WIDTH_SCALE,
          "a width is at most 1e18 and has at most 18 decimal places");
      if (w != null && w.signum() <= 0) {
        s.problem("width", "Invalid 'width' in " + s.context() + ": must be above 0.");
      }
      params.put("width", w);
    }
  }

  private void replace(Section s, Set<String> explicit, Map<String, Object> params) {
    // HOCON reads an unquoted `with = null` as a null value, not the word: both mean nulls.
    String with = s.has("with") && s.isNull("with") ? "null" : s.choice("with", REPLACEMENTS, true);
    if (with == null) {
      return;
    }
    params.put("with", with);
    Set<String> allowed = new HashSet<>(REPLACE_PARAMS.get(with));
    allowed.add("with");
    for (String k : explicit) {
      if (!allowed.contains(k)) {
        s.problem(k, "Invalid '" + k + "' in " + s.context() + ": replace with " + with
            + " takes " + (allowed.size() == 1 ? "no parameters" : String.join(", ", new java.util.TreeSet<>(REPLACE_PARAMS.get(with)))) + ".");
      }
    }
    switch (with) {
      case "constant":
        params.put("value", s.string("value", true));
        break;
      case "pseudonym":
        params.put("key", key(s));
        params.put("prefix", s.string("prefix", false));
        params.put("length", s.integer("length", Pseudonymizer.MIN_LENGTH, Pseudonymizer.MAX_LENGTH));
        String context = s.string("context", false);
        if (context != null && context.isEmpty()) {
          s.problem("context", "Invalid 'context' in " + s.context() + ": it is empty (leave it out for none).");
        }
        params.put("context", context);
        break;
      case "fake":
        params.put("key", key(s));
        params.put("dictionary", s.choice("dictionary", List.of(FakeValues.Kind.acceptedNames().split(", ")), true));
        break;
      case "regex":
        String pattern = s.string("pattern", true);
        String replacement = s.string("replacement", true);
        if (pattern != null && replacement != null) {
          try {
            new RegexReplacement(pattern, replacement);
          } catch (IllegalArgumentException e) {
            s.problem("pattern", e.getMessage() + " (in " + s.context() + ").");
          }
        }
        params.put("pattern", pattern);
        params.put("replacement", replacement);
        // A value the pattern backtracks too much on: fail or null, the table's on-invalid when unset.
        params.put("on-invalid", s.has("on-invalid") && s.isNull("on-invalid")
            ? "null" : s.choice("on-invalid", List.of("fail", "null"), false));
        break;
      default:
        break;
    }
  }

  /**
   * encrypt and decrypt share their settings; decrypt reads them from the column's metadata and
   * takes them here only to override it (data encrypted by Spark's aes_encrypt, say).
   */
  private void encryption(Section s, String op, Set<String> explicit, Map<String, Object> params) {
    params.put("key", key(s));
    boolean decrypt = op.equals("decrypt");
    String mode = s.choice("mode", MODES, false);
    if (mode == null && !decrypt && !s.has("mode")) {
      mode = "randomized";
    }
    params.put("mode", mode);
    params.put("context", s.string("context", false));
    params.put("encoding", s.choice("encoding", ENCODINGS, false));
    params.put("envelope", s.choice("envelope", ENVELOPES, false));
    params.put("on-invalid", s.choice("on-invalid", List.of("fail", "null"), false));
    String alphabet = s.string("alphabet", false);
    if (alphabet != null && !ALPHABETS.contains(alphabet)) {
      if (alphabet.codePoints().count() < 2 || alphabet.codePoints().distinct().count() != alphabet.codePoints().count()) {
        s.problem("alphabet", "Invalid alphabet in " + s.context() + ": use digits, hex, alphanumeric"
            + " or a string of at least two distinct characters.");
      }
    }
    params.put("alphabet", alphabet);
    if (decrypt) {
      params.put("original-type", s.string("original-type", false));
    }
    String effective = mode == null ? "" : mode;
    if (explicit.contains("alphabet") && !effective.equals("format-preserving")) {
      s.problem("alphabet", "Invalid 'alphabet' in " + s.context() + ": only mode = format-preserving takes an alphabet.");
    }
    if (effective.equals("format-preserving") && alphabet == null) {
      params.put("alphabet", "digits");
    }
    if (explicit.contains("envelope") && "spark".equals(params.get("envelope")) && !effective.equals("randomized")) {
      s.problem("envelope", "Invalid 'envelope' in " + s.context()
          + ": envelope = spark is Spark's AES-GCM layout and needs mode = randomized.");
    }
    if (!decrypt && (effective.equals("deterministic") || effective.equals("format-preserving"))
        && params.get("context") == null) {
      // Equal values give equal ciphertexts under a key and context: across columns that links
      // people, which must be chosen, not fallen into.
      s.problem("mode", "Missing 'context' in " + s.context() + ": " + effective + " encryption gives equal"
          + " ciphertexts for equal values under one key and context, so say which: context = \"<name>\" binds"
          + " them to that name (give every column that must join the same one), context = none lets them match"
          + " in every column under the key.");
    }
    if (explicit.contains("encoding") && effective.equals("format-preserving")) {
      s.problem("encoding", "Invalid 'encoding' in " + s.context()
          + ": format-preserving ciphertext keeps the value's own alphabet.");
    }
  }

  /** A required on-invalid; HOCON reads an unquoted {@code on-invalid = null} as a null value: the word. */
  private static String onInvalid(Section s, List<String> accepted) {
    return s.has("on-invalid") && s.isNull("on-invalid") ? "null" : s.choice("on-invalid", accepted, true);
  }

  private String key(Section s) {
    String name = s.string("key", true);
    if (name != null && !keyNames.contains(name)) {
      s.problem("key", "Unknown key '" + name + "' in " + s.context() + ". Defined keys: "
          + (keyNames.isEmpty() ? "none (add it under veil.keys)" : String.join(", ", new java.util.TreeSet<>(keyNames))) + ".");
    }
    return name;
  }

  private static int orZero(Integer i) {
    return i == null ? 0 : i;
  }

  private static int problemCount(Section s) {
    return s.problems().count();
  }
}
