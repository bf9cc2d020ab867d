package io.veil.scan;

import io.veil.ops.validate.ChineseIdNumber;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Mainland China resident identity numbers (GB 11643-1999): {@link ChineseIdNumber#isValid} (a
 * known province, a real birth date, the ISO 7064 MOD 11-2 check character) and a birth date from
 * 1900 up to today. A lower-case check {@code x} is accepted, as data entry often writes it.
 */
public final class ChineseIdNumberDetector implements ValueDetector {
  private final Clock clock;

  public ChineseIdNumberDetector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public PiiType type() {
    return PiiType.ID_CARD;
  }

  @Override
  public String form() {
    return "cn-resident-id";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return s.length() == ChineseIdNumber.LENGTH && isIdNumber(s.toUpperCase(Locale.ROOT));
  }

  /** Whether 18 characters, check character upper-case, are a valid number born by today. */
  boolean isIdNumber(String s) {
    if (!ChineseIdNumber.isValid(s)) {
      return false;
    }
    Optional<LocalDate> born = ChineseIdNumber.birthDate(s);
    return born.isPresent()
        && born.get().getYear() >= 1900
        && !born.get().isAfter(LocalDate.now(clock));
  }
}
