package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressDetectorTest {
  private final MacAddressDetector detector = new MacAddressDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00:1a:2b:3c:4d:5e",
        "00:1A:2B:3C:4D:5E",
        "00-1A-2B-3C-4D-5E",
        "a4:83:e7:0b:9c:11",
        "01:00:5e:00:00:fb", // multicast: still an address
        "00:00:00:00:00:01",
        "ff:ff:ff:ff:ff:fe",
        "001a.2b3c.4d5e",
        "0123.4567.89AB",
        " 00:1a:2b:3c:4d:5e ",
      })
  void acceptsColonHyphenAndCiscoForms(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.MAC_ADDRESS, detector.type());
    assertEquals("mac", detector.form());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "00:00:00:00:00:00", // names no device
        "ff:ff:ff:ff:ff:ff", // broadcast
        "FF-FF-FF-FF-FF-FF",
        "0000.0000.0000",
        "ffff.ffff.ffff",
        "12:34:56", // a time
        "12:34:56.789",
        "2001:db8::1", // IPv6
        "fe80::1a2b:3c4d:5e6f:7a8b",
        "12:34:56:78:9a:bc:de:f0", // IPv6 with two-digit groups
        "12:34:56:78:9a:bc::",
        "00:1a:2b:3c:4d:5e:6f",
        "001a2b3c4d5e", // bare hex: hashes look the same
        "d41d8cd98f00b204e9800998ecf8427e",
        "123e4567-e89b-12d3-a456-426614174000", // a UUID
        "00:1a-2b:3c:4d:5e", // mixed separators
        "00-1a-2b-3c-4d:5e",
        "00:1a:2b:3c:4d:5g",
        "00:1a:2b:3c:4d:5",
        "0:1a:2b:3c:4d:5e",
        "001:a2:b3:c4:d5:e6",
        "00.1a.2b.3c.4d.5e",
        "00 1a 2b 3c 4d 5e",
        "001a.2b3c.4d5",
        "001a:2b3c:4d5e",
        "001a.2b3c.4d5e.6f7a",
        "00:1a:2b:3c:4d:５e",
        "０0:1a:2b:3c:4d:5e",
      })
  void rejectsTimesIpv6HashesAndMixedSeparators(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void matchAtFindsTheWholeAddressInText() {
    String text = "wlan0 at 00:1a:2b:3c:4d:5e, up";
    assertEquals(text.indexOf(','), MacAddressDetector.matchAt(text, 9));
    assertEquals(-1, MacAddressDetector.matchAt(text, 8));
    assertEquals(-1, MacAddressDetector.matchAt(text, 10));
    assertEquals(14, MacAddressDetector.matchAt("001a.2b3c.4d5e.", 0));
    assertEquals(17, MacAddressDetector.matchAt("00:1a:2b:3c:4d:5e: up", 0));
    // Letters or digits right after are the caller's boundary to check.
    assertEquals(17, MacAddressDetector.matchAt("00:1a:2b:3c:4d:5ef", 0));
    // Running on with the same separator makes a longer token.
    assertEquals(-1, MacAddressDetector.matchAt("00:1a:2b:3c:4d:5e:6f", 0));
    assertEquals(-1, MacAddressDetector.matchAt("00:1a:2b:3c:4d:5e::1", 0));
    assertEquals(17, MacAddressDetector.matchAt("00-1a-2b-3c-4d-5e:6f", 0));
    assertEquals(-1, MacAddressDetector.matchAt("00:1a:2b:3c:4d", 0));
    assertEquals(-1, MacAddressDetector.matchAt("00:1a:2b:3c:4d:5e", -1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "00:1a:2b:3c:4d:5e",
        "001a.2b3c.4d5e",
        "00:1a:2b:3c:4d:5e:6f",
        "00:1a:2b:3c:4d:5ef",
        "00:00:00:00:00:00",
        "12:34:56",
        "001a.2b3c.4d5e.",
        "",
      })
  void matchesAgreesWithMatchAtOnWholeValues(String value) {
    assertEquals(
        MacAddressDetector.matchAt(value, 0) == value.length(), detector.matches(value), value);
  }
}
