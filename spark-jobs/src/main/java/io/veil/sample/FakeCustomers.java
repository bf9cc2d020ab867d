package io.veil.sample;

import io.veil.ops.validate.ChineseIdNumber;
import io.veil.ops.validate.Luhn;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one fake customer from (seed, row id) alone, so every executor can build any row and the
 * same seed always gives the same values. Plain Java: the Spark layer only converts the records.
 *
 * <p>Every value is synthetic. Names are drawn from common-name dictionaries, e-mail domains are
 * reserved example domains; phone, ID and card numbers are random but well-formed, so a few may
 * coincide with real ones by chance and carry no meaning.
 */
final class FakeCustomers {

  static final Instant FIRST_SIGNUP = Instant.parse("2015-01-01T00:00:00Z");
  static final Instant LAST_SIGNUP = Instant.parse("2025-12-31T23:59:59Z");
  static final LocalDate FIRST_BIRTH_DATE = LocalDate.of(1940, 1, 1);
  static final LocalDate LAST_BIRTH_DATE = LocalDate.of(2007, 12, 31);

  /** Share of rows with a Chinese name; the rest get a Latin "First Last" name. */
  static final double CHINESE_NAME_SHARE = 0.60;

  /** Countries of the partition column, in the order the Latin-name weights below use. */
  static final List<String> COUNTRIES = List.of("CN", "US", "GB", "DE", "FR");

  private static final int[] LATIN_COUNTRY_PERCENT = {5, 40, 20, 18, 17};

  /** Mainland mobile network prefixes in use (China Mobile, Unicom, Telecom, Broadnet). */
  private static final List<String> MOBILE_PREFIXES =
      List.of(
          "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "150",
          "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177",
          "178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "192",
          "193", "195", "198", "199");

  private static final List<String> CONTACT_KINDS = List.of("mobile", "home", "work", "emergency");
  private static final List<String> CHANNELS = List.of("web", "app", "store", "partner", "phone");
  private static final List<String> EMOJI = List.of("🙂", "👍", "🎉", "☎️", "👩‍💻", "🇨🇳");
  // Decomposed forms on purpose: a base letter followed by a combining mark.
  private static final List<String> COMBINING =
      List.of("cafe\u0301", "nai\u0308ve", "Zoe\u0308", "re\u0301sume\u0301", "pin\u0303ata");
  private static final List<String> RIGHT_TO_LEFT =
      List.of("مرحبا بك", "شكرا جزيلا", "שלום", "תודה רבה");

  record Identity(String name, boolean chinese, String email, String country, Instant signupTs) {}

  record Address(String street, String city, String postcode) {}

  record Contact(String kind, String phone) {}

  record Customer(
      long customerId,
      String name,
      String email,
      String phone,
      String idCard,
      LocalDate birthDate,
      Instant signupTs,
      Integer salary,
      String cardNumber,
      String ipAddress,
      Address address,
      String notes,
      List<Contact> contacts,
      List<String> tags,
      Map<String, String> attributes,
      String country) {}

  private FakeCustomers() {}

