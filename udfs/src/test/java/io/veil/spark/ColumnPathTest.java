package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnPathTest {
  @Test
  void parsesFieldsElementsAndValues() {
    ColumnPath p = ColumnPath.parse("contacts[].phone");
    assertEquals(
        List.of(
            ColumnPath.Step.field("contacts"),
            ColumnPath.Step.ELEMENTS,
            ColumnPath.Step.field("phone")),
        p.steps());
    assertEquals("contacts[].phone", p.toString());
    assertEquals(
        List.of(ColumnPath.Step.field("attributes"), ColumnPath.Step.VALUES),
        ColumnPath.parse("attributes{}").steps());
    assertEquals("address.city", ColumnPath.parse("address.city").toString());
  }

  @Test
  void backticksQuoteNamesWithDotsSpacesAndBackticks() {
    assertEquals(
        List.of(ColumnPath.Step.field("order.total")), ColumnPath.parse("`order.total`").steps());
    assertEquals(
        List.of(ColumnPath.Step.field("a`b"), ColumnPath.Step.field("c d")),
        ColumnPath.parse("`a``b`.`c d`").steps());
    assertEquals("`a``b`.`c d`", ColumnPath.parse("`a``b`.`c d`").toString());
    assertEquals(
        List.of(ColumnPath.Step.field("first name")), ColumnPath.parse("first name").steps());
  }

  @Test
  void rejectsMalformedPaths() {
    assertThrows(IllegalArgumentException.class, () -> ColumnPath.parse("a."));
    assertThrows(IllegalArgumentException.class, () -> ColumnPath.parse("`a"));
    assertThrows(IllegalArgumentException.class, () -> ColumnPath.parse(".a"));
    assertThrows(IllegalArgumentException.class, () -> ColumnPath.parse("a[0]"));
    assertThrows(IllegalArgumentException.class, () -> ColumnPath.parse(""));
  }
}
