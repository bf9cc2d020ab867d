package io.veil.scan;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Dates that can be someone's date of birth: a {@link DateText} date no later than today and at
 * most {@value #MAX_AGE_YEARS} years back. One value proves little (an order date is a plausible
 * birth date too); {@link ColumnClassifier} weighs the column's name and the spread of its dates.
 */
public final class BirthDateDetector implements ValueDetector {
  static final int MAX_AGE_YEARS = 120;

  private final Clock clock;

  public BirthDateDetector(Clock clock) {
    this.clock = clock;
  }

  @Override
  public PiiType type() {
    return PiiType.BIRTH_DATE;
  }

  @Override
  public String form() {
    return "date";
  }

  @Override
  public boolean matches(String value) {
    DateText d = DateText.parse(value);
    return d != null && isPlausible(d.date());
  }

  /** Whether a person alive or recently alive could have been born on {@code date}. */
  public boolean isPlausible(LocalDate date) {
    LocalDate today = LocalDate.now(clock);
    return !date.isAfter(today) && !date.isBefore(today.minusYears(MAX_AGE_YEARS));
  }

  /** Whole years from {@code date} to today. */
  public double ageInYears(LocalDate date) {
    return (LocalDate.now(clock).toEpochDay() - date.toEpochDay()) / 365.2425;
  }
}
