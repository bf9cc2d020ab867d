package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FpeAlgorithmTest {
  @Test
  void acceptsFf1Only() {
    assertEquals(FpeAlgorithm.FF1, FpeAlgorithm.parse("FF1"));
    assertEquals(FpeAlgorithm.FF1, FpeAlgorithm.parse(" ff1 "));
    assertEquals(
        "Invalid format-preserving algorithm FF3-1: NIST SP 800-38G Rev. 1 (2025 draft) withdraws"
            + " FF3-1; accepted: FF1",
        assertThrows(IllegalArgumentException.class, () -> FpeAlgorithm.parse("FF3-1"))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FpeAlgorithm.parse("ff3"))
            .getMessage()
            .startsWith("Invalid format-preserving algorithm FF3: "));
    assertEquals(
        "Invalid format-preserving algorithm AES: accepted: FF1",
        assertThrows(IllegalArgumentException.class, () -> FpeAlgorithm.parse("AES")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> FpeAlgorithm.parse(null));
  }
}