  /** The customer with {@code customer_id = row + 1}. */
  static Customer customer(long seed, long row) {
    SampleDictionaries d = SampleDictionaries.get();
    Identity id = identity(seed, row);
    RowRandom r = new RowRandom(seed, row, RowRandom.CUSTOMER_DETAILS);

    long birthDays = LAST_BIRTH_DATE.toEpochDay() - FIRST_BIRTH_DATE.toEpochDay() + 1;
    LocalDate birthDate = FIRST_BIRTH_DATE.plusDays(r.nextLong(birthDays));
    String phone = r.chance(0.03) ? null : mobilePhone(r, 0.10 / 0.97);
    String idCard = idCard(r, d, birthDate);
    Integer salary = r.chance(0.06) ? null : salary(r);
    String cardNumber = cardNumber(r);
    String ipAddress = ipAddress(r);
    Address address = address(r, d, id.country());
    String notes = notes(r, d, phone, id.email());

    int contactCount = r.nextInt(4);
    List<Contact> contacts = new ArrayList<>(contactCount);
    for (int i = 0; i < contactCount; i++) {
      contacts.add(new Contact(r.pick(CONTACT_KINDS), mobilePhone(r, 0.10)));
    }
    int tagCount = r.nextInt(5);
    Set<String> tags = new LinkedHashSet<>();
    while (tags.size() < tagCount) {
      tags.add(r.pick(d.words));
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (!r.chance(0.05)) {
      attributes.put("vip", r.chance(0.12) ? "true" : "false");
      attributes.put("channel", r.pick(CHANNELS));
      if (r.chance(0.70)) {
        attributes.put("lang", language(id.country()));
      }
      if (r.chance(0.15)) {
        attributes.put("referrer", "partner-" + (100 + r.nextInt(900)));
      }
    }

    return new Customer(
        row + 1,
        id.name(),
        id.email(),
        phone,
        idCard,
        birthDate,
        id.signupTs(),
        salary,
        cardNumber,
        ipAddress,
        address,
        notes,
        Collections.unmodifiableList(contacts),
        List.copyOf(tags),
        Collections.unmodifiableMap(attributes),
        id.country());
  }

  /**
   * The columns another table needs to stay consistent with a customer (orders copy the e-mail and
   * start after the sign-up), from a random stream of their own so they are cheap to rebuild.
   */
  static Identity identity(long seed, long row) {
    SampleDictionaries d = SampleDictionaries.get();
    RowRandom r = new RowRandom(seed, row, RowRandom.IDENTITY);
    boolean chinese = r.chance(CHINESE_NAME_SHARE);
    String name;
    String localPart;
    if (chinese) {
      String surname =
          r.chance(0.03) ? r.pick(d.compoundSurnamesZh) : r.pickSkewed(d.singleSurnamesZh);
      String given = chineseGivenName(r, d);
      name = surname + given;
      localPart = chineseLocalPart(r, d.pinyinOf(surname), given, d);
    } else {
      String first = r.pick(d.firstNames);
      String last = r.pick(d.lastNames);
      name = first + " " + last;
      localPart = latinLocalPart(r, ascii(first), ascii(last));
    }
    String email = localPart + emailDigits(r) + "@" + r.pick(d.emailDomains);
    String country =
        chinese ? (r.chance(0.94) ? "CN" : COUNTRIES.get(1 + r.nextInt(4))) : latinCountry(r);
    long signupSeconds = LAST_SIGNUP.getEpochSecond() - FIRST_SIGNUP.getEpochSecond() + 1;
    Instant signupTs =
        FIRST_SIGNUP.plusSeconds(r.nextLong(signupSeconds)).plusMillis(r.nextInt(1000));
    return new Identity(name, chinese, email, country, signupTs);
  }

  private static String chineseGivenName(RowRandom r, SampleDictionaries d) {
    int shape = r.nextInt(100);
    String first = r.pick(d.givenNameCharsZh);
    if (shape < 30) {
      return first;
    }
    if (shape < 34) {
      return first + first; // reduplicated, as in 娜娜
    }
    String second = r.pick(d.givenNameCharsZh);
    return first + second;
  }

  private static String chineseLocalPart(
      RowRandom r, String surname, String given, SampleDictionaries d) {
    String givenPinyin = d.pinyinOf(given);
    switch (r.nextInt(5)) {
      case 0:
        return givenPinyin + "." + surname;
      case 1:
        return surname + givenPinyin;
      case 2:
        return surname + "." + givenPinyin;
      case 3:
        return surname + "_" + givenPinyin;
      default:
        StringBuilder initials = new StringBuilder();
        for (int i = 0; i < given.length(); i++) {
          initials.append(d.pinyinOf(given.substring(i, i + 1)).charAt(0));
        }
        return initials + surname;
    }
  }

  private static String latinLocalPart(RowRandom r, String first, String last) {
    switch (r.nextInt(6)) {
      case 0:
        return first + "." + last;
      case 1:
        return first + last;
      case 2:
        return first.charAt(0) + last;
      case 3:
        return first + "_" + last;
      case 4:
        return last + "." + first;
      default:
        return first + last.charAt(0);
    }
  }

  private static String emailDigits(RowRandom r) {
    int kind = r.nextInt(100);
    if (kind < 35) {
      return "";
    }
    if (kind < 80) {
      int n = r.nextInt(100);
      return n < 10 ? "0" + n : Integer.toString(n);
    }
    return Integer.toString(1960 + r.nextInt(48));
  }

  /** Lower-case ASCII letters of a Latin name: accents dropped, ß, ø, æ, œ spelled out. */
  static String ascii(String name) {
    String decomposed =
        Normalizer.normalize(name.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (c >= 'a' && c <= 'z') {
        out.append(c);
      } else if (c == 'ß') {
        out.append("ss");
      } else if (c == 'ø') {
        out.append('o');
      } else if (c == 'æ') {
        out.append("ae");
      } else if (c == 'œ') {
        out.append("oe");
      }
    }
    return out.toString();
  }

  private static String latinCountry(RowRandom r) {
    int p = r.nextInt(100);
    for (int i = 0; i < LATIN_COUNTRY_PERCENT.length; i++) {
      p -= LATIN_COUNTRY_PERCENT[i];
      if (p < 0) {
        return COUNTRIES.get(i);
      }
    }
    return COUNTRIES.get(COUNTRIES.size() - 1);
  }

  private static String language(String country) {
    switch (country) {
      case "CN":
        return "zh";
      case "DE":
        return "de";
      case "FR":
        return "fr";
      default:
        return "en";
    }
  }

  /** An 11-digit mainland mobile number, written "+86 138-1234-5678" with the given probability. */
  static String mobilePhone(RowRandom r, double formattedShare) {
    boolean formatted = r.chance(formattedShare);
    StringBuilder digits = new StringBuilder(11).append(r.pick(MOBILE_PREFIXES));
    r.appendDigits(digits, 8);
    if (!formatted) {
      return digits.toString();
    }
    return "+86 "
        + digits.substring(0, 3)
        + "-"
        + digits.substring(3, 7)
        + "-"
        + digits.substring(7);
  }

  private static String idCard(RowRandom r, SampleDictionaries d, LocalDate birthDate) {
    StringBuilder body = new StringBuilder(ChineseIdNumber.LENGTH);
    body.append(r.pick(d.regionsZh).code());
    appendPadded(body, birthDate.getYear(), 4);
    appendPadded(body, birthDate.getMonthValue(), 2);
    appendPadded(body, birthDate.getDayOfMonth(), 2);
    r.appendDigits(body, 3); // sequence; an odd last digit would mean a man, even a woman
    return body.append(ChineseIdNumber.checkCharacter(body)).toString();
  }

  private static int salary(RowRandom r) {
    double u = r.nextDouble();
    return (3000 + (int) (77_000 * u * u)) / 10 * 10;
  }

  /**
   * 16 digits with a Luhn check digit: mostly UnionPay (62), some Visa-like (4), Mastercard-like
   * (51-55).
   */
  private static String cardNumber(RowRandom r) {
    boolean formatted = r.chance(0.20);
    int network = r.nextInt(100);
    StringBuilder digits = new StringBuilder(19);
    if (network < 75) {
      digits.append("62");
    } else if (network < 90) {
      digits.append('4');
    } else {
      digits.append('5').append((char) ('1' + r.nextInt(5)));
    }
    r.appendDigits(digits, 15 - digits.length());
    digits.append(Luhn.checkDigit(digits));
    if (formatted) {
      for (int at = 12; at > 0; at -= 4) {
        digits.insert(at, ' ');
      }
    }
    return digits.toString();
  }

  /** Documentation ranges (RFC 5737) and the private 10.0.0.0/8 block only. */
  private static String ipAddress(RowRandom r) {
    switch (r.nextInt(4)) {
      case 0:
        return "192.0.2." + (1 + r.nextInt(254));
      case 1:
        return "198.51.100." + (1 + r.nextInt(254));
      case 2:
        return "203.0.113." + (1 + r.nextInt(254));
      default:
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }
  }

  private static Address address(RowRandom r, SampleDictionaries d, String country) {
    SampleDictionaries.City city = r.pick(d.cities(country));
    String streetName = r.pick(d.streets(country));
    int number = 1 + r.nextInt(299);
    String street;
    switch (country) {
      case "CN":
        street = streetName + number + "号";
        break;
      case "DE":
        street = streetName + " " + number;
        break;
      default:
        street = number + " " + streetName;
    }
    StringBuilder postcode = new StringBuilder(city.postcodePattern());
    for (int i = 0; i < postcode.length(); i++) {
      if (postcode.charAt(i) == '#') {
        postcode.setCharAt(i, r.digit());
      } else if (postcode.charAt(i) == '?') {
        postcode.setCharAt(i, (char) ('A' + r.nextInt(26)));
      }
    }
    return new Address(street, city.name(), postcode.toString());
  }

  /**
   * Free text: 5% null, 5% empty, otherwise a few words; about a fifth of all notes leak the row's
   * phone or e-mail, and a few carry emoji, combining marks or right-to-left text.
   */
  private static String notes(RowRandom r, SampleDictionaries d, String phone, String email) {
    int kind = r.nextInt(100);
    if (kind < 5) {
      return null;
    }
    if (kind < 10) {
      return "";
    }
    StringBuilder text = new StringBuilder(128);
    int words = 3 + r.nextInt(12);
    for (int i = 0; i < words; i++) {
      String word = r.pick(d.words);
      if (i == 0) {
        text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
      } else {
        text.append(' ').append(word);
      }
    }
    text.append('.');
    if (r.chance(0.20 / 0.90)) {
      String leak =
          phone != null && r.chance(0.5)
              ? "Call back on " + phone + "."
              : "Prefers email " + email + ".";
      if (r.chance(0.5)) {
        text.insert(0, leak + " ");
      } else {
        text.append(' ').append(leak);
      }
    }
    int extra = r.nextInt(100);
    if (extra < 6) {
      text.append(' ').append(r.pick(EMOJI));
    } else if (extra < 9) {
      text.append(' ').append(r.pick(COMBINING));
    } else if (extra < 12) {
      text.append(' ').append(r.pick(RIGHT_TO_LEFT));
    }
    return text.toString();
  }

  private static void appendPadded(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    out.append(digits);
  }
}
