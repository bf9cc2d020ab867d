package io.veil.scan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Finds personal data written inside free text ("Call back on 138-1234-5678", "Prefers email
 * li.wei@example.com"): it cuts out candidates (around each {@code @}, runs of digits and
 * separators, dotted and colon-separated tokens, IBAN-like tokens, the start of every token for
 * Social Security and National Insurance numbers, MAC addresses and coordinates, known place names
 * and house numbers for postal addresses) and hands each to the same validators the whole-value
 * detectors use. Names and dates inside text are not looked for: a dictionary word or a date in a
 * note says too little on its own.
 */
public final class EmbeddedPiiFinder {
  private static final int MAX_GROUPS = 8;
  private static final Ipv4AddressDetector IPV4 = new Ipv4AddressDetector();
  private static final Ipv6AddressDetector IPV6 = new Ipv6AddressDetector();

  private final EmailDetector email = new EmailDetector();
  private final ChineseMobileDetector mobile = new ChineseMobileDetector();
  private final E164PhoneDetector e164 = new E164PhoneDetector();
  private final NationalPhoneDetector national = new NationalPhoneDetector();
  private final PostalAddressDetector postal = new PostalAddressDetector();
  private final ChineseIdNumberDetector idNumber;

  public EmbeddedPiiFinder(ChineseIdNumberDetector idNumber) {
    this.idNumber = idNumber;
  }

  /**
   * Longest first at each start; the same text read two ways (139.20.145.222 as an address and, its
   * separators ignored, as a phone; 123-45-6789 as a Social Security number and as some country's
   * phone) is the more specific type: phones, the loosest, come last.
   */
  private static final Comparator<Span> ORDER =
      Comparator.comparingInt(Span::start)
          .thenComparing(Comparator.comparingInt((Span x) -> x.end()).reversed())
          .thenComparing(x -> x.type() != PiiType.IP_ADDRESS)
          .thenComparing(x -> x.type() == PiiType.PHONE);

  /** Where a piece of personal data is written: chars {@code [start, end)} of the text. */
  public record Span(int start, int end, PiiType type) {}

  /** The kinds of personal data found in {@code text}; empty when none. */
  public Set<PiiType> find(String text) {
    Set<PiiType> found = EnumSet.noneOf(PiiType.class);
    for (Span s : spans(text)) {
      found.add(s.type());
    }
    return found;
  }

  /**
   * Every piece of personal data in {@code text}, in order, none overlapping another: where two
   * candidates overlap (a card number's digits also read as a phone), the longer one wins.
   */
  public List<Span> spans(String text) {
    List<Span> found = new ArrayList<>();
    if (text == null || text.length() < 6) {
      return found;
    }
    // The scans below read chars from an array, not through String.charAt and its check of the
    // string's coder and bounds, and only near the digits and separators found in one pass.
    TextMarks marks = new TextMarks(text.toCharArray());
    Groups groups = new Groups();
    findEmails(text, found);
    findNumbers(text, marks, groups, found);
    findAddresses(text, marks, found);
    findCodes(text, marks, found);
    // Last: libphonenumber is the costliest check, and what the others found needs none.
    findNationalPhones(text, marks, groups, found);
    for (int[] a : postal.find(text, marks)) {
      found.add(new Span(a[0], a[1], PiiType.POSTAL_ADDRESS));
    }
    found.sort(ORDER);
    List<Span> kept = new ArrayList<>();
    for (Span c : found) {
      if (!kept.isEmpty() && c.start() < kept.get(kept.size() - 1).end()) {
        Span last = kept.get(kept.size() - 1);
        if (c.end() - c.start() > last.end() - last.start()) {
          kept.set(kept.size() - 1, c);
        }
        continue;
      }
      kept.add(c);
    }
    return kept;
  }

