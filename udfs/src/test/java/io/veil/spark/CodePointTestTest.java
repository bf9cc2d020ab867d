package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The byte-level tests give what Spark's {@code rlike} gave with the regular expressions they
 * replace, on the Java string Spark decodes a value to (malformed bytes included).
 */
class CodePointTestTest {
  private static final int[] MASK_CHARS = {'*', 'X', '0', '●', '中', 0x1F600};

  @Test
  void agreesWithTheRegularExpressions() throws Exception {
    List<byte[]> values = new ArrayList<>();
    for (String s :
        new String[] {
          "",
          "*",
          "***",
          "**-**",
          "--",
          "13812345678",
          "138****5678",
          "XXX",
          "张伟",
          "●●●",
          "中",
          "😀",
          "😀*",
          "Ⅻ",
          "½",
          "x",
          " ",
          "a*",
          "*a",
          "١٢٣",
          "⁂",
          "Zhang Wei",
          "ǅ"
        }) {
      values.add(s.getBytes(StandardCharsets.UTF_8));
    }
    values.add(new byte[] {'*', (byte) 0xC3}); // truncated sequence: U+FFFD
    values.add(new byte[] {(byte) 0xFF, '*'}); // invalid byte
    values.add(new byte[] {'-', (byte) 0xED, (byte) 0xA0, (byte) 0x80}); // a lone surrogate
    Random random = new Random(7);
    String alphabet = "*-a1 X●中😀½ⅫZ.";
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(6); n > 0; n--) {
        b.appendCodePoint(
            alphabet.codePointAt(
                alphabet.offsetByCodePoints(
                    0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      values.add(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    for (int c : MASK_CHARS) {
      String escaped = "\\x{" + Integer.toHexString(c) + "}";
      Pattern other = Pattern.compile("[^" + escaped + "]");
      Pattern letterOrDigit = Pattern.compile("[\\p{L}\\p{N}&&[^" + escaped + "]]");
      CodePointTest otherTest = test(c, false);
      CodePointTest letterTest = test(c, true);
      for (byte[] v : values) {
        // Spark's rlike runs find() on the decoded string; the test reads the bytes, here also at
        // an offset inside a larger array, as Spark's column values are.
        String decoded = UTF8String.fromBytes(v).toString();
        byte[] padded = new byte[v.length + 5];
        System.arraycopy(v, 0, padded, 3, v.length);
        padded[0] = 'a';
        padded[padded.length - 1] = 'b';
        UTF8String inside = UTF8String.fromBytes(padded, 3, v.length);
        for (UTF8String value : new UTF8String[] {UTF8String.fromBytes(v), inside}) {
          assertEquals(
              other.matcher(decoded).find(), otherTest.test(value), () -> c + " " + decoded);
          assertEquals(
              letterOrDigit.matcher(decoded).find(),
              letterTest.test(value),
              () -> c + " " + decoded);
        }
      }
    }
  }

  private static CodePointTest test(int c, boolean lettersAndDigits) throws Exception {
    var constructor = CodePointTest.class.getDeclaredConstructor(int.class, boolean.class);
    constructor.setAccessible(true);
    return constructor.newInstance(c, lettersAndDigits);
  }
}
