package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.scan.PersonNameDetector.Match;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameDetectorTest {
  private final PersonNameDetector detector = new PersonNameDetector();

  @ParameterizedTest
  @ValueSource(strings = {"王伟", "李秀英", "欧阳娜娜", "司马光", "张子轩", " 陈静 "})
  void chineseNamesAreASurnameAndOneOrTwoGivenNameCharacters(String value) {
    assertEquals(Match.CHINESE, detector.match(value), value);
    assertTrue(detector.matches(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"北京市", "朝阳区", "王", "王伟伟伟", "中国", "你好", "王 伟", "王Wei", "人民路12号"})
  void otherHanTextIsNotAName(String value) {
    assertEquals(Match.NONE, detector.match(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "James Smith",
        "Mary Ann Johnson",
        "Smith, James",
        "JAMES SMITH",
        "james smith",
        "José García",
        "Jose Garcia",
        "Zoe\u0301 Müller",
        "Jean-Luc Picard",
        "J. Smith",
        "Lukas van Beethoven",
        "Sophie Xyzzy",
        "Qux Johnson",
        "Patrick O'Brien",
      })
  void latinNamesNeedADictionaryFirstOrLastName(String value) {
    assertEquals(Match.LATIN, detector.match(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Jürgen Müller",
        "Hans-Peter Schmidt",
        "Françoise Lefèvre",
        "Jean-Luc Dubois",
        "José García López",
        "María del Carmen Fernández",
        "García López, José",
        "de la Fuente, María",
        "María de los Ángeles de la Fuente",
        "María José García López",
        "Lucía García Zubizarreta",
        "JOSÉ GARCÍA LÓPEZ",
        "Jurgen Muller",
      })
  void germanFrenchAndSpanishFullNamesAreNames(String value) {
    assertEquals(Match.LATIN, detector.match(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Urtzi García Zubizarreta", "Urtzi GARCÍA ZUBIZARRETA"})
  void aKnownFirstOfTwoSurnamesIsAKnownLastName(String value) {
    assertEquals(Match.LATIN, detector.match(value), value);
    // Neither word known: not enough.
    assertEquals(Match.NONE, detector.match("Urtzi Zubizarreta"));
    // The second surname must not be a common word.
    assertEquals(Match.NONE, detector.match("Urtzi García Account"));
  }

  /** Names only first-names-latin-de-fr-es.txt and last-names-latin-de-fr-es.txt know. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Dagmar Goicoechea",
        "Rüdiger Echeverría",
        "Begoña Nuñez",
        "Brigitte Peña",
        "Gerhard",
        "Goicoechea"
      })
  void theGermanFrenchAndSpanishListsAreRead(String value) {
    Match expected = value.contains(" ") ? Match.LATIN : Match.LATIN_SINGLE;
    assertEquals(expected, detector.match(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Beer", "Ring", "Plaza", "Real", "Sales", "August", "Paris"})
  void everydayWordsWereLeftOutOfTheAddedLists(String value) {
    assertEquals(Match.NONE, detector.match(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"James", "Smith", "GARCIA"})
  void aSingleKnownNameIsAWeakMatch(String value) {
    assertEquals(Match.LATIN_SINGLE, detector.match(value), value);
    assertFalse(detector.matches(value));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Green Tea",
        "New York",
        "San Diego",
        "Frankfurt am Main",
        "San Pedro",
        "Santa Cruz",
        "Santa Cruz, CA",
        "Los Angeles, CA",
        "New York, NY",
        "Account Active",
        "Frank Feedback",
        "Grant Review",
        "green",
        "may",
        "james xyzzy",
        "Order 12345",
        "James Smith Jones Brown Taylor",
        "Smith, James, Jr",
        "X Æ A-12",
        "hello world",
      })
  void otherWordsAreNotNames(String value) {
    assertEquals(Match.NONE, detector.match(value), value);
  }
}
