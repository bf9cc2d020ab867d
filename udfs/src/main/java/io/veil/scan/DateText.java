package io.veil.scan;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A calendar date read from text as people and systems write it: ISO ({@code 1985-03-12}, with or
 * without a time, as Spark casts dates and timestamps), {@code 1985/03/12}, {@code 19850312},
 * {@code 12.03.1985}, {@code 12/03/1985} or {@code 03/12/1985} (day or month first, whichever is a
 * real date), {@code 1985年3月12日}, {@code 12 Mar 1985}, {@code March 12, 1985}. The shape is matched
 * by pattern; the date itself must exist in the calendar.
 */
public final class DateText {

  /** Where the year is written, which decides how a date string can be generalized. */
  public enum Order {
    YEAR_FIRST,
    YEAR_LAST
  }

  private static final Pattern YEAR_FIRST =
      Pattern.compile(
          "(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})"
              + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d{1,9})?)?\\s*(?:Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?)?");
  private static final Pattern COMPACT = Pattern.compile("(19|20)(\\d{2})(\\d{2})(\\d{2})");
  private static final Pattern YEAR_LAST =
      Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})");
  private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern DAY_MONTH_NAME =
      Pattern.compile("(\\d{1,2})[ -]([A-Za-z]{3,9})\\.?[ -](\\d{4})");
  private static final Pattern MONTH_NAME_DAY =
      Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2}),? (\\d{4})");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("january", 1),
          Map.entry("feb", 2),
          Map.entry("february", 2),
          Map.entry("mar", 3),
          Map.entry("march", 3),
          Map.entry("apr", 4),
          Map.entry("april", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("june", 6),
          Map.entry("jul", 7),
          Map.entry("july", 7),
          Map.entry("aug", 8),
          Map.entry("august", 8),
          Map.entry("sep", 9),
          Map.entry("sept", 9),
          Map.entry("september", 9),
          Map.entry("oct", 10),
          Map.entry("october", 10),
          Map.entry("nov", 11),
          Map.entry("november", 11),
          Map.entry("dec", 12),
          Map.entry("december", 12));

  private final LocalDate date;
  private final boolean timeOfDay;
  private final Order order;

  private DateText(LocalDate date, boolean timeOfDay, Order order) {
    this.date = date;
    this.timeOfDay = timeOfDay;
    this.order = order;
  }

  /** The date {@code value} writes, or null when it is not a date (or not a real one). */
  public static DateText parse(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.length() < 8 || s.length() > 40) {
      return null;
    }
    Matcher m = YEAR_FIRST.matcher(s);
    if (m.matches()) {
      boolean time = false;
      if (m.group(5) != null) {
        int h = Integer.parseInt(m.group(5));
        int min = Integer.parseInt(m.group(6));
        int sec = m.group(7) == null ? 0 : Integer.parseInt(m.group(7));
        if (h > 23 || min > 59 || sec > 60) {
          return null;
        }
        time = h + min + sec > 0;
      }
      return of(m.group(1), m.group(3), m.group(4), time, Order.YEAR_FIRST);
    }
    m = COMPACT.matcher(s);
    if (m.matches()) {
      return of(m.group(1) + m.group(2), m.group(3), m.group(4), false, Order.YEAR_FIRST);
    }
    m = YEAR_LAST.matcher(s);
    if (m.matches()) {
      DateText dayFirst = of(m.group(4), m.group(3), m.group(1), false, Order.YEAR_LAST);
      if (dayFirst != null || !m.group(2).equals("/")) {
        return dayFirst;
      }
      return of(m.group(4), m.group(1), m.group(3), false, Order.YEAR_LAST);
    }
    m = CHINESE.matcher(s);
    if (m.matches()) {
      return of(m.group(1), m.group(2), m.group(3), false, Order.YEAR_FIRST);
    }
    m = DAY_MONTH_NAME.matcher(s);
    if (m.matches()) {
      Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
      return month == null
          ? null
          : of(m.group(3), month.toString(), m.group(1), false, Order.YEAR_LAST);
    }
    m = MONTH_NAME_DAY.matcher(s);
    if (m.matches()) {
      Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
      return month == null
          ? null
          : of(m.group(3), month.toString(), m.group(2), false, Order.YEAR_LAST);
    }
    return null;
  }

  private static DateText of(String year, String month, String day, boolean time, Order order) {
    try {
      LocalDate d =
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return new DateText(d, time, order);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  public LocalDate date() {
    return date;
  }

  /** Whether a time other than midnight was written: birth dates rarely carry one. */
  public boolean hasTimeOfDay() {
    return timeOfDay;
  }

  public Order order() {
    return order;
  }
}