  /**
   * {@link #spans(String)} of a text decoded from UTF-8, its marks found as it was decoded. The
   * same steps as there, written out again: with them in one method that both called, or only the
   * sort and the choice between overlapping spans, {@link #spans(String)} took 15% more CPU (the
   * JIT compiled it differently; measured with {@code TextRedactorThroughput}).
   */
  public List<Span> spans(DecodedText decoded) {
    List<Span> found = new ArrayList<>();
    String text = decoded.text;
    if (text.length() < 6) {
      return found;
    }
    TextMarks marks = decoded.marks;
    Groups groups = new Groups();
    findEmails(text, found);
    findNumbers(text, marks, groups, found);
    findAddresses(text, marks, found);
    findCodes(text, marks, found);
    findNationalPhones(text, marks, groups, found);
    for (int[] a : postal.find(text, marks)) {
      found.add(new Span(a[0], a[1], PiiType.POSTAL_ADDRESS));
    }
    found.sort(ORDER);
    List<Span> kept = new ArrayList<>();
    for (Span c : found) {
      if (!kept.isEmpty() && c.start() < kept.get(kept.size() - 1).end()) {
        Span last = kept.get(kept.size() - 1);
        if (c.end() - c.start() > last.end() - last.start()) {
          kept.set(kept.size() - 1, c);
        }
        continue;
      }
      kept.add(c);
    }
    return kept;
  }

