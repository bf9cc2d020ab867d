package io.veil.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed reads from one object of the job config. A wrong type or value is recorded as a problem
 * with the value's own line and the read returns null, so validation goes on and reports every
 * problem at once.
 */
final class Section {
  /** A number written as text: HOCON reads a whole number beyond a long that way. */
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final ConfigObject object;
  private final String context;
  private final Problems problems;
  private final ConfigOrigin origin;

  Section(ConfigObject object, String context, Problems problems) {
    this(object, context, problems, object.origin());
  }

  /** A section whose object was merged with defaults, keeping the origin of the user's object. */
  Section(ConfigObject object, String context, Problems problems, ConfigOrigin origin) {
    this.object = object;
    this.context = context;
    this.problems = problems;
    this.origin = origin;
  }

  ConfigObject objectValue() {
    return object;
  }

  ConfigOrigin origin() {
    return origin;
  }

  String context() {
    return context;
  }

  Problems problems() {
    return problems;
  }

  boolean has(String key) {
    return object.containsKey(key);
  }

  ConfigValue value(String key) {
    return object.get(key);
  }

  boolean isNull(String key) {
    ConfigValue v = object.get(key);
    return v == null || v.valueType() == ConfigValueType.NULL;
  }

  Set<String> keys() {
    return object.keySet();
  }

  ConfigOrigin originOf(String key) {
    ConfigValue v = object.get(key);
    return v == null ? origin : v.origin();
  }

  void problem(String key, String message) {
    problems.add(originOf(key), message);
  }

  /** Records every key of this object not in {@code accepted}. */
  void rejectUnknownKeys(Collection<String> accepted, String what) {
    for (String key : object.keySet()) {
      if (!accepted.contains(key)) {
        problems.add(
            object.get(key).origin(),
            "Unknown "
                + what
                + " '"
                + key
                + "' in "
                + context
                + ". Accepted: "
                + String.join(", ", new TreeSet<>(accepted))
                + ".");
      }
    }
  }

