package io.veil.scan;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Phone numbers written the way a country writes them at home, without {@code +}: {@code (591)
 * 341-7776}, {@code 206.269.0743x9150}, {@code 0115 496 0914}, {@code 030 12345678}, {@code 01 23
 * 45 67 89}, or dialled from abroad with an international prefix ({@code 001-591-341-7776}).
 *
 * <p>Countries' numbering plans come from Google's libphonenumber (lengths, number ranges and
 * formats of every country it knows), not from rules of Veil's own. Shape alone cannot tell a
 * national number from an order number, so a value counts only when, for one of the regions tried,
 * libphonenumber finds it a possible number and it is <em>written as that country groups its
 * numbers</em>: its digit groups are the groups libphonenumber's national format gives ({@code 206
 * 269 0743} for a US number), or, for a number libphonenumber also finds valid (its range is in
 * use), an area code with its trunk prefix and the subscriber number in one piece ({@code
 * 010-12345678}). A single run of digits never counts (use {@code +} or a column name), nor does a
 * date.
 *
 * <p>The regions tried are the column's, when its name names one ({@code phone_de}), then {@link
 * #DEFAULT_REGIONS}. Fictional and drama ranges (Ofcom's {@code 0115 496 0xxx}, NANP's {@code 555})
 * are possible numbers and count: test data is written with them.
 */
public final class NationalPhoneDetector implements ValueDetector {
  /** Regions tried for every column: the largest economies writing Latin digits. */
  public static final List<String> DEFAULT_REGIONS =
      List.of("US", "GB", "DE", "FR", "ES", "IT", "NL", "CN", "IN", "AU", "BR", "MX", "JP");

  static final int MIN_DIGITS = 7;
  static final int MAX_DIGITS = 17;
  private static final int MAX_EXTENSION = 6;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private final List<String> regions;

  public NationalPhoneDetector() {
    this(DEFAULT_REGIONS);
  }

  /**
   * @param regions ISO 3166 region codes libphonenumber supports, tried in order
   */
  public NationalPhoneDetector(Collection<String> regions) {
    Set<String> supported = UTIL.getSupportedRegions();
    Set<String> kept = new LinkedHashSet<>();
    for (String r : regions) {
      String code = r.toUpperCase(Locale.ROOT);
      if (!supported.contains(code)) {
        throw new IllegalArgumentException("not a region libphonenumber knows: " + r);
      }
      kept.add(code);
    }
    this.regions = List.copyOf(kept);
  }

  /** This detector, trying {@code first} before the default regions. */
  public static NationalPhoneDetector preferring(Collection<String> first) {
    List<String> all = new ArrayList<>(first);
    all.addAll(DEFAULT_REGIONS);
    return new NationalPhoneDetector(all);
  }

  /** Whether libphonenumber knows {@code region} (an ISO 3166 code such as {@code DE}). */
  public static boolean isRegion(String region) {
    return UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
  }

  @Override
  public PiiType type() {
    return PiiType.PHONE;
  }

  @Override
  public String form() {
    return "national";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String s = value.strip();
    return matches(s, 0, s.length());
  }

  /** Whether {@code text[from, to)}, as a whole, is a phone number written nationally. */
  public boolean matches(CharSequence text, int from, int to) {
    if (to - from < MIN_DIGITS || text.charAt(from) == '+') {
      return false;
    }
    to = withoutExtension(text, from, to);
    List<String> groups = new ArrayList<>(6);
    String digits = groupedDigits(text, from, to, groups);
    if (digits == null
        || groups.size() < 2
        || digits.length() < MIN_DIGITS
        || digits.length() > MAX_DIGITS
        || DateText.parse(text.subSequence(from, to).toString()) != null) {
      return false;
    }
    for (String region : regions) {
      if (writtenAsIn(region, digits, groups)) {
        return true;
      }
    }
    return false;
  }

