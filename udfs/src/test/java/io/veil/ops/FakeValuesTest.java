package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeValuesTest {
  private static final KeyMaterial KEY = KeyMaterial.of(sequence(32));

  static byte[] sequence(int n) {
    byte[] k = new byte[n];
    for (int i = 0; i < n; i++) {
      k[i] = (byte) i;
    }
    return k;
  }

  static FakeValues fakes(String dictionary) {
    return new FakeValues(KEY, FakeValues.Kind.fromConfigName(dictionary));
  }

  /** Pinned: a change to the derivation or the dictionaries changes every fake a job wrote. */
  @Test
  void pinnedValues() {
    assertEquals(List.of("游虹晓", "付成杰", "左玉媛"), three("name-zh"));
    assertEquals(List.of("Ryan Richard", "Lena Brown", "Gabriel Huber"), three("name-latin"));
    assertEquals(List.of("Dennis", "Pablo", "Charles"), three("first-name"));
    assertEquals(List.of("Bryant", "Sullivan", "Ellis"), three("last-name"));
    assertEquals(List.of("重庆市", "郑州市", "西安市"), three("city"));
    assertEquals(List.of("allée des Tilleuls", "世纪大道", "Green Lane"), three("street"));
    assertEquals(
        List.of(
            "carolyn.gomez72@mail.example",
            "rhys.schafer52@test.example",
            "dorothy.robinson48@mail.example"),
        three("email"));
    assertEquals(List.of("double", "premium", "info"), three("word"));
  }

  private static List<String> three(String dictionary) {
    FakeValues f = fakes(dictionary);
    return List.of(f.fake("alice@example.com"), f.fake("王伟"), f.fake("42"));
  }

  @Test
  void sameInputAndKeyGiveTheSameFakeAnotherKeyAnotherOne() {
    FakeValues other = new FakeValues(KeyMaterial.of(sequence(33)), FakeValues.Kind.NAME_LATIN);
    int differ = 0;
    for (int i = 0; i < 200; i++) {
      String v = "customer-" + i;
      assertEquals(fakes("name-latin").fake(v), fakes("name-latin").fake(v));
      if (!fakes("name-latin").fake(v).equals(other.fake(v))) {
        differ++;
      }
    }
    assertTrue(differ > 190, "another key gives other fakes: " + differ);
  }

  @Test
  void fakesComeFromTheDictionariesAndSpreadOverThem() {
    Set<String> surnames = new HashSet<>(Dictionary.named("surnames-zh.txt").entries());
    Set<String> domains = new HashSet<>(Dictionary.named("email-domains.txt").entries());
    Set<String> cities = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String v = String.valueOf(i);
      String zh = fakes("name-zh").fake(v);
      assertTrue(
          zh.codePoints()
              .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
          zh);
      assertTrue(zh.length() >= 2 && zh.length() <= 4, zh);
      assertTrue(
          surnames.contains(zh.substring(0, 1)) || surnames.contains(zh.substring(0, 2)), zh);
      String email = fakes("email").fake(v);
      assertTrue(email.matches("[a-z]+\\.[a-z]+[0-9]{1,2}@[a-z.]+"), email);
      assertTrue(domains.contains(email.substring(email.indexOf('@') + 1)), email);
      cities.add(fakes("city").fake(v));
      names.add(fakes("name-latin").fake(v));
    }
    assertTrue(cities.size() > 80, "cities used: " + cities.size());
    assertTrue(names.size() > 1900, "distinct names: " + names.size());
    assertTrue(cities.stream().allMatch(Dictionary.named("cities.tsv").column(1)::contains));
  }

  @Test
  void dictionariesAreIndependentOfEachOther() {
    // The dictionary's name is part of the MAC input: first-name is not name-latin's first part.
    int same = 0;
    for (int i = 0; i < 200; i++) {
      String v = "v" + i;
      if (fakes("name-latin").fake(v).startsWith(fakes("first-name").fake(v) + " ")) {
        same++;
      }
    }
    assertTrue(same < 10, "unrelated draws: " + same);
  }

  @Test
  void nullStaysNullAndTheObjectSurvivesSerialization() throws Exception {
    assertNull(fakes("city").fake(null));
    FakeValues f = fakes("email");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(f);
    }
    FakeValues back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (FakeValues) in.readObject();
    }
    assertEquals(f.fake("x"), back.fake("x"));
    assertFalse(f.toString().contains("KeyMaterial"), f.toString());
  }

  @Test
  void shortKeysAndUnknownDictionariesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FakeValues(KeyMaterial.of(sequence(16)), FakeValues.Kind.CITY));
    assertEquals("has 16 bytes, expected at least 32 for fake values", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> FakeValues.Kind.fromConfigName("planet"));
    assertEquals(
        "planet is not a valid dictionary. Accepted dictionaries are name-zh, name-latin, first-name,"
            + " last-name, city, street, email, word.",
        e.getMessage());
  }

  @Test
  void emailLocalPartsAreAscii() {
    assertEquals("schafer", FakeValues.ascii("Schäfer"));
    assertEquals("weiss", FakeValues.ascii("Weiß"));
    assertEquals("soren", FakeValues.ascii("Søren"));
    assertEquals("etienne", FakeValues.ascii("Étienne"));
    assertNotEquals("", FakeValues.ascii("François"));
  }
}
