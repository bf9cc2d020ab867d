package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneralizationTest {
  private static List<BigDecimal> bounds(String... values) {
    return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
  }

  @Test
  void wholeBandsAreLabelledByTheirFirstAndLastNumber() {
    Bands b = new Bands(bounds("0", "18", "25", "35", "50", "65"));
    assertEquals("0-17", b.label(new BigDecimal("0")));
    assertEquals("0-17", b.label(new BigDecimal("17.9")));
    assertEquals("25-34", b.label(new BigDecimal("29")));
    assertEquals("65+", b.label(new BigDecimal("65")));
    assertEquals("65+", b.label(new BigDecimal("120")));
    assertNull(b.label(new BigDecimal("-1")), "below the first bound: no band");
    assertEquals(new BigDecimal("25"), b.lowerBound(new BigDecimal("34.99")));
    assertEquals("7", new Bands(bounds("7", "8", "10")).label(new BigDecimal("7")));
  }

  @Test
  void fractionalBoundsAreHalfOpenIntervals() {
    Bands b = new Bands(bounds("0", "2.5", "3.5"));
    assertEquals("[0, 2.5)", b.label(new BigDecimal("1")));
    assertEquals("[2.5, 3.5)", b.label(new BigDecimal("2.5")));
    assertEquals("3.5+", b.label(new BigDecimal("9")));
  }

  @Test
  void boundsMustIncrease() {
    assertThrows(IllegalArgumentException.class, () -> new Bands(bounds("0")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Bands(bounds("0", "10", "10")));
    assertEquals("bounds must increase: 10 is followed by 10", e.getMessage());
  }

  @Test
  void anArxHierarchyGivesEachLevel() {
    Hierarchy h =
        Hierarchy.parse(
            List.of("81667;8166*;816**;*", "81675;8167*;816**;*", "", "81925;8192*;819**;*"), ";");
    assertEquals(3, h.height());
    assertEquals(3, h.size());
    assertEquals("81667", h.generalize("81667", 0));
    assertEquals("8167*", h.generalize("81675", 1));
    assertEquals("819**", h.generalize("81925", 2));
    assertEquals("*", h.generalize("81925", 3));
    assertNull(h.generalize("99999", 1));
  }

  @Test
  void malformedHierarchiesNameTheLineNeverAValue() {
    IllegalArgumentException ragged =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hierarchy.parse(List.of("a;b;c", "secret;b"), ";"));
    assertEquals("line 2 has 2 columns, the first line 3", ragged.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> Hierarchy.parse(List.of("secret;b", "secret;c"), ";"));
    assertEquals("line 2 repeats a value of an earlier line", twice.getMessage());
    IllegalArgumentException flat =
        assertThrows(IllegalArgumentException.class, () -> Hierarchy.parse(List.of("a,b"), ";"));
    assertTrue(flat.getMessage().contains("one column"), flat.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Hierarchy.parse(List.of(), ";"));
  }
}
