package io.veil.op;

import java.math.BigDecimal;
import java.util.List;

/**
 * Where an operation's parameters come from, as its definition reads them: a column rule of a job
 * file (with {@code reference.conf}'s op defaults filled in), or the constant arguments of a SQL
 * call. The definition says what it takes and checks it once; each source says where a problem is
 * (a config line, a function argument) in its own way. Accessors return null for a parameter that
 * is absent or invalid; an invalid one is reported, so a definition can read every parameter and
 * report every problem at once.
 */
public interface ParameterSource {
  /** What the parameters belong to, for messages: "column email of table customers". */
  String context();

  /** Whether the rule or call itself gave the parameter (not a default). */
  boolean isSet(String name);

  /** Whether the parameter has a value, given or default. */
  boolean has(String name);

  /** Whether the parameter is given as null (a class mask's "keep this class"). */
  boolean isNull(String name);

  Integer wholeNumber(String name, int min, int max);

  /** One character, as a code point. */
  Integer character(String name);

  String text(String name, boolean required);

  String choice(String name, List<String> accepted, boolean required);

  /** A number of at most {@code max} with at most {@code maxScale} decimal places. */
  BigDecimal decimal(String name, BigDecimal max, int maxScale, String limits);

  /** A list of numbers, each as {@link #decimal} takes it; null when absent or invalid. */
  List<BigDecimal> decimals(String name, BigDecimal max, int maxScale, String limits);

  /** A list of strings; null when absent or invalid. */
  List<String> texts(String name);

  /** true or false; null when absent or invalid. */
  Boolean flag(String name);

  /** The name of a key, checked to exist where keys are declared. */
  String key(String name);

  /** Reports a problem with one parameter. */
  void problem(String name, String message);

  /** Reports a problem with the parameters as a whole. */
  void problem(String message);
}
