package io.veil.scan;

import java.util.List;

/**
 * The sampled values of one column (or nested field, array element, map value), as text: Spark
 * casts dates to {@code yyyy-MM-dd}, timestamps to {@code yyyy-MM-dd HH:mm:ss[.fff]}, numbers to
 * their decimal digits.
 *
 * @param column the column's path ({@code contacts[].phone}), as reported
 * @param fieldName the innermost field name, for name hints ({@code phone})
 * @param kind what type the values had before they became text
 * @param values the values; nulls allowed
 */
public record ColumnSample(String column, String fieldName, Kind kind, List<String> values) {

  /** The column's type family, which decides the detectors that apply. */
  public enum Kind {
    STRING,
    DATE,
    TIMESTAMP,
    /** Whole numbers: a phone or card number may be stored as one. */
    INTEGER,
    /** Decimals, floating point and booleans: compared against the validators, rarely PII. */
    NUMBER,
    /** Binary and other values that have no meaningful text form: not scanned. */
    UNSCANNED
  }

  public ColumnSample {
    values = values == null ? List.of() : values;
  }
}
