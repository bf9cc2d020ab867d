package io.veil.scan;

/**
 * Recognises one form of personal data in a single value, by validating it (check digits, ranges,
 * dictionaries), not by its shape alone. Implementations are stateless and thread-safe.
 */
public interface ValueDetector {

  /** The kind of personal data a matching value holds. */
  PiiType type();

  /** A short name for the form recognised ({@code cn-mobile}, {@code ipv6}), shown in details. */
  String form();

  /** Whether {@code value}, as a whole (surrounding blanks aside), is this kind of data. */
  boolean matches(String value);
}
