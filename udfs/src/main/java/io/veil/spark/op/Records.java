package io.veil.spark.op;

import java.util.Map;

/**
 * Reads back the values settings wrote into a record: Spark's metadata keeps whole numbers as longs
 * and characters as one-character strings. Missing or mistyped entries read as null, and the
 * definition then says the record is not one it can read.
 */
final class Records {
  private Records() {}

  static String text(Map<String, Object> record, String key) {
    Object v = record.get(key);
    return v == null ? null : v.toString();
  }

  static Integer whole(Map<String, Object> record, String key) {
    Object v = record.get(key);
    if (v instanceof Number) {
      return ((Number) v).intValue();
    }
    try {
      return v == null ? null : Integer.valueOf(v.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A character written as a one-code-point string, as a code point; null when absent. */
  static Integer character(Map<String, Object> record, String key) {
    String s = text(record, key);
    return s == null || s.codePointCount(0, s.length()) != 1 ? null : s.codePointAt(0);
  }

  static String characterText(Integer codePoint) {
    return codePoint == null ? null : new String(Character.toChars(codePoint));
  }
}
