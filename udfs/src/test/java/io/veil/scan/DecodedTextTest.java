package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodedTextTest {
  private final EmbeddedPiiFinder finder =
      new EmbeddedPiiFinder(new ChineseIdNumberDetector(ChineseIdNumberDetectorTest.TODAY));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain ASCII, call 415-555-2671 or mail li.wei@example.com.",
        "请回电13812345678谢谢，地址：北京市朝阳区建国路88号",
        "Café at 48°51'29.6\"N 2°17'40.2\"E — €12.50",
        "emoji 😀 and 𝄞 around 203.0.113.7, then U+FFFD \uFFFD as written",
        "\u0080\u07FF\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF edges of each length",
        "12-34/56:78.90 marks only",
        "中文 mixed with ASCII 1 2 3 and 全角：１２３"
      })
  void decodesAsTheJdkDoesAndFindsTheSameMarks(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    DecodedText d = DecodedText.decode(utf8, 0, utf8.length);
    assertNotNull(d);
    assertEquals(text, d.text);
    TextMarks expected = new TextMarks(text.toCharArray());
    assertArrayEquals(expected.chars, d.marks.chars);
    assertEquals(expected.ascii, d.marks.ascii);
    assertArrayEquals(marks(expected), marks(d.marks));
    assertEquals(finder.spans(text), finder.spans(d));
  }

  @Test
  void decodesASliceOfALargerArray() {
    byte[] utf8 = "xx中文 415-555-2671 é yy".getBytes(StandardCharsets.UTF_8);
    DecodedText d = DecodedText.decode(utf8, 2, utf8.length - 4);
    assertNotNull(d);
    assertEquals("中文 415-555-2671 é ", d.text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "e4b8", // a three-byte char cut short at the end
        "41e4", // its lead byte alone at the end
        "c3", // a two-byte char cut short
        "f09f98", // a four-byte char cut short
        "80", // a continuation byte where a char starts
        "41bf41",
        "c080", // overlong forms
        "c1bf",
        "e08080",
        "e09fbf",
        "f0808080",
        "f08fbfbf",
        "eda080", // surrogates written in UTF-8
        "edbfbf",
        "f4908080", // above U+10FFFF
        "f5808080",
        "f8",
        "ff",
        "e44141", // continuations missing
        "c341",
        "f09f4141"
      })
  void refusesWhatIsNotWellFormed(String hex) {
    byte[] bytes = HexFormat.of().parseHex(hex);
    assertNull(DecodedText.decode(bytes, 0, bytes.length), hex);
  }

  /**
   * Random well-formed texts of every char length, half of them with one byte then changed or cut
   * off: decoded exactly when the JDK's strict decoder decodes them, to the same text and marks.
   */
  @Test
  void agreesWithTheJdksStrictDecoderOnRandomBytes() {
    Random random = new Random(7);
    int[] bounds = {0x80, 0x800, 0x10000, 0x110000};
    int decoded = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder text = new StringBuilder();
      for (int c = random.nextInt(8); c >= 0; c--) {
        int max = bounds[random.nextInt(4)];
        int cp = random.nextInt(max);
        text.appendCodePoint(Character.isSurrogate((char) cp) ? '-' : cp);
      }
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (random.nextBoolean()) {
        if (random.nextInt(4) == 0) {
          bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        } else {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      String strict = strictlyDecoded(bytes);
      DecodedText d = DecodedText.decode(bytes, 0, bytes.length);
      if (strict == null) {
        assertNull(d, HexFormat.of().formatHex(bytes));
      } else {
        decoded++;
        assertNotNull(d, HexFormat.of().formatHex(bytes));
        assertEquals(strict, d.text);
        assertArrayEquals(marks(new TextMarks(strict.toCharArray())), marks(d.marks));
      }
    }
    // Both outcomes are exercised, not just one.
    assertTrue(decoded > 8_000 && decoded < 18_000, "decoded " + decoded);
  }

  private static String strictlyDecoded(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int[] marks(TextMarks m) {
    int[] at = new int[m.size()];
    for (int k = 0; k < at.length; k++) {
      at[k] = m.at(k);
    }
    return at;
  }
}
