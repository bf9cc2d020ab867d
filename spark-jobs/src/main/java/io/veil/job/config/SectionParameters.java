package io.veil.job.config;

import io.veil.op.ParameterSource;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A column rule of a job file as an operation's parameters: the rule's object merged with {@code
 * reference.conf}'s op defaults, the keys the rule itself set, and the keys the job defines.
 * Problems are recorded with the line of the value (or of the rule), so every problem of every rule
 * is reported at once.
 */
final class SectionParameters implements ParameterSource {
  private final Section merged;
  private final Set<String> explicit;
  private final Set<String> keyNames;

  SectionParameters(Section merged, Set<String> explicit, Set<String> keyNames) {
    this.merged = merged;
    this.explicit = explicit;
    this.keyNames = keyNames;
  }

  @Override
  public String context() {
    return merged.context();
  }

  @Override
  public boolean isSet(String name) {
    return explicit.contains(name);
  }

  @Override
  public boolean has(String name) {
    return merged.has(name);
  }

  @Override
  public boolean isNull(String name) {
    return merged.has(name) && merged.isNull(name);
  }

  @Override
  public Integer wholeNumber(String name, int min, int max) {
    return merged.integer(name, min, max);
  }

  @Override
  public Integer character(String name) {
    return merged.character(name);
  }

  @Override
  public String text(String name, boolean required) {
    return merged.string(name, required);
  }

  @Override
  public String choice(String name, List<String> accepted, boolean required) {
    return merged.choice(name, accepted, required);
  }

  @Override
  public BigDecimal decimal(String name, BigDecimal max, int maxScale, String limits) {
    return merged.number(name, max, maxScale, limits);
  }

  @Override
  public List<BigDecimal> decimals(String name, BigDecimal max, int maxScale, String limits) {
    return merged.numberList(name, max, maxScale, limits);
  }

  @Override
  public List<String> texts(String name) {
    return merged.stringList(name);
  }

  @Override
  public Boolean flag(String name) {
    return merged.bool(name);
  }

  @Override
  public String key(String name) {
    String key = merged.string(name, true);
    if (key != null && !keyNames.contains(key)) {
      merged.problem(
          name,
          "Unknown key '"
              + key
              + "' in "
              + merged.context()
              + ". Defined keys: "
              + (keyNames.isEmpty()
                  ? "none (add it under veil.keys)"
                  : String.join(", ", new TreeSet<>(keyNames)))
              + ".");
      return null;
    }
    return key;
  }

  @Override
  public void problem(String name, String message) {
    merged.problem(name, message);
  }

  @Override
  public void problem(String message) {
    merged.problems().add(merged.origin(), message);
  }
}
