package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
}
