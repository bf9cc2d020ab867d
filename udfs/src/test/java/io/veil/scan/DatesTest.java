package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
  private final BirthDateDetector birthDates =
      new BirthDateDetector(ChineseIdNumberDetectorTest.TODAY);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1985-03-12|1985-03-12|YEAR_FIRST",
        "1985/3/12|1985-03-12|YEAR_FIRST",
        "1985.03.12|1985-03-12|YEAR_FIRST",
        "19850312|1985-03-12|YEAR_FIRST",
        "12.03.1985|1985-03-12|YEAR_LAST",
        "12-03-1985|1985-03-12|YEAR_LAST",
        "12/03/1985|1985-03-12|YEAR_LAST",
        "03/31/1985|1985-03-31|YEAR_LAST",
        "1985年3月12日|1985-03-12|YEAR_FIRST",
        "12 Mar 1985|1985-03-12|YEAR_LAST",
        "12-March-1985|1985-03-12|YEAR_LAST",
        "March 12, 1985|1985-03-12|YEAR_LAST",
        "1985-03-12 00:00:00|1985-03-12|YEAR_FIRST",
        "1985-03-12T00:00:00Z|1985-03-12|YEAR_FIRST",
      })
  void readsCommonDateForms(String text, String date, DateText.Order order) {
    DateText d = DateText.parse(text);
    assertNotNull(d, text);
    assertEquals(LocalDate.parse(date), d.date());
    assertEquals(order, d.order());
    assertFalse(d.hasTimeOfDay());
  }

  @Test
  void notesATimeOfDay() {
    assertTrue(DateText.parse("2019-06-01 13:45:10.123").hasTimeOfDay());
    assertTrue(DateText.parse("2019-06-01T08:00:00+08:00").hasTimeOfDay());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "1985-02-30",
        "1985-13-01",
        "31/31/1985",
        "19851301",
        "30850312",
        "12345678",
        "1985-03",
        "Mar 1985",
        "12 Foo 1985",
        "1985-03-12 25:00",
        "yesterday",
        "1985-03-12abc",
      })
  void rejectsWhatIsNotARealDate(String text) {
    assertNull(DateText.parse(text), text);
  }

  @Test
  void birthDatesLieWithinTheLast120Years() {
    assertTrue(birthDates.matches("1940-01-01"));
    assertTrue(birthDates.matches("2025-12-31"));
    assertTrue(birthDates.matches("1906-01-01"));
    assertFalse(birthDates.matches("1905-12-31"));
    assertFalse(birthDates.matches("2026-01-02"));
    assertFalse(birthDates.matches("1750-07-04"));
    assertEquals(PiiType.BIRTH_DATE, birthDates.type());
    assertEquals(40.0, birthDates.ageInYears(LocalDate.of(1986, 1, 1)), 0.01);
  }
}
