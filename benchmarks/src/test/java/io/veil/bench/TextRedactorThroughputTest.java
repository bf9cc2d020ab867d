package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.TextRedactor;
import io.veil.scan.DecodedText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The redact throughput harness runs on the timed table's first notes. */
class TextRedactorThroughputTest {

  @Test
  void measuresRedactOnTheTimedNotes() {
    String[] notes = TextRedactorThroughput.notes(20);
    assertEquals(NotesGenerator.note(42, 19).text(), notes[19]);
    assertArrayEquals(notes, TextRedactorThroughput.notes(20));
    long bytes = 0;
    for (String n : notes) {
      bytes += n.getBytes(StandardCharsets.UTF_8).length;
    }
    assertEquals(bytes, TextRedactorThroughput.utf8Bytes(notes));
    for (double mb : TextRedactorThroughput.measure(TextRedactorThroughput.byType(), notes, 2)) {
      assertTrue(mb > 0, "MB/s " + mb);
    }
    assertTrue(
        TextRedactorThroughput.megabytesPerCpuSecond(
                TextRedactorThroughput.byPseudonym(), notes, 1, 10)
            > 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> TextRedactorThroughput.measure(TextRedactorThroughput.byType(), notes, 0));
  }

  /**
   * Spark's redact finds the spans of each note from its UTF-8 bytes ({@link DecodedText}): the
   * same spans as from its string, on the first 5,000 timed notes (English and Chinese).
   */
  @Test
  void findsTheSameSpansFromTheNotesBytes() {
    TextRedactor redactor = TextRedactorThroughput.byType();
    int withSpans = 0;
    for (String note : TextRedactorThroughput.notes(5_000)) {
      byte[] utf8 = note.getBytes(StandardCharsets.UTF_8);
      DecodedText decoded = DecodedText.decode(utf8, 0, utf8.length);
      assertEquals(note, decoded.text);
      assertEquals(redactor.spans(note), redactor.spans(decoded), note);
      withSpans += redactor.spans(note).isEmpty() ? 0 : 1;
    }
    assertTrue(withSpans > 1_000, "notes with spans: " + withSpans);
  }

  /**
   * What redact gives on the first 5,000 timed notes, by type and by mask, pinned: the hashes were
   * computed before its scanning was made faster, which must not change a single output.
   */
  @Test
  void redactsTheTimedNotesAsBefore() throws Exception {
    String[] notes = TextRedactorThroughput.notes(5_000);
    assertEquals(
        "cac70b234b56d87d3570204acf8f130c5963cc705ff2046d35c96e7461cf3d26",
        hash(TextRedactorThroughput.byType(), notes));
    assertEquals(
        "dfd97fb813f672ae4120f021ce36583ea17c9fc10f994ecd331b56294690d4b8",
        hash(new TextRedactor(TextRedactor.Style.MASK, TextRedactor.TYPES), notes));
  }

  private static String hash(TextRedactor redactor, String[] notes) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (String note : notes) {
      md.update(redactor.redact(note).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
