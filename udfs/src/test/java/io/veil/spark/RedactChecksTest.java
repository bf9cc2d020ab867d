package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.TextRedactor;
import io.veil.scan.PiiType;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class RedactChecksTest {
  private static final RedactChecks ALL =
      new RedactChecks(
          new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES), TextRedactor.TYPES);
  private static final Set<PiiType> PHONES = EnumSet.of(PiiType.PHONE);
  private static final RedactChecks PHONES_ONLY =
      new RedactChecks(new TextRedactor(TextRedactor.Style.TYPE, PHONES), PHONES);

  private static final String NOTE = "Mail li.na@example.com or call 13812345678.";

  @Test
  void answersAsTheRedactorDoes() {
    UTF8String note = UTF8String.fromString(NOTE);
    assertTrue(ALL.found(note));
    long[] counts = ALL.counts(note).toLongArray();
    assertEquals(1, counts[PiiType.EMAIL.ordinal()]);
    assertEquals(1, counts[PiiType.PHONE.ordinal()]);
    assertEquals(List.of("li.na@example.com", "13812345678"), texts(ALL.spanTexts(note)));
    assertEquals(0, ALL.left(note, UTF8String.fromString("Mail [EMAIL] or call [PHONE].")));
    assertEquals(1, ALL.left(note, UTF8String.fromString("Mail [EMAIL] or call 13812345678.")));
    assertFalse(ALL.found(UTF8String.fromString("nothing personal")));
    assertEquals(0, ALL.spanTexts(UTF8String.fromString("")).numElements());
  }

  @Test
  void readsChineseNotesAndNotesThatAreNotUtf8() {
    UTF8String note = UTF8String.fromString("请回电13812345678，或发邮件li.na@example.com谢谢");
    assertEquals(List.of("13812345678", "li.na@example.com"), texts(ALL.spanTexts(note)));
    assertEquals(0, ALL.left(note, UTF8String.fromString("请回电[PHONE]，或发邮件[EMAIL]谢谢")));
    assertEquals(1, ALL.left(note, UTF8String.fromString("请回电[PHONE]，或发邮件li.na@example.com谢谢")));
    // A byte that is no UTF-8 before the phone: read as Java decodes it, U+FFFD in its place.
    byte[] bytes = "call \u00ff13812345678 now".getBytes(StandardCharsets.ISO_8859_1);
    UTF8String invalid = UTF8String.fromBytes(bytes);
    assertEquals(List.of("13812345678"), texts(ALL.spanTexts(invalid)));
    assertEquals(1, ALL.left(invalid, invalid));
  }

  @Test
  void theLastNoteIsOnlyReusedForTheSameBytesAndTypes() {
    // One buffer rewritten in place, as Spark reuses a row's memory: the second note is as long
    // as the first, so only its bytes tell them apart.
    byte[] buffer = NOTE.getBytes(StandardCharsets.UTF_8);
    UTF8String view = UTF8String.fromAddress(buffer, Platform.BYTE_ARRAY_OFFSET, buffer.length);
    assertEquals(2, ALL.spanTexts(view).numElements());
    byte[] other = "Mail nobody at all or call me later please.".getBytes(StandardCharsets.UTF_8);
    assertEquals(buffer.length, other.length);
    System.arraycopy(other, 0, buffer, 0, other.length);
    assertFalse(ALL.found(view));
    System.arraycopy(NOTE.getBytes(StandardCharsets.UTF_8), 0, buffer, 0, buffer.length);
    // Another op's types on the same note: its own spans.
    assertEquals(List.of("13812345678"), texts(PHONES_ONLY.spanTexts(view)));
    assertEquals(2, ALL.spanTexts(view).numElements());
  }

  @Test
  void eachThreadKeepsItsOwnNote() throws InterruptedException {
    UTF8String note = UTF8String.fromString(NOTE);
    assertTrue(ALL.found(note));
    boolean[] other = new boolean[1];
    Thread t = new Thread(() -> other[0] = ALL.found(UTF8String.fromString("no spans here")));
    t.start();
    t.join();
    assertFalse(other[0]);
    assertEquals(2, ALL.spanTexts(note).numElements());
  }

  private static List<String> texts(ArrayData a) {
    Object[] values = a.toObjectArray(org.apache.spark.sql.types.DataTypes.StringType);
    return java.util.Arrays.stream(values).map(Object::toString).toList();
  }
}
