package io.veil.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Whether a string holds a code point a mask must hide: any code point but the mask's own, or a
 * letter or digit but the mask's own (what the regular expressions {@code [^c]} and {@code
 * [\p{L}\p{N}&&[^c]]} find). The write tests every masked value with it to count the ones that came
 * out unchanged; Spark's {@code rlike} would decode each value into a Java string and run a regular
 * expression over it, while this reads Spark's bytes and decodes only a value with a non-ASCII byte
 * before the answer is known.
 */
public final class CodePointTest implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int except;
  private final boolean lettersAndDigitsOnly;

  private CodePointTest(int except, boolean lettersAndDigitsOnly) {
    this.except = except;
    this.lettersAndDigitsOnly = lettersAndDigitsOnly;
  }

  /** Values of {@code input} holding a code point other than {@code codePoint}; null stays null. */
  public static Column holdsOtherThan(int codePoint, Column input) {
    return call(new CodePointTest(codePoint, false), input);
  }

  /**
   * Values of {@code input} holding a letter ({@code \p{L}}) or number ({@code \p{N}}) other than
   * {@code codePoint}; null stays null.
   */
  public static Column holdsLetterOrDigitOtherThan(int codePoint, Column input) {
    return call(new CodePointTest(codePoint, true), input);
  }

  private static Column call(CodePointTest test, Column input) {
    return MethodCall.of(test, CodePointTest.class, "test", DataTypes.BooleanType, true, input);
  }

  /** Whether {@code value}, not null, holds a code point this test looks for. */
  public boolean test(UTF8String value) {
    byte[] bytes = Utf8Function.base(value);
    int start = Utf8Function.offset(value);
    int end = start + value.numBytes();
    for (int i = start; i < end; i++) {
      int b = bytes[i];
      if (b < 0) {
        // A byte of a multi-byte sequence (or of malformed UTF-8, decoded to U+FFFD as rlike's
        // Java string has it): the rest is decoded and tested code point by code point.
        return holds(new String(bytes, i, end - i, java.nio.charset.StandardCharsets.UTF_8));
      }
      if (b != except && (!lettersAndDigitsOnly || isAsciiLetterOrDigit(b))) {
        return true;
      }
    }
    return false;
  }

  private boolean holds(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp != except && (!lettersAndDigitsOnly || isLetterOrNumber(cp))) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  private static boolean isAsciiLetterOrDigit(int b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }

  /** Java's {@code \p{L}} or {@code \p{N}}: a letter, or a decimal, letter or other number. */
  private static boolean isLetterOrNumber(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  @Override
  public String toString() {
    return (lettersAndDigitsOnly ? "holds a letter or digit other than U+" : "holds other than U+")
        + String.format("%04X", except);
  }
}