  private static boolean writtenAsIn(String region, String digits, List<String> written) {
    PhoneNumber number;
    try {
      // Keeping the raw input is what makes libphonenumber say how the country code was given.
      number = UTIL.parseAndKeepRawInput(digits, region);
    } catch (NumberParseException e) {
      return false;
    }
    if (!UTIL.isPossibleNumber(number)) {
      return false;
    }
    boolean dialledFromAbroad =
        number.getCountryCodeSource() == PhoneNumber.CountryCodeSource.FROM_NUMBER_WITH_IDD;
    List<String> format =
        dialledFromAbroad
            ? groups(UTIL.format(number, PhoneNumberFormat.INTERNATIONAL), 1)
            : groups(UTIL.format(number, PhoneNumberFormat.NATIONAL), 0);
    int head = written.size() - format.size();
    if (head >= 0 && written.subList(head, written.size()).equals(format)) {
      if (dialledFromAbroad) {
        return head > 0; // "001" and the rest grouped as the country does
      }
      // Nothing before the national number but the country's trunk prefix ("1-800-...").
      String before = String.join("", written.subList(0, head));
      return before.isEmpty() || before.equals(UTIL.getNddPrefixForRegion(region, true));
    }
    // An area code, then the subscriber number in one piece ("010-12345678"): a grouping people
    // use everywhere, but only for numbers in ranges in use.
    return !dialledFromAbroad
        && written.size() == 2
        && format.size() > 1
        && written.get(0).equals(format.get(0))
        && UTIL.isValidNumber(number);
  }

  /** The digit runs of a formatted number, the first {@code skip} runs left out. */
  private static List<String> groups(String formatted, int skip) {
    List<String> out = new ArrayList<>(6);
    int start = -1;
    int seen = 0;
    for (int i = 0; i <= formatted.length(); i++) {
      boolean digit = i < formatted.length() && isDigit(formatted.charAt(i));
      if (digit && start < 0) {
        start = i;
      } else if (!digit && start >= 0) {
        if (seen++ >= skip) {
          out.add(formatted.substring(start, i));
        }
        start = -1;
      }
    }
    return out;
  }

  /**
   * Where {@code text[from, to)} ends without an extension written after the number: {@code x9150},
   * {@code ext. 12}, {@code #3}.
   */
  static int withoutExtension(CharSequence text, int from, int to) {
    int i = to;
    while (i > from && isDigit(text.charAt(i - 1)) && to - i < MAX_EXTENSION) {
      i--;
    }
    if (i == to || i == from) {
      return to;
    }
    int j = i;
    while (j > from && text.charAt(j - 1) == ' ') {
      j--;
    }
    int marker = j;
    if (j > from && (text.charAt(j - 1) == 'x' || text.charAt(j - 1) == '#')) {
      marker = j - 1;
    } else if (j - 4 >= from && regionMatches(text, j - 4, "ext.")) {
      marker = j - 4;
    } else if (j - 3 >= from && regionMatches(text, j - 3, "ext")) {
      marker = j - 3;
    }
    if (marker == j) {
      return to;
    }
    while (marker > from && text.charAt(marker - 1) == ' ') {
      marker--;
    }
    return marker > from && isDigit(text.charAt(marker - 1)) ? marker : to;
  }

  private static boolean regionMatches(CharSequence text, int at, String word) {
    for (int k = 0; k < word.length(); k++) {
      if (Character.toLowerCase(text.charAt(at + k)) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The digits of {@code text[from, to)}, its digit groups added to {@code groups}, or null when it
   * is not written as phone numbers are: digit groups joined by one separator ({@code space - .
   * /}), one of which may be wrapped in parentheses ({@code (591)341-7776}, {@code (020) 7946}).
   */
  static String groupedDigits(CharSequence text, int from, int to, List<String> groups) {
    StringBuilder digits = new StringBuilder(to - from);
    boolean open = false;
    boolean usedParentheses = false;
    int run = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (isDigit(c)) {
        digits.append(c);
        run++;
        continue;
      }
      if (run > 0) {
        groups.add(digits.substring(digits.length() - run));
        run = 0;
      }
      if (c == '(') {
        // Opens a group: at the start or after a separator, once.
        boolean atGroupStart = i == from || " -./".indexOf(text.charAt(i - 1)) >= 0;
        if (usedParentheses || !atGroupStart || i + 1 >= to || !isDigit(text.charAt(i + 1))) {
          return null;
        }
        open = true;
        usedParentheses = true;
      } else if (c == ')') {
        if (!open || !isDigit(text.charAt(i - 1)) || i + 1 >= to) {
          return null;
        }
        open = false;
        char next = text.charAt(i + 1);
        if (next == ' ' || next == '-') {
          i++; // ") " and ")-" are one separator
          if (i + 1 >= to || !isDigit(text.charAt(i + 1))) {
            return null;
          }
        } else if (!isDigit(next)) {
          return null;
        }
      } else if (" -./".indexOf(c) >= 0) {
        if (i == from || !isDigit(text.charAt(i - 1)) || i + 1 >= to) {
          return null;
        }
        char next = text.charAt(i + 1);
        if (!isDigit(next) && next != '(') {
          return null;
        }
      } else {
        return null;
      }
    }
    if (run > 0) {
      groups.add(digits.substring(digits.length() - run));
    }
    return open || digits.length() == 0 ? null : digits.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
