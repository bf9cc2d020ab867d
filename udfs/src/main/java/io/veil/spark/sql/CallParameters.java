package io.veil.spark.sql;

import io.veil.op.ParameterSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A SQL call's constant arguments as an operation's parameters, so a function's arguments are read
 * and checked by the operation's own definition, as a job's column rule is. Each function says
 * which argument is which parameter and which parameters its form fixes ({@code veil_mask_email} is
 * a mask with {@code preset = email}); an argument left out takes the form's value. Problems become
 * Spark's own analysis errors, naming the argument.
 */
final class CallParameters implements ParameterSource {
  private final FunctionCall call;
  private final Map<String, Integer> arguments;
  private final Map<String, Object> fixed;

  /**
   * @param arguments the index of the call's argument for each parameter it may give
   * @param fixed the values the function's form gives (a null value: the parameter is null), used
   *     when the call leaves the argument out
   */
  CallParameters(FunctionCall call, Map<String, Integer> arguments, Map<String, Object> fixed) {
    this.call = call;
    this.arguments = arguments;
    this.fixed = fixed;
  }

  private Integer given(String name) {
    Integer i = arguments.get(name);
    return i != null && i < call.count() ? i : null;
  }

  /** Spark's argument names, as the function's docs write them. */
  private static String argument(String name) {
    return name.equals("key") ? "key_name" : name.replace('-', '_');
  }

  /**
   * A definition's message as the reason of Spark's error: "Invalid truncate in veil_truncate:
   * keep-first or keep-last must be above 0." becomes "keep_first or keep_last must be above 0",
   * since Spark's error already names the function and the argument.
   */
  private String reason(String message) {
    String where = " in " + call.name() + ": ";
    int at = message.indexOf(where);
    String reason =
        (message.startsWith("Invalid ") || message.startsWith("Missing ")) && at > 0
            ? message.substring(at + where.length())
            : message;
    if (reason.endsWith(".")) {
      reason = reason.substring(0, reason.length() - 1);
    }
    if (reason.endsWith(" (" + call.name() + ")")) { // a core class's message, placed for a job
      reason = reason.substring(0, reason.length() - call.name().length() - 3);
    }
    for (String name : arguments.keySet()) {
      reason = reason.replace(name, argument(name));
    }
    return reason;
  }

  @Override
  public String context() {
    return call.name();
  }

  @Override
  public boolean isSet(String name) {
    return given(name) != null || fixed.containsKey(name);
  }

  @Override
  public boolean has(String name) {
    return isSet(name);
  }

  @Override
  public boolean isNull(String name) {
    Integer i = given(name);
    if (i != null) {
      return call.constantString(i, argument(name), true) == null;
    }
    return fixed.containsKey(name) && fixed.get(name) == null;
  }

  @Override
  public Integer wholeNumber(String name, int min, int max) {
    Integer i = given(name);
    return i != null
        ? Integer.valueOf(call.constantInt(i, argument(name), min, max))
        : (Integer) fixed.get(name);
  }

  @Override
  public Integer character(String name) {
    Integer i = given(name);
    if (i == null) {
      Object f = fixed.get(name);
      return f == null ? null : ((String) f).codePointAt(0);
    }
    Integer c = call.constantCharacter(i, argument(name));
    if (c == null) {
      throw call.unexpectedNull(argument(name));
    }
    return c;
  }

  @Override
  public String text(String name, boolean required) {
    Integer i = given(name);
    return i != null ? call.constantString(i, argument(name), false) : (String) fixed.get(name);
  }

  @Override
  public String choice(String name, List<String> accepted, boolean required) {
    String value = text(name, required);
    if (value != null && !accepted.contains(value)) {
      throw call.notOneOf(argument(name), value, accepted);
    }
    return value;
  }

  @Override
  public BigDecimal decimal(String name, BigDecimal max, int maxScale, String limits) {
    Integer i = given(name);
    if (i == null) {
      return (BigDecimal) fixed.get(name);
    }
    BigDecimal n = new BigDecimal(call.constantNumber(i, argument(name)).toString());
    if ((max != null && n.compareTo(max) > 0) || n.stripTrailingZeros().scale() > maxScale) {
      throw call.invalid(argument(name), n.toPlainString() + " is out of range: " + limits);
    }
    return n;
  }

  /** Lists come from the function's spec, not from arguments: the form gives them. */
  @Override
  @SuppressWarnings("unchecked")
  public List<BigDecimal> decimals(String name, BigDecimal max, int maxScale, String limits) {
    return (List<BigDecimal>) fixed.get(name);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> texts(String name) {
    return (List<String>) fixed.get(name);
  }

  @Override
  public Boolean flag(String name) {
    return (Boolean) fixed.get(name);
  }

  @Override
  public String key(String name) {
    return text(name, true);
  }

  @Override
  public void problem(String name, String message) {
    throw call.invalid(argument(name), reason(message));
  }

  @Override
  public void problem(String message) {
    String first =
        arguments.entrySet().stream()
            .filter(e -> given(e.getKey()) != null)
            .min(Map.Entry.comparingByValue())
            .map(e -> argument(e.getKey()))
            .orElse("value");
    throw call.invalid(first, reason(message));
  }
}
