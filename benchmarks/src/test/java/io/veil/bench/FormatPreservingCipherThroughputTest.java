package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.crypto.Alphabet;
import org.junit.jupiter.api.Test;

/** The FF1 throughput harness runs, and refuses values shorter than FF1's minimum. */
class FormatPreservingCipherThroughputTest {

  @Test
  void throughputHarnessRuns() {
    assertTrue(FormatPreservingCipherThroughput.measure(Alphabet.DIGITS, 11, 1_000) > 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> FormatPreservingCipherThroughput.measure(Alphabet.DIGITS, 5, 1_000));
  }
}
