package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {
  private final EmailDetector detector = new EmailDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "li.wei@example.com",
        "wei_li88@mail.example",
        " j.smith+news@sub.example.org ",
        "o'brien@example.net",
        "x@ab.cd",
        "zhang.san@例子.example",
        "user@xn--fsqu00a.xn--3lr804guic",
        "a.b-c@d-e.example",
      })
  void acceptsAddresses(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.EMAIL, detector.type());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "@handle",
        "user@localhost",
        "user@example",
        "user@example.c",
        "user@@example.com",
        "a@b@example.com",
        ".user@example.com",
        "user.@example.com",
        "us..er@example.com",
        "user@-example.com",
        "user@example-.com",
        "user@exa_mple.com",
        "user@example.123",
        "user at example dot com",
        "user name@example.com",
        "\"quoted\"@example.com",
        "mailto:",
        "user@[192.0.2.1]",
      })
  void rejectsLookAlikes(String value) {
    assertFalse(detector.matches(value), value);
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65})
  void localPartIsAtMost64Characters(int length) {
    String value = "a".repeat(length) + "@example.com";
    assertEquals(length <= 64, detector.matches(value));
  }
}
