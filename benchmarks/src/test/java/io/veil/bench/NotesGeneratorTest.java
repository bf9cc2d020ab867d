package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.TextRedactor;
import io.veil.scan.EmbeddedPiiFinder.Span;
import io.veil.scan.PiiType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The redact benchmark's notes are what {@link NotesGenerator} documents: the same for the same
 * seed and row, 200 to 2,000 characters, English and Chinese, and personal data in 30% of them,
 * which is exactly what redact finds in them (the numbers that are not personal data, it leaves).
 */
class NotesGeneratorTest {
  private static final int ROWS = 3000;

  @Test
  void aNoteDependsOnTheSeedAndTheRowAlone() {
    assertEquals(NotesGenerator.note(42, 7), NotesGenerator.note(42, 7));
    assertNotEquals(NotesGenerator.note(42, 7).text(), NotesGenerator.note(43, 7).text());
    assertNotEquals(NotesGenerator.note(42, 7).text(), NotesGenerator.note(42, 8).text());
    // Pinned, so that a change to the generator (or to what it is built on) shows: the bench
    // reuses the tables it generated, and its runs compare only on the same notes.
    long hash = 0;
    for (long row = 0; row < 100; row++) {
      hash = 31 * hash + NotesGenerator.note(42, row).text().hashCode();
    }
    assertEquals(PINNED_HASH, hash);
  }

  private static final long PINNED_HASH = 4924690682981547256L;

  @Test
  void notesAreTwoHundredToTwoThousandCharactersInEnglishAndChinese() {
    int min = Integer.MAX_VALUE;
    int max = 0;
    long chars = 0;
    int chinese = 0;
    for (long row = 0; row < ROWS; row++) {
      NotesGenerator.Note n = NotesGenerator.note(42, row);
      int length = n.text().length();
      assertEquals(length, n.text().codePointCount(0, length), "all in the BMP");
      min = Math.min(min, length);
      max = Math.max(max, length);
      chars += length;
      if (n.chinese()) {
        chinese++;
        assertTrue(n.text().chars().filter(c -> c >= 0x4E00 && c <= 0x9FFF).count() > 50);
      } else {
        assertTrue(n.text().chars().noneMatch(c -> c >= 0x4E00 && c <= 0x9FFF), n.text());
      }
    }
    assertTrue(
        min >= NotesGenerator.MIN_CHARS && min < NotesGenerator.MIN_CHARS + 60, "min " + min);
    assertTrue(
        max <= NotesGenerator.MAX_CHARS && max > NotesGenerator.MAX_CHARS - 150, "max " + max);
    double mean = (double) chars / ROWS;
    assertTrue(mean > 950 && mean < 1150, "mean " + mean); // about uniform on 200 to 1,850
    assertTrue(chinese > ROWS * 0.37 && chinese < ROWS * 0.43, "chinese " + chinese);
  }

  @Test
  void redactFindsTheEmbeddedPersonalDataInThirtyPercentOfNotesAndNothingElse() {
    TextRedactor redactor = new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES);
    int withPii = 0;
    int withOtherNumbers = 0;
    Map<PiiType, Integer> found = new EnumMap<>(PiiType.class);
    for (long row = 0; row < ROWS; row++) {
      NotesGenerator.Note n = NotesGenerator.note(42, row);
      String text = n.text();
      List<Span> spans = redactor.spans(text);
      List<String> written = spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
      assertEquals(n.pii(), written, () -> "row " + n);
      spans.forEach(s -> found.merge(s.type(), 1, Integer::sum));
      String redacted = redactor.redact(text);
      if (n.pii().isEmpty()) {
        assertEquals(text, redacted);
      } else {
        withPii++;
        assertTrue(n.pii().size() <= 3, n.toString());
        n.pii().forEach(v -> assertFalse(redacted.contains(v), v));
      }
      if (redacted.chars().anyMatch(Character::isDigit)) {
        withOtherNumbers++;
      }
    }
    double share = (double) withPii / ROWS;
    assertTrue(Math.abs(share - NotesGenerator.PII_PERCENT / 100.0) < 0.025, "share " + share);
    assertEquals(TextRedactor.TYPES, found.keySet(), found.toString());
    for (int n : found.values()) {
      assertTrue(n > 50, found.toString());
    }
    // Numbers that are not personal data (orders, versions, amounts...) are in most notes.
    assertTrue(withOtherNumbers > ROWS * 0.9, "with other numbers " + withOtherNumbers);
  }
}