  /** Null when absent or null; records a problem when {@code required} and absent. */
  String string(String key, boolean required) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      if (required) {
        problems.add(origin, "Missing '" + key + "' in " + context + ".");
      }
      return null;
    }
    switch (v.valueType()) {
      case STRING:
      case NUMBER:
      case BOOLEAN:
        return String.valueOf(v.unwrapped());
      default:
        problems.add(
            v.origin(),
            "Invalid '"
                + key
                + "' in "
                + context
                + ": expected a string, got "
                + describe(v)
                + ".");
        return null;
    }
  }

  /** A string from {@code accepted}; null when absent (or invalid, recorded). */
  String choice(String key, Collection<String> accepted, boolean required) {
    String s = string(key, required);
    if (s != null && !accepted.contains(s)) {
      problem(
          key,
          s
              + " is not a valid "
              + key
              + " in "
              + context
              + ". Accepted values are "
              + String.join(", ", accepted)
              + ".");
      return null;
    }
    return s;
  }

  /** A whole number in {@code min..max}; null when absent or null, or invalid (recorded). */
  Integer integer(String key, int min, int max) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    BigDecimal n = decimal(v);
    if (n != null && n.stripTrailingZeros().scale() > 0) {
      n = null; // a fraction
    }
    if (n == null && !isHugeNumber(v)) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": expected a whole number, got "
              + describe(v)
              + ".");
      return null;
    }
    if (n == null
        || n.compareTo(BigDecimal.valueOf(min)) < 0
        || n.compareTo(BigDecimal.valueOf(max)) > 0) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": "
              + numberText(v)
              + " is out of range "
              + min
              + ".."
              + max
              + ".");
      return null;
    }
    return n.intValueExact();
  }

  /** Any number, exactly as written; null when absent or null, or invalid (recorded). */
  BigDecimal number(String key) {
    return number(key, null, Integer.MAX_VALUE, null);
  }

  /**
   * A number of at most {@code max} with at most {@code maxScale} decimal places, exactly as
   * written; null when absent or null, or invalid (recorded, with {@code limits} saying in words
   * what the setting takes).
   */
  BigDecimal number(String key, BigDecimal max, int maxScale, String limits) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    return number(v, key, max, maxScale, limits);
  }

  private BigDecimal number(
      ConfigValue v, String key, BigDecimal max, int maxScale, String limits) {
    BigDecimal n = decimal(v);
    if (n == null && !isHugeNumber(v)) {
      problems.add(
          v.origin(),
          "Invalid '" + key + "' in " + context + ": expected a number, got " + describe(v) + ".");
      return null;
    }
    if (n == null
        || (max != null && n.compareTo(max) > 0)
        || n.stripTrailingZeros().scale() > maxScale) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": "
              + numberText(v)
              + " is out of range"
              + (limits == null ? "." : ": " + limits + "."));
      return null;
    }
    return n;
  }

  /**
   * The value as an exact decimal, from its text as written: a double would round
   * 12345678901234567.25, and HOCON reads a whole number beyond a long as text. Null when the value
   * is not a number, or its exponent is beyond what a decimal holds.
   */
  private static BigDecimal decimal(ConfigValue v) {
    String text = numberText(v);
    if (text == null) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A number whose exponent no decimal holds (1e999999999999, which HOCON reads as infinity). */
  private static boolean isHugeNumber(ConfigValue v) {
    return v.valueType() == ConfigValueType.NUMBER && decimal(v) == null;
  }

  /**
   * A number's text as the file spells it; a string's only when it reads as a number, never
   * otherwise: it could be a pasted key.
   */
  private static String numberText(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      // Reading a number as a string gives its text as written (render() gives the double's).
      String written = v.atKey("n").getString("n");
      return written != null ? written : String.valueOf(v.unwrapped());
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String text = ((String) v.unwrapped()).trim();
      return NUMBER.matcher(text).matches() ? text : null;
    }
    return null;
  }

  /** A single character (one code point); null when absent or null. */
  Integer character(String key) {
    String s = string(key, false);
    if (s == null) {
      return null;
    }
    if (s.codePointCount(0, s.length()) != 1) {
      problem(key, "Invalid '" + key + "' in " + context + ": expected exactly one character.");
      return null;
    }
    return s.codePointAt(0);
  }

  Section object(String key, boolean required) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      if (required) {
        problems.add(origin, "Missing '" + key + "' in " + context + ".");
      }
      return null;
    }
    if (v.valueType() != ConfigValueType.OBJECT) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": expected an object { ... }, got "
              + describe(v)
              + ".");
      return null;
    }
    return new Section((ConfigObject) v, key + " of " + context, problems);
  }

  /** A list of strings; null when absent or null. */
  /** A list of numbers, each checked as {@link #number(String, BigDecimal, int, String)} does. */
  List<BigDecimal> numberList(String key, BigDecimal max, int maxScale, String limits) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": expected a list of numbers [ ... ], got "
              + describe(v)
              + ".");
      return null;
    }
    List<BigDecimal> out = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      BigDecimal n =
          item.valueType() == ConfigValueType.NULL
              ? null
              : number(item, key, max, maxScale, limits);
      if (n == null) {
        if (item.valueType() == ConfigValueType.NULL) {
          problems.add(item.origin(), "Invalid '" + key + "' in " + context + ": an item is null.");
        }
        return null;
      }
      out.add(n);
    }
    return out;
  }

  /** true or false; null when absent, null, or not a boolean (recorded). */
  Boolean bool(String key) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    if (v.valueType() != ConfigValueType.BOOLEAN) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": expected true or false, got "
              + describe(v)
              + ".");
      return null;
    }
    return (Boolean) v.unwrapped();
  }

  List<String> stringList(String key) {
    ConfigValue v = object.get(key);
    if (v == null || v.valueType() == ConfigValueType.NULL) {
      return null;
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problems.add(
          v.origin(),
          "Invalid '"
              + key
              + "' in "
              + context
              + ": expected a list [ ... ], got "
              + describe(v)
              + ".");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      if (item.valueType() != ConfigValueType.STRING) {
        problems.add(
            item.origin(),
            "Invalid '" + key + "' in " + context + ": every item must be a string.");
        return null;
      }
      out.add((String) item.unwrapped());
    }
    return out;
  }

  static String describe(ConfigValue v) {
    switch (v.valueType()) {
      case OBJECT:
        return "an object";
      case LIST:
        return "a list";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return "a string"; // never the text itself: it could be a pasted secret
    }
  }
}
