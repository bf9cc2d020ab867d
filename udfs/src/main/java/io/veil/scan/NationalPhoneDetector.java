package io.veil.scan;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

  /** The longest national number with its trunk prefix (international ones may be longer). */
  static final int MAX_NATIONAL_DIGITS = 14;

  private static final int MAX_EXTENSION = 6;
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /**
   * One libphonenumber instance per region for formatting and validating. Each instance caches 100
   * compiled patterns; the thirteen default regions need more than that, so one shared instance
   * compiled its patterns again on nearly every call (250 µs a value instead of 10).
   */
  private static final Map<String, PhoneNumberUtil> BY_REGION = new ConcurrentHashMap<>();

  private static PhoneNumberUtil util(String region) {
    return BY_REGION.computeIfAbsent(
        region,
        r ->
            PhoneNumberUtil.createInstance(
                DefaultMetadataDependenciesProvider.getInstance().getMetadataLoader()));
  }

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

  /**
   * Whether {@code text[from, to)}, as a whole, is a phone number written nationally. Only digits,
   * separators and parentheses get as far as the test for a date, and the only dates written with
   * those alone are three groups ({@code 2024-07-19}, {@code 19.07.2024}): other texts skip the
   * date patterns, six regular expressions a phone number failed one by one.
   */
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
        || isYearRange(groups)
        || (groups.size() == 3 && DateText.parse(text.subSequence(from, to).toString()) != null)) {
      return false;
    }
    // "011" is also how British numbers in Sheffield or Nottingham start: try both readings.
    if ((digits.startsWith("00") || digits.startsWith("011"))
        && dialledFromAbroad(digits, groups)) {
      return true;
    }
    if (digits.length() > MAX_NATIONAL_DIGITS || isDottedQuad(text, from, to, groups)) {
      return false;
    }
    for (String region : regions) {
      if (writtenAsIn(region, digits, groups)) {
        return true;
      }
    }
    return false;
  }

  /** Four groups of one to three digits joined by dots: an IPv4 address's shape. */
  private static boolean isDottedQuad(CharSequence text, int from, int to, List<String> groups) {
    if (groups.size() != 4) {
      return false;
    }
    for (String g : groups) {
      if (g.length() > 3) {
        return false;
      }
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '.') {
        return true;
      }
    }
    return false;
  }

  /**
   * "2019-2024": Brazil and China write eight-digit local numbers in two fours, but a range of
   * years is the likelier reading.
   */
  private static boolean isYearRange(List<String> groups) {
    return groups.size() == 2
        && isYear(groups.get(0))
        && isYear(groups.get(1))
        && groups.get(0).compareTo(groups.get(1)) <= 0;
  }

  private static boolean isYear(String group) {
    return group.length() == 4 && (group.startsWith("19") || group.startsWith("20"));
  }

  /**
   * "001-591-341-7776": an international prefix ({@code 00}, or {@code 011} from North America),
   * then a country code and the number grouped as that country does.
   */
  private static boolean dialledFromAbroad(String digits, List<String> written) {
    PhoneNumber number;
    try {
      number = UTIL.parse("+" + digits.substring(digits.startsWith("011") ? 3 : 2), "ZZ");
    } catch (NumberParseException e) {
      return false;
    }
    if (UTIL.isPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
      return false;
    }
    List<String> format = groups(UTIL.format(number, PhoneNumberFormat.INTERNATIONAL), 1);
    int head = written.size() - format.size();
    return head > 0 && written.subList(head, written.size()).equals(format);
  }

  private static boolean writtenAsIn(String region, String digits, List<String> written) {
    PhoneNumberUtil util = util(region);
    PhoneNumber number = nationalNumber(region, digits);
    // Numbers dialled without their area code ("2019-2024" in Brazil) are possible only locally:
    // written alone they are as likely a range of years.
    if (util.isPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
      return false;
    }
    List<String> format = groups(util.format(number, PhoneNumberFormat.NATIONAL), 0);
    int head = written.size() - format.size();
    if (head >= 0 && written.subList(head, written.size()).equals(format)) {
      // Nothing before the national number but the country's trunk prefix ("1-800-...").
      String before = String.join("", written.subList(0, head));
      return before.isEmpty() || before.equals(UTIL.getNddPrefixForRegion(region, true));
    }
    // An area code, then the subscriber number in one piece ("010-12345678"): a grouping people
    // use everywhere, but only for numbers in ranges in use.
    return written.size() == 2
        && format.size() > 1
        && written.get(0).equals(format.get(0))
        && util.isValidNumber(number);
  }

  /**
   * {@code digits} as a number of {@code region}: its trunk prefix ({@code 0}, {@code 1}) taken
   * off, leading zeros kept as Italy's numbers keep them. This is what libphonenumber's {@code
   * parse} does for digits alone, without the text grammar it runs first (3 to 8 µs a call, times
   * every region tried, on every value of every column scanned).
   */
  private static PhoneNumber nationalNumber(String region, String digits) {
    String trunk = UTIL.getNddPrefixForRegion(region, true);
    String national =
        trunk != null && digits.startsWith(trunk) && digits.length() > trunk.length()
            ? digits.substring(trunk.length())
            : digits;
    PhoneNumber number = new PhoneNumber().setCountryCode(UTIL.getCountryCodeForRegion(region));
    int zeros = 0;
    while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
      zeros++;
    }
    if (zeros > 0) {
      number.setItalianLeadingZero(true);
      if (zeros > 1) {
        number.setNumberOfLeadingZeros(zeros);
      }
    }
    return number.setNationalNumber(Long.parseLong(national));
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
