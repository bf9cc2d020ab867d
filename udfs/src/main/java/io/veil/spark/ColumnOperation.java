package io.veil.spark;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * One anonymizing operation bound to its parameters and keys, ready to apply to a column of a given
 * type. Implementations delegate the work per value to the pure-Java classes in {@code io.veil.ops}
 * and {@code io.veil.crypto}; this layer only picks types and wraps UDFs.
 */
public interface ColumnOperation {

  /** The config name of the operation: mask, truncate, replace, encrypt... */
  String name();

  /** Why this operation cannot take values of {@code type}, or null when it can. */
  String rejectType(DataType type);

  /** The type of the values this operation writes for input of {@code type}. */
  DataType resultType(DataType type);

  /**
   * The type of the values a column of {@code type} stands for after this operation, which {@code
   * decrypt} restores: the input's own type, except for rekey, whose input is already ciphertext
   * and which carries the type recorded when the values were first encrypted.
   */
  default DataType plaintextType(DataType type) {
    return type;
  }

  /** The expression computing the new values; {@code input} has type {@code type}. */
  Column apply(Column input, DataType type);

  /**
   * Whether this operation promises to change some values (pseudonyms, randomized and deterministic
   * encryption, positional masks), as opposed to promising nothing (constants, regex, fakes,
   * format-preserving encryption, class masks that keep a class). Verification counts promised
   * values that came out unchanged and fails the run on any; the leak check covers only fields with
   * a promise.
   */
  boolean promisesChange();

  /**
   * Whether the leak check looks for this op's output values among the column's input values: by
   * default, when it promises change. Ops whose outputs are meant to fall among real values (a
   * shifted date is some other day, that other people have) say no: each value's change is what
   * verification checks for them.
   */
  default boolean leakChecked() {
    return promisesChange();
  }

  /**
   * What the leak check compares of this op's input and output values: null (the default) for the
   * values themselves; for ops that rewrite pieces of a value, an array of those pieces as strings
   * (redact: the personal data found in a text, so that a redacted e-mail written again in another
   * row's note is found).
   */
  default Column leakValues(Column value) {
    return null;
  }

  /**
   * Which input values this operation promises to change, as a predicate over the input column;
   * called only when {@link #promisesChange()}.
   */
  Column mustChange(Column input, DataType type);

  /**
   * Where a value this op promised to change came out failing the promise, when that is more than
   * the output equalling the input (redact: any redacted span's text still in the output); null for
   * equality, as most ops promise.
   */
  default Column keptWhatItPromised(Column input, Column output, DataType type) {
    return null;
  }

  /**
   * Aggregates over the input and output values worth reporting for this operation (rekey: values
   * per old key version; noise: mean and standard deviation before and after), computed in the pass
   * that writes the table. Names are report keys.
   */
  default Map<String, Column> metrics(Column input, Column output, DataType type) {
    return Map.of();
  }
}
