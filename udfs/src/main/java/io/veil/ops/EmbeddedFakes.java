package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import io.veil.ops.validate.ChineseIdNumber;
import io.veil.scan.PiiType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyed fakes for the values {@code redact, with = fake} replaces: the same value and key give the
 * same fake everywhere, and each fake is of its value's type and shape, valid where the type has a
 * check (Luhn, the ID check character, IBAN check digits) so downstream parsers keep working, in
 * ranges that name nobody where such ranges exist: e-mails at {@code example.org} ({@link
 * FakeValues}), IPv4 addresses in the documentation networks (RFC 5737), IPv6 in {@code 2001:db8::}
 * (RFC 3849). Phones keep their first three digits (the carrier) and separators; cards their first
 * digit (the network) and grouping; IBANs their country; ID numbers get a keyed birth date. Social
 * Security numbers get area 9xx with a group below 50 (issued neither as an SSN nor as an ITIN),
 * National Insurance numbers the prefix {@code QQ} (never allocated: HMRC's own example), MAC
 * addresses a locally administered unicast address (a bit no maker's address has), coordinates a
 * keyed point anywhere on Earth written with the same precision, postal addresses a keyed house
 * number on a common street of a city (Chinese addresses) or a keyed house number and street (US).
 */
public final class EmbeddedFakes implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String[] DOC_NETWORKS = {"192.0.2.", "198.51.100.", "203.0.113."};
  private static final String[] ID_REGIONS = {"110105", "310104", "440305", "510107", "330106"};

  private final FakeValues emails;
  private final KeyMaterial macKey;
  // Built where the fakes are made (each executor), from the serialized subkey.
  private transient HmacSha256 mac;

  public EmbeddedFakes(KeyMaterial key) {
    this.emails = new FakeValues(key, FakeValues.Kind.EMAIL);
    this.macKey = key.derive("redact-fake/hmac-sha256", 32);
  }

  /** The fake for {@code value}, a span of {@code type}. */
  public String fake(String value, PiiType type) {
    byte[] tag = tag(type.name() + "\u0000" + value);
    return switch (type) {
      case EMAIL -> emails.fake(value);
      case IP_ADDRESS ->
          value.indexOf(':') >= 0
              ? String.format("2001:db8::%x:%x", u16(tag, 0), u16(tag, 2))
              : DOC_NETWORKS[(tag[4] & 0xff) % 3] + (1 + (tag[5] & 0xff) % 254);
      case PHONE -> digits(value, 3, tag);
      case BANK_CARD -> luhn(digits(value, 1, tag));
      case ID_CARD -> idNumber(tag);
      case IBAN -> iban(value, tag);
      case US_SSN -> ssn(value, tag);
      case UK_NINO -> nino(value, tag);
      case MAC_ADDRESS -> mac(value, tag);
      case GEO_COORDINATES -> coordinates(value, tag);
      case POSTAL_ADDRESS -> address(value, tag);
      default -> throw new IllegalArgumentException("no fake for " + type);
    };
  }

  /** {@code value} with each digit after the first {@code keep} replaced by a keyed digit. */
  private static String digits(String value, int keep, byte[] tag) {
    StringBuilder out = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(seen < keep ? c : (char) ('0' + (tag[seen % tag.length] & 0xff) % 10));
        seen++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The last digit replaced by the Luhn check digit of the others. */
  private static String luhn(String written) {
    int last = -1;
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < written.length(); i++) {
      if (Character.isDigit(written.charAt(i))) {
        digits.append(written.charAt(i));
        last = i;
      }
    }
    String body = digits.substring(0, digits.length() - 1);
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    char check = (char) ('0' + (10 - sum % 10) % 10);
    return written.substring(0, last) + check + written.substring(last + 1);
  }

  private static String idNumber(byte[] tag) {
    LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(u16(tag, 6) % 20_000);
    String first17 =
        ID_REGIONS[(tag[8] & 0xff) % ID_REGIONS.length]
            + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
            + String.format("%03d", u16(tag, 10) % 1000);
    return first17 + ChineseIdNumber.checkCharacter(first17);
  }

  /** The country kept, every other letter and digit keyed, the check digits recomputed. */
  private static String iban(String value, byte[] tag) {
    StringBuilder compact = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = Character.toUpperCase(value.charAt(i));
      if (Character.isLetterOrDigit(c)) {
        compact.append(c);
      }
    }
    StringBuilder bban = new StringBuilder();
    for (int i = 4; i < compact.length(); i++) {
      int b = tag[i % tag.length] & 0xff;
      char c = compact.charAt(i);
      bban.append(Character.isDigit(c) ? (char) ('0' + b % 10) : (char) ('A' + b % 26));
    }
    String country = compact.substring(0, 2);
    int remainder = 0;
    for (char c : (bban + country + "00").toCharArray()) {
      remainder =
          Character.isDigit(c)
              ? (remainder * 10 + (c - '0')) % 97
              : (remainder * 100 + (c - 'A' + 10)) % 97;
    }
    String iban = country + String.format("%02d", 98 - remainder) + bban;
    // Keep the value's grouping: spaces where it had them.
    StringBuilder out = new StringBuilder();
    int k = 0;
    for (int i = 0; i < value.length() && k < iban.length(); i++) {
      out.append(Character.isLetterOrDigit(value.charAt(i)) ? iban.charAt(k++) : value.charAt(i));
    }
    return out.toString();
  }

  /** {@code 9AA-GG-SSSS}, group 01-49, in the value's separators. */
  private static String ssn(String value, byte[] tag) {
    char sep = value.charAt(3);
    return String.format(
        "9%02d%c%02d%c%04d",
        tag[0] & 0x7f % 100, sep, 1 + (tag[1] & 0xff) % 49, sep, 1 + u16(tag, 2) % 9999);
  }

  /** {@code QQ}, keyed digits in the value's spacing, a keyed suffix A-D. */
  private static String nino(String value, byte[] tag) {
    String digits = digits(value, 0, tag);
    int first = -1;
    int last = -1;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetter(value.charAt(i))) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    StringBuilder out = new StringBuilder(digits);
    out.setCharAt(first, 'Q');
    int second = first + 1;
    while (!Character.isLetter(out.charAt(second))) {
      second++;
    }
    out.setCharAt(second, 'Q');
    out.setCharAt(last, (char) ('A' + (tag[20] & 0xff) % 4));
    return out.toString();
  }

  /** Keyed hex digits in the value's separators and case; the first octet locally administered. */
  private static String mac(String value, byte[] tag) {
    StringBuilder out = new StringBuilder(value.length());
    boolean upper = !value.equals(value.toLowerCase(java.util.Locale.ROOT));
    int k = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.digit(c, 16) < 0) {
        out.append(c);
        continue;
      }
      int nibble = (tag[k % tag.length] >> (k < tag.length ? 0 : 4)) & 0xf;
      if (k == 1) {
        nibble = (nibble & 0xc) | 0x2; // locally administered, unicast
      }
      char h = Character.forDigit(nibble, 16);
      out.append(upper ? Character.toUpperCase(h) : h);
      k++;
    }
    return out.toString();
  }

  /**
   * Each number of the pair replaced: degrees keyed within range (latitude, then longitude; for
   * degrees-minutes-seconds also minutes and seconds below 60), every decimal keyed.
   */
  private static String coordinates(String value, byte[] tag) {
    boolean dms = value.indexOf('°') >= 0 || value.indexOf('º') >= 0;
    int[] bounds = dms ? new int[] {90, 60, 60, 180, 60, 60} : new int[] {90, 180};
    StringBuilder out = new StringBuilder(value.length());
    int number = 0;
    int k = 0;
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (!Character.isDigit(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      while (end < value.length() && Character.isDigit(value.charAt(end))) {
        end++;
      }
      int whole = number < bounds.length ? (u16(tag, (2 * number) % 30) % bounds[number]) : 0;
      out.append(whole);
      i = end;
      if (i + 1 < value.length()
          && value.charAt(i) == '.'
          && Character.isDigit(value.charAt(i + 1))) {
        out.append('.');
        i++;
        while (i < value.length() && Character.isDigit(value.charAt(i))) {
          out.append((char) ('0' + (tag[k++ % tag.length] & 0xff) % 10));
          i++;
        }
      }
      number++;
    }
    return out.toString();
  }

  private static String address(String value, byte[] tag) {
    int number = 1 + u16(tag, 12) % 300;
    if (Character.UnicodeScript.of(value.codePointAt(0)) == Character.UnicodeScript.HAN) {
      return pick("cities.tsv", "CN", tag, 14) + pick("streets.tsv", "CN", tag, 16) + number + "号";
    }
    return number + " " + pick("streets.tsv", "US", tag, 16);
  }

  /** A keyed entry of a dictionary's second column among the rows of {@code country}. */
  private static String pick(String dictionary, String country, byte[] tag, int at) {
    List<String> rows =
        BY_COUNTRY.computeIfAbsent(
            dictionary + "\t" + country,
            key ->
                Dictionary.named(dictionary).entries().stream()
                    .filter(r -> r.startsWith(country + "\t"))
                    .map(r -> r.split("\t")[1])
                    .toList());
    return rows.get(u16(tag, at) % rows.size());
  }

  /** Dictionary rows by dictionary and country, filtered once rather than for every span. */
  private static final Map<String, List<String>> BY_COUNTRY = new ConcurrentHashMap<>();

  private static int u16(byte[] tag, int at) {
    return ((tag[at] & 0xff) << 8) | (tag[at + 1] & 0xff);
  }

  private byte[] tag(String input) {
    HmacSha256 m = mac;
    if (m == null) {
      m = new HmacSha256(macKey.copyBytes());
      mac = m;
    }
    return m.mac(input.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "EmbeddedFakes"; // never the key
  }
}
