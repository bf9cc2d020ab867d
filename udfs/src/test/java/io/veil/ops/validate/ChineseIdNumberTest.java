package io.veil.ops.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdNumberTest {

  @Test
  void checkCharacterMatchesTheExamplesOfGb11643() {
    // The two worked examples printed in GB 11643-1999, appendix A.
    assertEquals('X', ChineseIdNumber.checkCharacter("11010519491231002"));
    assertEquals('4', ChineseIdNumber.checkCharacter("44052418800101001"));
  }

  @Test
  void checkCharacterCoversEveryResidue() {
    // Varying the last two body digits (weights 4 and 2) runs the sum through every residue.
    String seen = "";
    for (int i = 0; i < 100; i++) {
      String body = String.format("110101200001010%02d", i);
      char c = ChineseIdNumber.checkCharacter(body);
      if (seen.indexOf(c) < 0) {
        seen += c;
      }
      assertTrue(ChineseIdNumber.isValid(body + c), body + c);
    }
    assertEquals(11, seen.length(), "check characters seen: " + seen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "440524188001010014"})
  void acceptsValidNumbers(String id) {
    assertTrue(ChineseIdNumber.isValid(id));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "110105194912310021", // wrong check character
        "11010519491231002x", // lower-case x
        "11010519491231002", // 17 characters
        "11010519491231002X0", // 19 characters
        "1101051949123100 X", // space inside
        "１１０１０５１９４９１２３１００２Ｘ", // full-width digits
      })
  void rejectsMalformedNumbers(String id) {
    assertFalse(ChineseIdNumber.isValid(id));
  }

  @Test
  void rejectsImpossibleDatesAndUnknownProvincesEvenWithACorrectCheckCharacter() {
    for (String body :
        new String[] {
          "11010519490231002",
          "11010519491331002",
          "11010517991231002",
          "99010519491231002",
          "00010519491231002"
        }) {
      String id = body + ChineseIdNumber.checkCharacter(body);
      assertFalse(ChineseIdNumber.isValid(id), id);
    }
  }

  @Test
  void birthDateIsReadFromCharactersSevenToFourteen() {
    assertEquals(
        Optional.of(LocalDate.of(1949, 12, 31)), ChineseIdNumber.birthDate("11010519491231002X"));
    assertEquals(
        Optional.of(LocalDate.of(2000, 2, 29)), ChineseIdNumber.birthDate("110105200002290011"));
    assertEquals(Optional.empty(), ChineseIdNumber.birthDate("110105190002290011"));
  }

  @Test
  void checkCharacterRejectsBadBodies() {
    assertThrows(IllegalArgumentException.class, () -> ChineseIdNumber.checkCharacter(null));
    assertThrows(IllegalArgumentException.class, () -> ChineseIdNumber.checkCharacter("1234"));
    assertThrows(
        IllegalArgumentException.class, () -> ChineseIdNumber.checkCharacter("1101051949123100A"));
  }
}
