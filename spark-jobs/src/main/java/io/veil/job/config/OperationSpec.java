package io.veil.job.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A column's operation as configured and type-checked: the op name and its parameters, with the
 * op's defaults from reference.conf filled in. Parameter values are String, Integer (also single
 * characters, as code points), BigDecimal, Boolean or a List of String; a key present with a null
 * value was set to null on purpose.
 */
public final class OperationSpec {
  private final String op;
  private final Map<String, Object> params;
  private final java.util.Set<String> explicit;

  OperationSpec(String op, Map<String, Object> params, java.util.Set<String> explicit) {
    this.op = op;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    this.explicit = java.util.Set.copyOf(explicit);
  }

  public String op() {
    return op;
  }

  /** Whether the job file itself set {@code name} (rather than it coming from the defaults). */
  public boolean isSet(String name) {
    return explicit.contains(name);
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }

  public String string(String name) {
    Object v = params.get(name);
    return v == null ? null : v.toString();
  }

  public Integer integer(String name) {
    return (Integer) params.get(name);
  }

  public int integer(String name, int fallback) {
    Object v = params.get(name);
    return v == null ? fallback : (Integer) v;
  }

  public java.math.BigDecimal number(String name) {
    return (java.math.BigDecimal) params.get(name);
  }

  /** The key name for ops that use one; null otherwise. */
  public String key() {
    return string("key");
  }

  public Map<String, Object> params() {
    return params;
  }
}
