package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuasiIdentifierSearchTest {

  private static ColumnSample column(String name, List<String> values) {
    return new ColumnSample(name, name, ColumnSample.Kind.STRING, values);
  }

  /**
   * 100 rows: sex (2 values) and band (5) alone single out nobody at k = 5, but together with zip
   * (20 values, 5 rows each) every row is in a class of 1 or 2; email and id are left out.
   */
  @Test
  void findsTheCombinationsThatSingleRowsOut() {
    List<String> sex = new ArrayList<>();
    List<String> band = new ArrayList<>();
    List<String> zip = new ArrayList<>();
    List<String> email = new ArrayList<>();
    List<String> id = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sex.add(i % 2 == 0 ? "F" : "M");
      band.add("b" + (i % 5));
      zip.add("z" + (i / 5));
      email.add("e" + (i % 50));
      id.add("id" + i);
    }
    List<QuasiIdentifierSearch.Combination> found =
        QuasiIdentifierSearch.find(
            List.of(
                column("sex", sex),
                column("band", band),
                column("zip", zip),
                column("email", email),
                column("id", id)),
            Set.of("email"),
            Set.of(),
            null,
            5,
            3,
            10);
    assertTrue(found.stream().noneMatch(c -> c.columns().contains("email")), found::toString);
    assertTrue(found.stream().noneMatch(c -> c.columns().contains("id")), found::toString);
    // zip splits into classes of 5: nobody below k alone. sex + zip: classes of 2 or 3.
    QuasiIdentifierSearch.Combination first = found.get(0);
    assertEquals(100, first.singledOut());
    assertEquals(2, first.columns().size(), found::toString);
    assertTrue(found.stream().allMatch(c -> c.singledOut() > 0));
    // sex + band + zip singles out no more than sex + zip or band + zip: not listed.
    assertTrue(found.stream().noneMatch(c -> c.columns().size() == 3), found::toString);
    assertEquals(1.0, first.share());
    // id, near-unique, is combined only when found to be quasi-identifying.
    assertEquals(
        List.of("id"),
        QuasiIdentifierSearch.find(
                List.of(column("id", id)), Set.of(), Set.of("id"), null, 5, 1, 10)
            .get(0)
            .columns());
  }

  /** Four rows of one person in one class: one entity, singled out at k = 2; per row, not. */
  @Test
  void entitiesAreCountedOncePerClass() {
    List<ColumnSample> columns =
        List.of(
            column("city", List.of("a", "a", "a", "a", "b", "b", "b", "b")),
            column("person", List.of("p1", "p1", "p1", "p1", "p2", "p3", "p4", "p5")));
    List<QuasiIdentifierSearch.Combination> perEntity =
        QuasiIdentifierSearch.find(columns, Set.of(), Set.of(), "person", 2, 3, 10);
    assertEquals(1, perEntity.size());
    assertEquals(4, perEntity.get(0).singledOut());
    assertEquals(4, perEntity.get(0).unique());
    assertEquals(
        List.of(),
        QuasiIdentifierSearch.find(columns, Set.of("person"), Set.of(), null, 2, 3, 10),
        "per row, classes of 4");
  }

  @Test
  void combinationsAreBounded() {
    List<ColumnSample> one = List.of(column("a", List.of("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> QuasiIdentifierSearch.find(one, Set.of(), Set.of(), null, 2, 4, 10));
    assertThrows(
        IllegalArgumentException.class,
        () -> QuasiIdentifierSearch.find(one, Set.of(), Set.of(), "nobody", 2, 3, 10));
  }
}
