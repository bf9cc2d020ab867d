package io.veil.spark.op;

import java.util.Map;

/**
 * What one rule or SQL call asks an operation to do, read and checked: an immutable value per form
 * of each op. Its record is what a column's metadata and the run report say was done (never key
 * material), and reads back to the same settings.
 */
public interface OperationSettings {
  /** The op's config name. */
  String op();

  /** The metadata and report form: op first, then its parameters under their record names. */
  Map<String, Object> record();

  /** What was done, in words a person reads at a glance (veil inspect). */
  String inWords();

  /** The name of the key the settings use; null for keyless ops. */
  default String key() {
    return null;
  }
}
