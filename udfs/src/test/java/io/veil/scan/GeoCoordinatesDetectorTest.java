package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GeoCoordinatesDetectorTest {
  private final GeoCoordinatesDetector decimal = GeoCoordinatesDetector.decimalDegrees();
  private final GeoCoordinatesDetector dms = GeoCoordinatesDetector.degreesMinutesSeconds();

  @Test
  void namesItsTypeAndForms() {
    assertEquals(PiiType.GEO_COORDINATES, decimal.type());
    assertEquals(PiiType.GEO_COORDINATES, dms.type());
    assertEquals("lat-long", decimal.form());
    assertEquals("dms", dms.form());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "37.7749, -122.4194",
        "37.7749,-122.4194",
        "37.7749 -122.4194",
        "37.7749 , -122.4194",
        "(37.7749, -122.4194)",
        "[37.7749, -122.4194]",
        "-33.8688, 151.2093",
        "+48.858370, +2.294481",
        "51.507351, -0.127758",
        "0.000, 51.123",
        "90.000, 180.000",
        "-90.0000, -180.0000",
        "39.90419989999999, 116.40739630000007",
        " 37.7749, -122.4194 ",
      })
  void decimalAcceptsPairsInRangeWithGpsPrecision(String value) {
    assertTrue(decimal.matches(value), value);
    assertFalse(dms.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "12.50, 13.75", // prices: two decimals
        "12.5, 13.75",
        "37.77, -122.4194",
        "37.7749, -122.41",
        "1.2.3, 4.5.6", // versions
        "10.15.7 11.0.1",
        "1.234.5, 6.789",
        "37.7749, -122.4194.5",
        "95.1234, 10.0000", // latitude out of range
        "90.001, 10.000",
        "200.12345, 10.12345",
        "10.000, 180.001", // longitude out of range
        "10.000, 1000.000",
        "-122.4194, 37.7749", // longitude first
        "0.000, 0.000", // the placeholder for no position
        "-0.0000, +0.0000",
        "37.7749", // half a pair
        "37.7749,",
        "37.7749, ",
        "37.7749-122.4194", // no separator
        "37.7749,, -122.4194",
        "37.7749  -122.4194",
        "37.7749,  -122.4194",
        "37.7749; -122.4194",
        "37,7749, -122,4194", // decimal commas
        "1,234.567", // amounts
        "1.234,567",
        "$12.345, 13.456",
        "12.345 USD",
        "(37.7749, -122.4194", // unbalanced
        "(37.7749, -122.4194]",
        "37.7749, -122.4194)",
        "( 37.7749, -122.4194 )",
        "--37.7749, -122.4194",
        "3774.900, 12.000",
        "37.7749, -122.4194, 15.0",
        "37.7749 N, 122.4194 W",
        "37.7749°, -122.4194°",
        "３7.7749, -122.4194",
        "192.168.1.1",
      })
  void decimalRejectsPricesVersionsAndOutOfRange(String value) {
    assertFalse(decimal.matches(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "40°26'46\"N 79°58'56\"W",
        "40°26′46″N 79°58′56″W",
        "40°26’46”N 79°58’56”W",
        "40°26'46''N 79°58'56''W",
        "40° 26′ 46″ N, 79° 58′ 56″ W",
        "40°26'46\"N,79°58'56\"W",
        "40°26'46\"N79°58'56\"W",
        "40°26'46.302\"N 79°58'56.484\"W",
        "33°51'54\"S 151°12'36\"E",
        "40º26'46\"N 79º58'56\"W",
        "0°0'1\"N 0°0'1\"E",
        "90°0'0\"S 180°0'0.000\"W",
        "40°26'59.999\"N 079°58'56\"W",
      })
  void dmsAcceptsDegreesMinutesSecondsWithHemispheres(String value) {
    assertTrue(dms.matches(value), value);
    assertFalse(decimal.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "40°60'46\"N 79°58'56\"W", // minutes reach 60
        "40°26'60\"N 79°58'56\"W", // seconds reach 60
        "40°26'46\"N 79°58'60.5\"W",
        "91°0'0\"N 79°58'56\"W",
        "90°0'1\"N 79°58'56\"W",
        "90°0'0.1\"N 79°58'56\"W",
        "40°26'46\"N 181°0'0\"W",
        "40°26'46\"N 180°0'1\"E",
        "40°26'46\"E 79°58'56\"N", // hemispheres swapped
        "79°58'56\"W 40°26'46\"N",
        "40°26'46\"n 79°58'56\"w",
        "40°26'46\" 79°58'56\"", // no hemispheres
        "40°26'46\"N", // half a pair
        "40°26'46\"N  79°58'56\"W",
        "40°26'46.\"N 79°58'56\"W",
        "40°26N 79°58W", // no seconds
        "40°26'N 79°58'W",
        "40 26 46 N 79 58 56 W",
        "40°26'46'N 79°58'56'W",
        "40°26''46\"N 79°58'56\"W",
        "1040°26'46\"N 79°58'56\"W",
        "40°126'46\"N 79°58'56\"W",
        "40°26'46\"N 79°58'56\"W 5",
        "40°26'46\"N79°58'56\"W.",
      })
  void dmsRejectsOutOfRangeAndMalformedPairs(String value) {
    assertFalse(dms.matches(value), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"37.7749", "-33.8688", "+2.294481", "90.000", "-90.000", " 0.000 "})
  void isCoordinateAcceptsALatitude(String value) {
    assertTrue(GeoCoordinatesDetector.isCoordinate(value, true), value);
    assertTrue(GeoCoordinatesDetector.isCoordinate(value, false), value);
  }

  @Test
  void isCoordinateChecksTheRangeOfTheAxisAsked() {
    assertTrue(GeoCoordinatesDetector.isCoordinate("-122.4194", false));
    assertFalse(GeoCoordinatesDetector.isCoordinate("-122.4194", true));
    assertTrue(GeoCoordinatesDetector.isCoordinate("180.0000", false));
    assertFalse(GeoCoordinatesDetector.isCoordinate("180.0001", false));
    assertFalse(GeoCoordinatesDetector.isCoordinate("90.0001", true));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "37.77",
        "37",
        "37.",
        ".7749",
        "37.7749.1",
        "1e-3",
        "1.0E-4",
        "37.7749N",
        "3.7749,"
      })
  void isCoordinateRejectsLowPrecisionAndOtherText(String value) {
    assertFalse(GeoCoordinatesDetector.isCoordinate(value, true), value);
    assertFalse(GeoCoordinatesDetector.isCoordinate(value, false), value);
  }

  @Test
  void matchAtFindsTheWholePairInText() {
    String text = "Met at 37.7749, -122.4194. Then left";
    assertEquals(text.indexOf(". "), GeoCoordinatesDetector.matchAt(text, 7));
    assertEquals(-1, GeoCoordinatesDetector.matchAt(text, 6));
    text = "pos (37.7749, -122.4194) ok";
    assertEquals(text.indexOf(" ok"), GeoCoordinatesDetector.matchAt(text, 4));
    assertEquals(text.indexOf(") ok"), GeoCoordinatesDetector.matchAt(text, 5));
    text = "Summit 40°26'46\"N 79°58'56\"W.";
    assertEquals(text.length() - 1, GeoCoordinatesDetector.matchAt(text, 7));
    assertEquals(text.length() - 1, GeoCoordinatesDetector.matchDmsAt(text, 7));
    assertEquals(-1, GeoCoordinatesDetector.matchDecimalAt(text, 7));
    // What follows is the caller's boundary to check, but not a dotted run-on.
    assertEquals(18, GeoCoordinatesDetector.matchAt("37.7749, -122.4194, 15.0", 0));
    assertEquals(18, GeoCoordinatesDetector.matchAt("37.7749, -122.4194x", 0));
    assertEquals(-1, GeoCoordinatesDetector.matchAt("37.7749, -122.4194.5", 0));
    assertEquals(-1, GeoCoordinatesDetector.matchAt("37.7749, -122.4194", -1));
    assertEquals(-1, GeoCoordinatesDetector.matchAt("37.7749, -122.4194", 18));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "37.7749, -122.4194",
        "(37.7749, -122.4194)",
        "(37.7749, -122.4194",
        "37.7749, -122.4194, 15.0",
        "12.50, 13.75",
        "40°26'46\"N 79°58'56\"W",
        "40°26'46\"N 79°58'56\"W 5",
        "40°26'46\"N",
        "0.000, 0.000",
        "",
      })
  void matchesAgreesWithMatchAtOnWholeValues(String value) {
    assertEquals(
        GeoCoordinatesDetector.matchDecimalAt(value, 0) == value.length(),
        decimal.matches(value),
        value);
    assertEquals(
        GeoCoordinatesDetector.matchDmsAt(value, 0) == value.length(), dms.matches(value), value);
    assertEquals(
        GeoCoordinatesDetector.matchAt(value, 0) == value.length(),
        decimal.matches(value) || dms.matches(value),
        value);
  }
}