  private void findEmails(String text, List<Span> found) {
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int from = at;
      while (from > 0
          && (EmailDetector.isAtext(text.charAt(from - 1)) || text.charAt(from - 1) == '.')
          && text.charAt(from - 1) < 0x80) {
        from--;
      }
      while (from < at && text.charAt(from) == '.') {
        from++;
      }
      int to = at + 1;
      while (to < text.length()
          && (EmailDetector.isAsciiLetterOrDigit(text.charAt(to))
              || text.charAt(to) == '.'
              || text.charAt(to) == '-')) {
        to++;
      }
      while (to > at + 1 && (text.charAt(to - 1) == '.' || text.charAt(to - 1) == '-')) {
        to--;
      }
      if (from < at
          && EmailDetector.isLocalPart(text, from, at)
          && EmailDetector.isDomain(text, at + 1, to)) {
        found.add(new Span(from, to, PiiType.EMAIL));
      }
    }
  }

  /**
   * Runs of digit groups joined by single separators, not glued to ASCII letters or digits (Han
   * text around them is fine: Chinese writes no spaces). Every window of consecutive groups is
   * tried as a phone, ID or card number, so "order 2024 13812345678" still finds the phone.
   */
  private void findNumbers(String text, TextMarks marks, Groups groups, List<Span> found) {
    char[] s = marks.chars;
    int n = s.length;
    int i = 0; // the chars before i are read
    for (int m = 0; m < marks.size(); m++) {
      int d = marks.at(m);
      if (d < i || !marks.isDigit(m)) {
        continue;
      }
      // A run starts at a digit, or at the + before it, not glued to a letter or digit before.
      boolean plus = d - 1 >= i && s[d - 1] == '+' && !(d >= 2 && isAsciiAlnum(s[d - 2]));
      if (plus) {
        i = d - 1;
      } else if (d > 0 && isAsciiAlnum(s[d - 1])) {
        i = d + 1;
        continue;
      } else {
        i = d;
      }
      groups.clear();
      int j = plus ? i + 1 : i;
      while (j < n && isDigit(s[j])) {
        int start = j;
        while (j < n && isDigit(s[j])) {
          j++;
        }
        groups.add(start, j);
        if (j + 1 < n && (s[j] == ' ' || s[j] == '-' || s[j] == '.') && isDigit(s[j + 1])) {
          j++;
        } else {
          break;
        }
      }
      int end = j;
      boolean checkX =
          end < n
              && (s[end] == 'X' || s[end] == 'x')
              && (end + 1 == n || !isAsciiAlnum(s[end + 1]));
      if (end < n && isAsciiAlnum(s[end]) && !checkX) {
        i = end + 1;
        continue;
      }
      testWindows(text, i, plus, groups, checkX, found);
      i = end + 1;
    }
  }

  private void testWindows(
      String text, int runStart, boolean plus, Groups groups, boolean checkX, List<Span> found) {
    for (int a = 0; a < groups.size(); a++) {
      int length = 0;
      for (int b = a; b < groups.size() && b < a + MAX_GROUPS; b++) {
        length += groups.end(b) - groups.start(b);
        if (length > 20) {
          break;
        }
        // Fewer digits than the shortest number tried here (an international phone after its
        // +, else a mainland mobile): most windows, and nothing to build or check for them.
        boolean international = a == 0 && plus;
        if (length
            < (international ? E164PhoneDetector.MIN_DIGITS : ChineseMobileDetector.LENGTH)) {
          continue;
        }
        int from = international ? runStart : groups.start(a);
        int to = groups.end(b);
        String d = groups.digits(text, a, b, length);
        // A mainland mobile has 11 digits, 13 after 86, 15 after 0086, any after a +: most
        // windows (order and tracking numbers, IDs) are none, and their text is not cut out.
        if (international || length == 11 || length == 13 || length == 15) {
          String written = text.substring(from, to);
          if (mobile.matches(written) || (international && e164.matches(written))) {
            found.add(new Span(from, to, PiiType.PHONE));
          }
        }
        if (b == groups.size() - 1 && checkX && d.length() == 17 && idNumber.isIdNumber(d + "X")) {
          found.add(new Span(groups.start(a), to + 1, PiiType.ID_CARD));
        }
        if (d.length() == 18 && idNumber.isIdNumber(d)) {
          found.add(new Span(groups.start(a), to, PiiType.ID_CARD));
        } else if (BankCardDetector.isCardNumber(d)
            && (isGroupedLikeACard(text, groups, a, b) || mentionsACard(text, groups.start(a)))) {
          found.add(new Span(groups.start(a), to, PiiType.BANK_CARD));
        }
      }
    }
  }

  /**
   * Whether a Luhn-valid number is written as cards are, in groups of four (Amex: 4-6-5) joined by
   * spaces or hyphens. One long number in ten passes Luhn, and notes are full of long numbers
   * (tracking, invoices), so an ungrouped one counts only next to a word for cards.
   */
  private static boolean isGroupedLikeACard(String text, Groups groups, int a, int b) {
    if (a == b) {
      return false;
    }
    for (int k = a; k <= b; k++) {
      int length = groups.end(k) - groups.start(k);
      if (length < 4 || length > 6 || (k < b && text.charAt(groups.end(k)) == '.')) {
        return false;
      }
    }
    return true;
  }

  private static final String[] CARD_WORDS = {
    "card", "visa", "master", "amex", "credit", "debit", "unionpay", "cc", "pan", "卡"
  };

  /** Whether one of the {@link #CARD_WORDS} appears in the 24 characters before {@code at}. */
  private static boolean mentionsACard(String text, int at) {
    String before = text.substring(Math.max(0, at - 24), at).toLowerCase(java.util.Locale.ROOT);
    for (String w : CARD_WORDS) {
      if (before.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Phone numbers written nationally ({@code (591) 341-7776}, {@code 0115 496 0914}, {@code
   * 206.269.0743x9150}): runs of digits, separators and parentheses, not glued to letters (an
   * extension aside), each window of two or more digit groups tried with {@link
   * NationalPhoneDetector}, longest first, so "room 12 415 555 2671" still finds the number.
   */
  private void findNationalPhones(String text, TextMarks marks, Groups groups, List<Span> found) {
    char[] s = marks.chars;
    int n = s.length;
    int i = 0; // the chars before i are read
    for (int m = 0; m < marks.size(); m++) {
      int d = marks.at(m);
      if (d < i || !marks.isDigit(m)) {
        continue;
      }
      // A run starts at a digit, or at the ( before it, not glued to a word or code before.
      if (d - 1 >= i && s[d - 1] == '(' && !gluedBefore(s, d - 1)) {
        i = d - 1;
      } else if (gluedBefore(s, d)) {
        i = d + 1;
        continue;
      } else {
        i = d;
      }
      int j = i;
      int digits = 0;
      groups.clear();
      while (j < n && isPhoneChar(s[j])) {
        if (isDigit(s[j])) {
          int g = j;
          while (j < n && isDigit(s[j])) {
            j++;
          }
          groups.add(g, j);
          digits += j - g;
        } else {
          j++;
        }
      }
      int end = groups.end(groups.size() - 1);
      int withExtension = extensionEnd(text, end);
      // Glued to a letter, or to a time ("2024-07-19 09:30": the run stops at the colon).
      boolean glued =
          withExtension < n
              && (isAsciiAlnum(s[withExtension])
                  || (s[withExtension] == ':'
                      && withExtension + 1 < n
                      && isDigit(s[withExtension + 1])));
      // Fewer digits in the whole run than in the shortest phone: no window of it can be one.
      if (!glued && groups.size() >= 2 && digits >= NationalPhoneDetector.MIN_DIGITS) {
        phoneWindows(text, groups, withExtension, found);
      }
      i = Math.max(j, withExtension) + 1;
    }
  }

  /** The characters a nationally written phone's run holds: {@code 0123456789 -./()}. */
  private static boolean isPhoneChar(char c) {
    return isDigit(c) || c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
  }

  /**
   * Whether a number at {@code i} continues a word or code: {@code A1}, {@code AB-4411}, {@code
   * +1}.
   */
  private static boolean gluedBefore(char[] s, int i) {
    if (i == 0) {
      return false;
    }
    char c = s[i - 1];
    return isAsciiAlnum(c)
        || c == '+'
        || ((c == '-' || c == '.' || c == '/') && i > 1 && isAsciiAlnum(s[i - 2]));
  }

  /**
   * Tries the whole run, then the run without its first groups ("room 12 415 555 2671"), then
   * without its last ones ("415 555 2671 2 times"): a phone is written as one run, so windows in
   * its middle are not worth thirteen countries' numbering plans. Runs grouped in fours, three
   * groups or more, are how cards and IBANs are written and are left alone.
   */
  private void phoneWindows(String text, Groups groups, int withExtension, List<Span> found) {
    int last = groups.size() - 1;
    boolean fours = groups.size() >= 3;
    for (int k = 0; k <= last; k++) {
      fours &= groups.end(k) - groups.start(k) == 4;
    }
    if (fours) {
      return;
    }
    // A window starts or ends inside the run only at a space: "7.0.264.3080" is one number.
    for (int a = 0; a < last; a++) {
      if ((a == 0 || text.charAt(groups.start(a) - 1) == ' ')
          && phoneAt(text, groups, a, last, withExtension, found)) {
        return;
      }
    }
    for (int b = last - 1; b >= 1; b--) {
      if (text.charAt(groups.end(b)) == ' ' && phoneAt(text, groups, 0, b, withExtension, found)) {
        return;
      }
    }
  }

  private boolean phoneAt(
      String text, Groups groups, int a, int b, int withExtension, List<Span> found) {
    int digits = 0;
    for (int k = a; k <= b; k++) {
      int length = groups.end(k) - groups.start(k);
      // "7.9.112.9207": a version's or an address's parts, not a phone's groups. One digit
      // leads a phone only as a trunk prefix ("1-800-...").
      if (length == 1 && (k > a || "01".indexOf(text.charAt(groups.start(k))) < 0)) {
        return false;
      }
      digits += length;
    }
    if (b - a + 1 > MAX_GROUPS
        || digits < NationalPhoneDetector.MIN_DIGITS
        || digits > NationalPhoneDetector.MAX_DIGITS) {
      return false;
    }
    int from = groups.start(a);
    boolean parenthesized = from > 0 && text.charAt(from - 1) == '(';
    if (parenthesized) {
      from--;
    }
    int to = b == groups.size() - 1 ? withExtension : groups.end(b);
    // Two groups are an area code and a number only with a trunk 0 or parentheses
    // ("030 12345678", "(020) 79460958"); otherwise "2024 123456" is an order number.
    boolean phoneLike =
        b - a >= 2 || parenthesized || to > groups.end(b) || text.charAt(from) == '0';
    if (phoneLike && !overlaps(found, from, to) && national.matches(text, from, to)) {
      found.add(new Span(from, to, PiiType.PHONE));
      return true;
    }
    return false;
  }

  /** Whether {@code [from, to)} overlaps a span already found (an IBAN's digits, a card). */
  private static boolean overlaps(List<Span> found, int from, int to) {
    for (Span s : found) {
      if (s.start() < to && from < s.end()) {
        return true;
      }
    }
    return false;
  }

  /** The end of an extension ({@code x9150}, {@code ext. 12}) written right after {@code end}. */
  private static int extensionEnd(String text, int end) {
    int n = text.length();
    int i = end;
    while (i < n && text.charAt(i) == ' ' && i < end + 1) {
      i++;
    }
    if (i < n && (text.charAt(i) == 'x' || text.charAt(i) == '#')) {
      i++;
    } else if (i < n && (text.charAt(i) | 0x20) != 'e') {
      return end; // what follows most numbers: no need to compare it with "ext" twice
    } else if (text.regionMatches(true, i, "ext.", 0, 4)) {
      i += 4;
    } else if (text.regionMatches(true, i, "ext", 0, 3)) {
      i += 3;
    } else {
      return end;
    }
    while (i < n && text.charAt(i) == ' ') {
      i++;
    }
    int digits = i;
    while (i < n && isDigit(text.charAt(i)) && i - digits < 6) {
      i++;
    }
    return i > digits && (i == n || !isAsciiAlnum(text.charAt(i))) ? i : end;
  }

  /**
   * Dotted and colon-separated tokens tried as IPv4 and IPv6 addresses. A token is the part of a
   * run of hex digits, dots, colons and slashes from its first char that starts a word (not glued
   * to an ASCII letter or digit before it); only runs holding a dot or a colon can hold an address,
   * so only those are looked at, found from their dots and colons.
   */
  private static void findAddresses(String text, TextMarks marks, List<Span> found) {
    char[] s = marks.chars;
    int n = s.length;
    int i = 0; // the chars before i are read
    for (int m = 0; m < marks.size(); m++) {
      int at = marks.at(m);
      if (at < i || (s[at] != '.' && s[at] != ':')) {
        continue;
      }
      int runStart = at;
      while (runStart > 0 && isTokenChar(s[runStart - 1])) {
        runStart--;
      }
      int runEnd = at;
      while (runEnd < n && isTokenChar(s[runEnd])) {
        runEnd++;
      }
      addressInRun(text, s, runStart, runEnd, found);
      i = runEnd + 1; // s[runEnd] is no token char: the next run starts after it
    }
  }

  private static void addressInRun(
      String text, char[] s, int runStart, int runEnd, List<Span> found) {
    int i = runStart;
    while (i < runEnd && (!isHexOrSeparator(s[i]) || (i > 0 && isAsciiAlnum(s[i - 1])))) {
      i++;
    }
    if (i == runEnd || (runEnd < s.length && isAsciiAlnum(s[runEnd]))) {
      return;
    }
    int to = runEnd;
    while (to > i && (s[to - 1] == '.' || (s[to - 1] == ':' && !(to >= 2 && s[to - 2] == ':')))) {
      to--;
    }
    // Only a token with a dot, not first, can be an IPv4 address, only one with a colon an IPv6
    // one.
    boolean dot = false;
    boolean colon = false;
    for (int k = i; k < to; k++) {
      dot |= s[k] == '.';
      colon |= s[k] == ':';
    }
    dot &= s[i] != '.';
    if (dot || colon) {
      String token = text.substring(i, to);
      if ((dot && IPV4.matches(token) && !isProductVersion(text, i))
          || (colon && IPV6.matches(token))) {
        found.add(new Span(i, to, PiiType.IP_ADDRESS));
      }
    }
  }

  /** The chars of an address token: hex digits, dots, colons and the slash of a prefix length. */
  private static boolean isTokenChar(char c) {
    return isHexOrSeparator(c) || c == '/';
  }

  /**
   * Whether a dotted number at {@code at} is a version, not an address: right after {@code Name/}
   * ({@code Chrome/13.0.782.0}) or {@code rv:} ({@code rv:1.9.7.20}) as user-agent strings write
   * them, or after a word for versions ({@code version 1.9.7.20}).
   */
  private static boolean isProductVersion(String text, int at) {
    if (at >= 2 && text.charAt(at - 1) == '/' && isAsciiAlnum(text.charAt(at - 2))) {
      return true;
    }
    if (at >= 3 && text.regionMatches(true, at - 3, "rv:", 0, 3)) {
      return true;
    }
    int end = at;
    while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == ':')) {
      end--;
    }
    int start = end;
    while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
      start--;
    }
    if (end <= start) {
      return false;
    }
    String word = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
    // Chinese writes no spaces: the "word" is the whole run of characters before the number.
    return VERSION_WORDS.contains(word) || word.endsWith("版本") || word.endsWith("版本号");
  }

  /** Words after which a dotted number is a version ("upgraded to version 1.9.7.20"). */
  private static final Set<String> VERSION_WORDS =
      Set.of("version", "ver", "build", "release", "firmware", "fw", "rev", "revision", "版本");

  /**
   * IBANs, US Social Security numbers, UK National Insurance numbers, MAC addresses and coordinate
   * pairs, tried at the start of each token (a character not glued to a letter or digit before it),
   * in one pass. No IBAN can be written over exactly the chars of one of the others (its chars are
   * letters, digits and spaces, 15 or more), so trying them in one pass rather than two changes no
   * span that is kept.
   */
  private static void findCodes(String text, TextMarks marks, List<Span> found) {
    char[] s = marks.chars;
    int ibanFrom = 0; // none starts inside an IBAN already found
    int next = 0; // the chars before next are tried
    for (int m = 0; m < marks.size(); m++) {
      // Each form has a mark within its first five chars: an IBAN's and a National Insurance
      // number's digits at 2 or 3, a MAC address's separator at 2 or 4, a Social Security number's
      // or coordinates' digit at 0 to 2. Only the starts up to 4 chars before a mark are tried.
      int to = marks.at(m);
      for (int i = Math.max(next, to - 4); i <= to; i++) {
        if (s[i] <= 0x7f && (i == 0 || !isAsciiAlnum(s[i - 1]))) {
          ibanFrom = codesAt(text, s, i, ibanFrom, found);
        }
      }
      next = to + 1;
    }
  }

  /**
   * Tries each code's form at token start {@code i}; returns where the next IBAN may start (after
   * the one found here, if any).
   */
  private static int codesAt(String text, char[] s, int i, int ibanFrom, List<Span> found) {
    int n = s.length;
    char c = s[i];
    if (i >= ibanFrom && isUpper(c) && i + 15 <= n) {
      int end = ibanAt(text, s, i, found);
      if (end > 0) {
        ibanFrom = end;
      }
    }
    // Each detector is asked only where the char its form needs first is there: nearly every
    // token start fails these, and asking the detectors through String.charAt cost more.
    if (isDigit(c)) {
      if (i + UsSsnDetector.LENGTH <= n && (s[i + 3] == '-' || s[i + 3] == ' ')) {
        code(text, i, UsSsnDetector.matchAt(text, i), PiiType.US_SSN, found);
      }
    } else if (isUpper(c) || (c >= 'a' && c <= 'z')) {
      if (i + UkNinoDetector.MIN_LENGTH <= n
          && (isDigit(s[i + 2]) || (s[i + 2] == ' ' && isDigit(s[i + 3])))) {
        code(text, i, UkNinoDetector.matchAt(text, i), PiiType.UK_NINO, found);
      }
    }
    if (isHexOrSeparator(c) && c != '.' && c != ':' && mayStartMacAddress(s, i)) {
      code(text, i, MacAddressDetector.matchAt(text, i), PiiType.MAC_ADDRESS, found);
    }
    if ((isDigit(c) || c == '-' || c == '+' || c == '(' || c == '[') && mayStartCoordinates(s, i)) {
      code(text, i, GeoCoordinatesDetector.matchAt(text, i), PiiType.GEO_COORDINATES, found);
    }
    return ibanFrom;
  }

  /** Whether a separator sits where {@link MacAddressDetector}'s dotted or paired forms need it. */
  private static boolean mayStartMacAddress(char[] s, int i) {
    int left = s.length - i;
    return (left >= MacAddressDetector.DOTTED_LENGTH && s[i + 4] == '.')
        || (left >= MacAddressDetector.PAIRS_LENGTH && (s[i + 2] == ':' || s[i + 2] == '-'));
  }

  /**
   * Whether {@link GeoCoordinatesDetector} may match at {@code i}: both its forms start (after a
   * bracket and a sign, for decimal degrees) with 1 to 3 digits, then a degree sign or a point and
   * at least {@code MIN_DECIMALS} digits. Prices and versions ({@code 12.5}, {@code 2.1.0}) fail.
   */
  private static boolean mayStartCoordinates(char[] s, int i) {
    int n = s.length;
    int k = s[i] == '(' || s[i] == '[' ? i + 1 : i;
    if (k < n && (s[k] == '-' || s[k] == '+')) {
      k++;
    }
    int d = k;
    while (d < n && d - k <= 3 && isDigit(s[d])) {
      d++;
    }
    if (d == k || d - k > 3 || d >= n) {
      return false;
    }
    if (s[d] == '\u00b0' || s[d] == '\u00ba') {
      return true;
    }
    // Decimal degrees have at least GeoCoordinatesDetector.MIN_DECIMALS digits after the point.
    if (s[d] != '.' || d + GeoCoordinatesDetector.MIN_DECIMALS >= n) {
      return false;
    }
    for (int f = d + 1; f <= d + GeoCoordinatesDetector.MIN_DECIMALS; f++) {
      if (!isDigit(s[f])) {
        return false;
      }
    }
    return true;
  }

  /** Adds {@code [from, end)} when a detector matched there and the value ends a token. */
  private static void code(String text, int from, int end, PiiType type, List<Span> found) {
    if (end > from && (end == text.length() || !isAsciiAlnum(text.charAt(end)))) {
      found.add(new Span(from, end, type));
    }
  }

  /**
   * Adds the IBAN written from {@code i}, a token start, and returns its end, or returns -1: two
   * capital letters and two digits, then the country's IBAN length.
   */
  private static int ibanAt(String text, char[] s, int i, List<Span> found) {
    int n = s.length;
    if (!(isUpper(s[i]) && isUpper(s[i + 1]) && isDigit(s[i + 2]) && isDigit(s[i + 3]))) {
      return -1;
    }
    int length = IbanDetector.length(s[i], s[i + 1]);
    if (length == 0) {
      return -1;
    }
    StringBuilder compact = new StringBuilder(length);
    int j = i;
    while (j < n && compact.length() < length) {
      char c = s[j];
      if (isAsciiAlnum(c)) {
        compact.append(Character.toUpperCase(c));
      } else if (!(c == ' ' && j + 1 < n && isAsciiAlnum(s[j + 1]))) {
        break;
      }
      j++;
    }
    if (compact.length() == length
        && (j == n || !isAsciiAlnum(s[j]))
        && IbanDetector.isIban(compact.toString())) {
      found.add(new Span(i, j, PiiType.IBAN));
      return j;
    }
    return -1;
  }

  private static boolean isHexOrSeparator(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiAlnum(char c) {
    return EmailDetector.isAsciiLetterOrDigit(c);
  }

  /**
   * The digit groups of the run being looked at, as {@code [start, end)} pairs, in one array kept
   * for the whole text: a list of arrays per run was much of the cost of texts full of numbers.
   */
  private static final class Groups {
    private int[] bounds = new int[32];
    private int size;

    void clear() {
      size = 0;
    }

    void add(int start, int end) {
      if (2 * size + 2 > bounds.length) {
        bounds = java.util.Arrays.copyOf(bounds, 2 * bounds.length);
      }
      bounds[2 * size] = start;
      bounds[2 * size + 1] = end;
      size++;
    }

    int size() {
      return size;
    }

    int start(int k) {
      return bounds[2 * k];
    }

    int end(int k) {
      return bounds[2 * k + 1];
    }

    /** The {@code length} digits of groups {@code a} to {@code b}, separators left out. */
    String digits(String text, int a, int b, int length) {
      StringBuilder d = new StringBuilder(length);
      for (int k = a; k <= b; k++) {
        d.append(text, start(k), end(k));
      }
      return d.toString();
    }
  }
}
