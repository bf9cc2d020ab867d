package io.veil.scan;

import io.veil.ops.Dictionary;
import io.veil.ops.validate.ChineseIdNumber;
import io.veil.ops.validate.Luhn;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A labelled synthetic corpus of columns for measuring {@link ColumnClassifier}: each column is
 * built by a generator from a seed, carries its true type (null for clean columns) and a name that
 * hints at it about half of the time (otherwise a neutral {@code c17}). PII columns get some nulls,
 * blanks and junk ({@code n/a}, {@code unknown}, typos) mixed in; clean columns include hard
 * negatives: 18-digit numbers with wrong MOD 11-2 check characters, card-length numbers failing
 * Luhn, 11-digit numbers outside the mobile prefixes, order ids and product codes, words that are
 * also names, dates far from any birth year and event timestamps, and notes without personal data.
 * Every value is synthetic; e-mail domains are reserved example domains.
 */
final class PiiCorpus {

  /** One labelled column. */
  record Column(
      String name, ColumnSample.Kind kind, PiiType label, String flavour, List<String> values) {
    ColumnSample sample() {
      return new ColumnSample(name, name, kind, values);
    }
  }

  static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
  private static final String[] JUNK = {
    "n/a", "unknown", "-", "N/A", "none", "?", "TBD", "0", "test", "xxx"
  };
  private static final String[] NAME_LIKE_WORDS = {
    "Rose", "May", "June", "April", "Grace", "Hope", "Green", "Brown", "White", "Black", "Gray",
        "Hunter",
    "Young", "King", "Long", "Bell", "Stone", "Wood", "Price", "Cook", "Mark", "Frank", "Grant",
        "Rice",
    "Fox", "Hill", "Page", "Lane", "Rich", "Day"
  };
  private static final String[] CHINESE_WORDS = {
    "金华", "文明", "高兴", "安康", "江南", "黄金", "白云", "林业", "马上", "方便", "常青", "钱包", "快递", "订单", "退款", "发票",
    "会员", "积分", "优惠", "客服", "地址", "配送", "支付", "取消", "完成", "待发货", "已签收", "新品", "热销", "促销", "华东",
    "华南", "东北", "西北", "高级", "普通", "黄色", "白色", "金色", "周末", "夏季", "秋季", "冬季", "春季", "安全", "温和", "宁静",
    "程序", "管理", "关注"
  };
  private static final String[] STATUSES = {
    "delivered", "shipped", "paid", "created", "cancelled", "refunded", "pending"
  };
  private static final String[] COUNTRIES = {
    "CN", "US", "GB", "DE", "FR", "IT", "ES", "NL", "JP", "KR"
  };
  private static final String[] DOMAINS = {
    "example.com",
    "example.org",
    "example.net",
    "mail.example",
    "test.example",
    "corp.example.org",
    "shop.example"
  };

  private final Random r;
  private final List<String> surnames = Dictionary.named("surnames-zh.txt").entries();
  private final List<String> givenChars = Dictionary.named("given-name-chars-zh.txt").entries();
  // Latin names from the base lists and the German, French and Spanish ones, as the detector reads.
  private final List<String> firstNames =
      concat("first-names-latin.txt", "first-names-latin-de-fr-es.txt");
  private final List<String> lastNames =
      concat("last-names-latin.txt", "last-names-latin-de-fr-es.txt");
  private final List<String> words = Dictionary.named("words.txt").entries();
  private final List<String> regions = new ArrayList<>();
  private final List<String[]> districts = new ArrayList<>();
  private final List<String> usCities = new ArrayList<>();
  private final List<String> cnStreets = new ArrayList<>();
  private final List<String> cities = new ArrayList<>();
  private final List<Column> columns = new ArrayList<>();
  private int counter;

  private PiiCorpus(long seed) {
    r = new Random(seed);
    for (String line : Dictionary.named("regions-zh.tsv").entries()) {
      regions.add(line.split("\t")[0]);
      districts.add(line.split("\t"));
    }
    for (String line : Dictionary.named("cities.tsv").entries()) {
      cities.add(line.split("\t")[1]);
      if (line.startsWith("US\t")) {
        usCities.add(line.split("\t")[1]);
      }
    }
    for (String line : Dictionary.named("streets.tsv").entries()) {
      if (line.startsWith("CN\t")) {
        cnStreets.add(line.split("\t")[1]);
      }
    }
  }

  /** The corpus for {@code seed}: the same seed always gives the same columns. */
  static List<Column> build(long seed, int columnsPerType) {
    PiiCorpus c = new PiiCorpus(seed);
    c.positives(columnsPerType);
    c.negatives(columnsPerType);
    return c.columns;
  }

  // ---------------------------------------------------------------- positives

  private void positives(int perType) {
    for (int i = 0; i < perType; i++) {
      pii(
          PiiType.EMAIL,
          "email",
          pick("email", "contact_email", "mail", "customerEmail"),
          this::email);
      // Dirty columns, up to half junk: only their names carry them over the line.
      add(
          pickOne("contact_phone", "mobile"),
          ColumnSample.Kind.STRING,
          PiiType.PHONE,
          "dirty-hinted",
          values(0.2, 0.5, this::chineseMobile));
      switch (i % 3) {
        case 0:
          pii(
              PiiType.PHONE,
              "cn-mobile",
              pick("phone", "mobile", "tel", "手机号"),
              this::chineseMobile);
          break;
        case 1:
          pii(
              PiiType.PHONE,
              "e164",
              pick("phone", "phone_number", "contact_phone"),
              this::internationalPhone);
          break;
        default:
          pii(
              PiiType.PHONE,
              "mixed",
              pick("phone", "mobile"),
              () -> r.nextBoolean() ? chineseMobile() : internationalPhone());
      }
      pii(
          PiiType.ID_CARD,
          "cn-resident-id",
          pick("id_card", "id_number", "身份证号", "citizen_id"),
          this::idNumber);
      pii(PiiType.BANK_CARD, "card", pick("card_number", "card", "pan"), this::cardNumber);
      pii(PiiType.IBAN, "iban", pick("iban", "account_iban", "payout_account"), this::iban);
      switch (i % 3) {
        case 0:
          pii(PiiType.IP_ADDRESS, "ipv4", pick("ip", "ip_address", "client_ip"), this::ipv4);
          break;
        case 1:
          pii(PiiType.IP_ADDRESS, "ipv6", pick("ip", "ipv6", "remote_ip"), this::ipv6);
          break;
        default:
          pii(
              PiiType.IP_ADDRESS,
              "mixed",
              pick("ip", "last_ip"),
              () -> r.nextInt(4) == 0 ? ipv6() : ipv4());
      }
      pii(
          PiiType.PHONE,
          "national",
          pick("phone", "telephone", "phone_number", "tel"),
          this::nationalPhone);
      pii(PiiType.US_SSN, "us-ssn", pick("ssn", "social_security_number", "tax_ssn"), this::ssn);
      pii(PiiType.UK_NINO, "uk-nino", pick("nino", "ni_number", "national_insurance"), this::nino);
      pii(
          PiiType.MAC_ADDRESS,
          "mac",
          pick("mac", "mac_address", "device_mac", "bssid"),
          this::macAddress);
      if (i % 3 == 2) {
        boolean lat = r.nextBoolean();
        add(
            lat ? pickOne("lat", "latitude", "pickup_lat") : pickOne("lng", "lon", "longitude"),
            ColumnSample.Kind.NUMBER,
            PiiType.GEO_COORDINATES,
            lat ? "latitude" : "longitude",
            values(0.05, 0, () -> coordinate(lat ? 90 : 180)));
      } else {
        pii(
            PiiType.GEO_COORDINATES,
            i % 3 == 0 ? "lat-long" : "dms",
            pick("location", "gps", "coordinates", "position"),
            i % 3 == 0 ? this::latLong : this::dms);
      }
      pii(
          PiiType.POSTAL_ADDRESS,
          i % 2 == 0 ? "cn-address" : "us-address",
          pick("address", "shipping_address", "street_address", "地址"),
          i % 2 == 0 ? this::chineseAddress : this::usAddress);
      birthDateColumn(i);
      nameColumn(i);
      freeTextColumn(i);
    }
  }

  private void birthDateColumn(int i) {
    String name = pick("birth_date", "dob", "date_of_birth", "birthday", "出生日期");
    switch (i % 5) {
      case 0:
      case 1:
        add(
            name,
            ColumnSample.Kind.DATE,
            PiiType.BIRTH_DATE,
            "date",
            values(0.05, 0, () -> iso(birthDate())));
        break;
      case 2:
        add(
            name,
            ColumnSample.Kind.STRING,
            PiiType.BIRTH_DATE,
            "year-last",
            values(0.05, 0.05, () -> dateText(birthDate(), r.nextInt(3))));
        break;
      case 3:
        add(
            name,
            ColumnSample.Kind.STRING,
            PiiType.BIRTH_DATE,
            "year-first",
            values(0.05, 0.05, () -> dateText(birthDate(), 3 + r.nextInt(2))));
        break;
      default:
        add(
            name,
            ColumnSample.Kind.INTEGER,
            PiiType.BIRTH_DATE,
            "yyyymmdd",
            values(0.05, 0, () -> birthDate().toString().replace("-", "")));
    }
  }

  private void nameColumn(int i) {
    switch (i % 6) {
      case 0:
        pii(
            PiiType.PERSON_NAME,
            "zh",
            pick("name", "姓名", "customer_name", "full_name"),
            this::chineseName);
        break;
      case 1:
        pii(
            PiiType.PERSON_NAME,
            "latin",
            pick("name", "full_name", "contact_name"),
            this::latinName);
        break;
      case 2:
        pii(
            PiiType.PERSON_NAME,
            "mixed",
            pick("name", "customer_name", "holder"),
            () -> r.nextInt(10) < 6 ? chineseName() : latinName());
        break;
      case 3:
        add(
            pick("first_name", "given_name", "firstName"),
            ColumnSample.Kind.STRING,
            PiiType.PERSON_NAME,
            "first",
            values(0.05, 0.1, () -> any(firstNames)));
        break;
      case 4:
        add(
            pick("last_name", "surname", "family_name"),
            ColumnSample.Kind.STRING,
            PiiType.PERSON_NAME,
            "last",
            values(0.05, 0.1, () -> any(lastNames)));
        break;
      default:
        pii(
            PiiType.PERSON_NAME,
            "last-first",
            pick("name", "person_name", "patient"),
            () ->
                r.nextBoolean()
                    ? any(lastNames) + ", " + any(firstNames)
                    : (any(firstNames) + " " + any(lastNames)).toUpperCase(Locale.ROOT));
    }
  }

  /** Notes of which 3% to 33% (at least two) quote personal data. */
  private void freeTextColumn(int i) {
    String name = pick("notes", "comment", "remarks", "message", "description");
    Supplier<String> text = i % 4 == 3 ? this::chineseText : this::sentence;
    List<String> values = values(0.05, 0.02, text);
    int leaks = Math.max(2, (int) Math.round(values.size() * (0.03 + r.nextDouble() * 0.3)));
    java.util.Set<Integer> at = new java.util.TreeSet<>();
    while (at.size() < Math.min(leaks, values.size())) {
      at.add(r.nextInt(values.size()));
    }
    for (int k : at) {
      values.set(k, leak(text));
    }
    add(name, ColumnSample.Kind.STRING, PiiType.FREE_TEXT_WITH_PII, "notes", values);
  }

  private String leak(Supplier<String> text) {
    String pii;
    switch (r.nextInt(13)) {
      case 12:
        pii = "Ship to " + (r.nextBoolean() ? usAddress() : chineseAddress()) + " please.";
        break;
      case 0:
        pii = "Prefers email " + email() + ".";
        break;
      case 7:
        pii = "Reached at " + nationalPhone() + " yesterday.";
        break;
      case 8:
        pii = "SSN " + ssn() + " verified.";
        break;
      case 9:
        pii = "NI number " + nino() + " on file.";
        break;
      case 10:
        pii = "Device " + macAddress() + " registered.";
        break;
      case 11:
        pii = "Picked up at " + latLong() + " today.";
        break;
      case 1:
        pii = "Call back on " + (r.nextBoolean() ? chineseMobile() : internationalPhone()) + ".";
        break;
      case 2:
        pii = "ID " + idNumber() + " checked.";
        break;
      case 3:
        pii = "Paid with card " + cardNumber() + ".";
        break;
      case 4:
        pii = "Login from " + (r.nextBoolean() ? ipv4() : ipv6()) + ".";
        break;
      case 5:
        pii = "Refund to " + iban() + ".";
        break;
      default:
        pii = "请回电" + chineseMobile() + "，谢谢";
    }
    return r.nextBoolean() ? pii + " " + text.get() : text.get() + " " + pii;
  }

  // ---------------------------------------------------------------- negatives

  private void negatives(int perType) {
    for (int i = 0; i < perType; i++) {
      clean(
          pick("order_id", "orderRef"),
          "order-id",
          () -> "ORD-" + (2019 + r.nextInt(7)) + "-" + digits(6));
      add(
          pick("order_id", "id"),
          ColumnSample.Kind.INTEGER,
          null,
          "sequence",
          values(0, 0, () -> Long.toString(1_000_000L + r.nextInt(9_000_000))));
      clean(
          pick("sku", "product_code"),
          "product-code",
          () -> letters(2) + "-" + digits(4) + "-" + digits(4));
      clean(pick("ref_number", "c"), "id-wrong-check", this::idNumberWithWrongCheck);
      clean(pick("account_no", "c"), "luhn-invalid", this::cardNumberFailingLuhn);
      clean(pick("ext_number", "c"), "11-digits-not-mobile", this::elevenDigitsNotMobile);
      clean(pick("invoice_no", "c"), "long-numbers", () -> digits(14 + r.nextInt(6)));
      clean(pick("tags", "keyword"), "words", () -> any(words));
      clean(
          pick("category", "colour", "label"),
          "name-like-words",
          () -> NAME_LIKE_WORDS[r.nextInt(NAME_LIKE_WORDS.length)]);
      clean(
          pick("title", "headline"),
          "title-case-words",
          () -> capitalize(any(words)) + " " + capitalize(any(words)));
      clean(
          pick("分类", "标签", "category"),
          "chinese-words",
          () -> CHINESE_WORDS[r.nextInt(CHINESE_WORDS.length)]);
      clean(pick("city", "town"), "cities", () -> any(cities));
      clean(pick("status", "state"), "status", () -> STATUSES[r.nextInt(STATUSES.length)]);
      clean(
          pick("country", "country_code"), "country", () -> COUNTRIES[r.nextInt(COUNTRIES.length)]);
      clean(pick("token", "hash"), "hex", () -> hex(32 + 8 * r.nextInt(2)));
      clean(
          pick("request_id", "uuid"),
          "uuid",
          () -> hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12));
      clean(
          pick("url", "link"),
          "url",
          () -> "https://shop.example/p/" + digits(5) + "?ref=" + any(words));
      clean(pick("amount", "price"), "amounts", () -> (1 + r.nextInt(5000)) + "." + digits(2));
      clean(
          pick("version", "app_version"),
          "versions",
          () -> r.nextInt(5) + "." + r.nextInt(20) + "." + r.nextInt(30));
      clean(
          pick("time", "slot"),
          "times",
          () -> String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60)));
      clean(pick("notes", "comment"), "notes-without-pii", this::sentenceWithCodes);
      clean(pick("user_agent", "ua", "browser"), "user-agents", this::userAgent);
      clean(
          pick("street", "street_name"),
          "streets-without-numbers",
          () -> any(lastNames) + " " + pickOne("Street", "Avenue", "Road", "Lane"));
      clean(
          pick("city_state", "c"),
          "city-and-state",
          () -> any(usCities) + ", " + pickOne("CA", "NY", "TX", "IL", "WA"));
      clean(
          pick("district", "区县"),
          "districts",
          () -> {
            String[] d = districts.get(r.nextInt(districts.size()));
            return d[1] + d[2];
          });
      named(
          pickOne("address_type", "address_kind"),
          "hinted-address-kinds",
          () -> pickOne("home", "work", "billing", "shipping"));
      clean(pick("ssn_like", "c"), "ssn-never-issued", this::ssnNeverIssued);
      clean(
          pick("isbn", "c"),
          "isbn",
          () -> "978-" + r.nextInt(10) + "-" + digits(2) + "-" + digits(6) + "-" + r.nextInt(10));
      clean(pick("zip4", "c"), "zip-plus-4", () -> digits(5) + "-" + digits(4));
      clean(
          pick("price_range", "c"),
          "price-pairs",
          () ->
              (1 + r.nextInt(99))
                  + "."
                  + digits(2)
                  + ", "
                  + (100 + r.nextInt(900))
                  + "."
                  + digits(2));
      clean(
          pick("ratios", "weights"),
          "small-decimals",
          () -> String.format(Locale.ROOT, "%.2f", r.nextDouble()));
      clean(pick("part_no", "c"), "part-numbers", () -> letters(2) + digits(6) + letters(1));
      clean(
          pick("year_range", "c"),
          "year-ranges",
          () -> (1990 + r.nextInt(30)) + "-" + (2020 + r.nextInt(6)));
      clean(
          pick("checksum", "c"), "hex-pairs", () -> hex(2) + hex(2) + ":" + hex(4) + ":" + hex(4));
      clean(pick("备注", "notes"), "chinese-notes-without-pii", this::chineseText);
      add(
          pick("expiry_date", "d"),
          ColumnSample.Kind.DATE,
          null,
          "future-dates",
          values(0.05, 0, () -> iso(TODAY.plusDays(30 + r.nextInt(365 * 30)))));
      add(
          pick("founded", "d"),
          ColumnSample.Kind.STRING,
          null,
          "historic-dates",
          values(
              0.05,
              0,
              () ->
                  iso(LocalDate.of(1600 + r.nextInt(290), 1 + r.nextInt(12), 1 + r.nextInt(28)))));
      add(
          pick("created_at", "d"),
          ColumnSample.Kind.DATE,
          null,
          "recent-event-dates",
          values(0.05, 0, () -> iso(TODAY.minusDays(r.nextInt(365 * 10)))));
      add(
          pick("signup_ts", "updated_at", "t"),
          ColumnSample.Kind.TIMESTAMP,
          null,
          "event-timestamps",
          values(
              0.05,
              0,
              () ->
                  iso(TODAY.minusDays(r.nextInt(365 * 40)))
                      + String.format(
                          " %02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60))));
      add(
          pick("quantity", "salary"),
          ColumnSample.Kind.INTEGER,
          null,
          "counts",
          values(0.05, 0, () -> Integer.toString(r.nextInt(100_000))));
      // Names that point at personal data over values that are not.
      named(
          pickOne("phone_type", "contact_kind"),
          "hinted-phone-kinds",
          () -> pickOne("mobile", "home", "work", "fax"));
      named(
          pickOne("email_verified", "mail_opt_in"),
          "hinted-flags",
          () -> pickOne("true", "false", "yes", "no"));
      named(
          pickOne("card_type", "card_brand"),
          "hinted-card-brands",
          () -> pickOne("Visa", "Mastercard", "UnionPay", "Amex"));
      named(
          pickOne("product_name", "item_name"),
          "hinted-product-names",
          () -> capitalize(any(words)) + " " + capitalize(any(words)) + " " + (1 + r.nextInt(9)));
      named(pickOne("birth_place", "place_of_birth"), "hinted-birth-places", () -> any(cities));
      named(
          pickOne("ip_country", "ip_region"),
          "hinted-ip-countries",
          () -> COUNTRIES[r.nextInt(COUNTRIES.length)]);
    }
  }

  // ---------------------------------------------------------------- values

  private String email() {
    String local;
    switch (r.nextInt(4)) {
      case 0:
        local = ascii(any(firstNames)) + "." + ascii(any(lastNames));
        break;
      case 1:
        local = ascii(any(firstNames)).charAt(0) + ascii(any(lastNames)) + r.nextInt(100);
        break;
      case 2:
        local = letters(3).toLowerCase(Locale.ROOT) + "_" + digits(3);
        break;
      default:
        local = ascii(any(lastNames)) + "+" + any(words);
    }
    return local + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
  }

  private static final String[] SEGMENTS = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
        "152", "153", "155",
    "156", "157", "158", "159", "166", "170", "173", "175", "176", "177", "178", "180", "181",
        "182", "183", "184",
    "185", "186", "187", "188", "189", "191", "198", "199"
  };

  private String chineseMobile() {
    String n = SEGMENTS[r.nextInt(SEGMENTS.length)] + digits(8);
    switch (r.nextInt(6)) {
      case 0:
        return "+86 " + n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7);
      case 1:
        return n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
      case 2:
        return "+86" + n;
      default:
        return n;
    }
  }

  private String internationalPhone() {
    switch (r.nextInt(5)) {
      case 0:
        return "+1 "
            + (2 + r.nextInt(8))
            + digits(2)
            + "-"
            + (2 + r.nextInt(8))
            + digits(2)
            + "-"
            + digits(4);
      case 1:
        return "+44 "
            + (r.nextBoolean()
                ? "20 " + digits(4) + " " + digits(4)
                : "7" + digits(3) + " " + digits(6));
      case 2:
        return "+49 " + (r.nextBoolean() ? "30 " + digits(7) : "15" + digits(1) + " " + digits(7));
      case 3:
        return "+33 "
            + (1 + r.nextInt(7))
            + " "
            + digits(2)
            + " "
            + digits(2)
            + " "
            + digits(2)
            + " "
            + digits(2);
      default:
        return "+81" + (1 + r.nextInt(9)) + digits(8);
    }
  }

  /** Numbers as Faker and people write them at home, in the US, UK, Germany, France and Spain. */
  private String nationalPhone() {
    String area = (2 + r.nextInt(8)) + digits(2);
    String exchange = (2 + r.nextInt(8)) + digits(2);
    switch (r.nextInt(9)) {
      case 0:
        return "(" + area + ")" + exchange + "-" + digits(4);
      case 1:
        return area + "." + exchange + "." + digits(4) + (r.nextBoolean() ? "x" + digits(4) : "");
      case 2:
        return "001-"
            + area
            + "-"
            + exchange
            + "-"
            + digits(4)
            + (r.nextBoolean() ? "x" + digits(3) : "");
      case 3:
        return "(" + area + ") " + exchange + "-" + digits(4);
      case 4:
        return r.nextBoolean() ? "0115 496 0" + digits(3) : "(020) 7946 0" + digits(3);
      case 5:
        return "030 " + (1 + r.nextInt(9)) + digits(7);
      case 6:
        return "0"
            + (1 + r.nextInt(5))
            + " "
            + digits(2)
            + " "
            + digits(2)
            + " "
            + digits(2)
            + " "
            + digits(2);
      case 7:
        return "6" + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      default:
        return r.nextBoolean()
            ? "+49(0)391" + digits(1) + " " + digits(5)
            : "+44(0)115 496" + digits(4);
    }
  }

  /** Areas 001-665 and 667-899, groups 01-99, serials 0001-9999. */
  private String ssn() {
    int area = 1 + r.nextInt(898);
    if (area == 666) {
      area = 665;
    }
    String sep = r.nextInt(5) == 0 ? " " : "-";
    return String.format(
        "%03d%s%02d%s%04d", area, sep, 1 + r.nextInt(99), sep, 1 + r.nextInt(9999));
  }

  private String ssnNeverIssued() {
    String area = pickOne("000", "666", (900 + r.nextInt(100)) + "");
    return area + "-" + String.format("%02d", r.nextInt(100)) + "-" + digits(4);
  }

  private static final String NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
  private static final String NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";

  private String nino() {
    String prefix;
    do {
      prefix =
          ""
              + NINO_FIRST.charAt(r.nextInt(NINO_FIRST.length()))
              + NINO_SECOND.charAt(r.nextInt(NINO_SECOND.length()));
    } while (Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ").contains(prefix));
    String d = digits(6);
    char suffix = "ABCD".charAt(r.nextInt(4));
    return r.nextBoolean()
        ? prefix + d + suffix
        : prefix
            + " "
            + d.substring(0, 2)
            + " "
            + d.substring(2, 4)
            + " "
            + d.substring(4)
            + " "
            + suffix;
  }

  private String macAddress() {
    StringBuilder h = new StringBuilder(hex(12));
    h.setCharAt(0, "0123456789abcde".charAt(r.nextInt(15)));
    String x = h.toString();
    switch (r.nextInt(3)) {
      case 0:
        return String.join(
            ":",
            x.substring(0, 2),
            x.substring(2, 4),
            x.substring(4, 6),
            x.substring(6, 8),
            x.substring(8, 10),
            x.substring(10));
      case 1:
        return String.join(
                "-",
                x.substring(0, 2),
                x.substring(2, 4),
                x.substring(4, 6),
                x.substring(6, 8),
                x.substring(8, 10),
                x.substring(10))
            .toUpperCase(Locale.ROOT);
      default:
        return x.substring(0, 4) + "." + x.substring(4, 8) + "." + x.substring(8);
    }
  }

  private String coordinate(int max) {
    return String.format(
        Locale.ROOT, "%." + (4 + r.nextInt(3)) + "f", (r.nextDouble() * 2 - 1) * (max - 1));
  }

  private String latLong() {
    String pair = coordinate(90) + (r.nextBoolean() ? ", " : ",") + coordinate(180);
    return r.nextInt(4) == 0 ? "(" + pair + ")" : pair;
  }

  private String dms() {
    return String.format(
        Locale.ROOT,
        "%d°%d'%d\"%s %d°%d'%d\"%s",
        r.nextInt(90),
        r.nextInt(60),
        r.nextInt(60),
        r.nextBoolean() ? "N" : "S",
        r.nextInt(180),
        r.nextInt(60),
        r.nextInt(60),
        r.nextBoolean() ? "E" : "W");
  }

  private static final String[] US_SUFFIXES = {
    "St", "Street", "Ave", "Avenue", "Rd", "Blvd", "Dr", "Ln", "Way", "Ct"
  };

  private String usAddress() {
    String street =
        (1 + r.nextInt(9999))
            + " "
            + (r.nextInt(4) == 0 ? (4 + r.nextInt(16)) + "th" : capitalize(ascii(any(lastNames))))
            + " "
            + US_SUFFIXES[r.nextInt(US_SUFFIXES.length)]
            + (r.nextInt(4) == 0 ? " Apt " + (1 + r.nextInt(30)) + letters(1) : "");
    return r.nextBoolean()
        ? street
        : street
            + ", "
            + any(usCities)
            + ", "
            + pickOne("CA", "NY", "TX", "IL", "WA", "MA")
            + " "
            + digits(5);
  }

  private String chineseAddress() {
    String[] d = districts.get(r.nextInt(districts.size()));
    String road = cnStreets.get(r.nextInt(cnStreets.size()));
    String unit = r.nextBoolean() ? (1 + r.nextInt(30)) + "栋" + (101 + r.nextInt(2000)) + "室" : "";
    return d[1] + d[2] + road + (1 + r.nextInt(500)) + "号" + unit;
  }

  /** Browser user-agent strings: version numbers such as {@code rv:1.9.7.20} are not addresses. */
  private String userAgent() {
    switch (r.nextInt(3)) {
      case 0:
        return "Mozilla/5.0 (Windows NT "
            + (5 + r.nextInt(6))
            + "."
            + r.nextInt(3)
            + "; rv:1."
            + r.nextInt(10)
            + "."
            + r.nextInt(10)
            + "."
            + r.nextInt(30)
            + ") Gecko/20"
            + digits(6)
            + " Firefox/"
            + (3 + r.nextInt(120))
            + ".0";
      case 1:
        return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/5"
            + digits(2)
            + "."
            + digits(1)
            + " (KHTML, like Gecko) Chrome/"
            + (10 + r.nextInt(120))
            + ".0."
            + digits(3)
            + "."
            + r.nextInt(200)
            + " Safari/5"
            + digits(2)
            + "."
            + digits(2);
      default:
        return "Opera/9."
            + digits(2)
            + " (Windows CE; "
            + pickOne("en-US", "de-DE", "sl-SI", "zh-CN")
            + ") Presto/2."
            + r.nextInt(12)
            + "."
            + digits(3)
            + " Version/1"
            + r.nextInt(3)
            + "."
            + digits(2);
    }
  }

  private String idNumber() {
    String body = any(regions) + birthDate().toString().replace("-", "") + digits(3);
    String id = body + ChineseIdNumber.checkCharacter(body);
    return r.nextInt(20) == 0 ? id.toLowerCase(Locale.ROOT) : id;
  }

  private String idNumberWithWrongCheck() {
    String body = any(regions) + birthDate().toString().replace("-", "") + digits(3);
    char right = ChineseIdNumber.checkCharacter(body);
    String checks = "0123456789X";
    char wrong;
    do {
      wrong = checks.charAt(r.nextInt(checks.length()));
    } while (wrong == right);
    return body + wrong;
  }

  private String cardNumber() {
    String payload;
    int length = 16;
    switch (r.nextInt(6)) {
      case 0:
        payload = "4" + digits(14);
        break;
      case 1:
        payload = "5" + (1 + r.nextInt(5)) + digits(13);
        break;
      case 2:
        payload = (2221 + r.nextInt(500)) + digits(11);
        break;
      case 3:
        payload = "3" + (r.nextBoolean() ? "4" : "7") + digits(12);
        length = 15;
        break;
      case 4:
        payload = "62" + digits(16);
        length = 19;
        break;
      default:
        payload = "62" + digits(13);
    }
    String number = payload + Luhn.checkDigit(payload);
    if (length == 16 && r.nextInt(3) == 0) {
      String sep = r.nextBoolean() ? " " : "-";
      return number.substring(0, 4)
          + sep
          + number.substring(4, 8)
          + sep
          + number.substring(8, 12)
          + sep
          + number.substring(12);
    }
    return number;
  }

  private String cardNumberFailingLuhn() {
    String payload = (4 + r.nextInt(3)) + digits(14);
    char check = Luhn.checkDigit(payload);
    return payload + (char) ('0' + (check - '0' + 1 + r.nextInt(9)) % 10);
  }

  private String elevenDigitsNotMobile() {
    String[] starts = {"10", "11", "12", "2", "3", "4", "5", "6", "7", "8", "9"};
    String start = starts[r.nextInt(starts.length)];
    return start + digits(11 - start.length());
  }

  private static final String[][] IBAN_FORMATS = {
    {"DE", "n18"},
    {"GB", "a4n14"},
    {"FR", "n10c11n2"},
    {"NL", "a4n10"},
    {"ES", "n20"},
    {"IT", "a1n10c12"},
    {"CH", "n5c12"},
    {"BE", "n12"},
    {"AT", "n16"},
    {"PL", "n24"}
  };

  private String iban() {
    String[] f = IBAN_FORMATS[r.nextInt(IBAN_FORMATS.length)];
    StringBuilder bban = new StringBuilder();
    for (int i = 0; i < f[1].length(); ) {
      char kind = f[1].charAt(i++);
      int j = i;
      while (j < f[1].length() && Character.isDigit(f[1].charAt(j))) {
        j++;
      }
      int count = Integer.parseInt(f[1].substring(i, j));
      i = j;
      for (int k = 0; k < count; k++) {
        bban.append(
            kind == 'n'
                ? (char) ('0' + r.nextInt(10))
                : kind == 'a'
                    ? (char) ('A' + r.nextInt(26))
                    : "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(r.nextInt(36)));
      }
    }
    int remainder = 0;
    String rearranged = bban + f[0] + "00";
    for (char c : rearranged.toCharArray()) {
      remainder =
          Character.isDigit(c)
              ? (remainder * 10 + (c - '0')) % 97
              : (remainder * 100 + (c - 'A' + 10)) % 97;
    }
    String iban = f[0] + String.format("%02d", 98 - remainder) + bban;
    if (r.nextBoolean()) {
      return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }
    return iban;
  }

  private String ipv4() {
    switch (r.nextInt(4)) {
      case 0:
        return "192.0.2." + (1 + r.nextInt(254));
      case 1:
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      case 2:
        return "172." + (16 + r.nextInt(16)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
      default:
        return (1 + r.nextInt(223))
            + "."
            + r.nextInt(256)
            + "."
            + r.nextInt(256)
            + "."
            + (1 + r.nextInt(254));
    }
  }

  private String ipv6() {
    switch (r.nextInt(3)) {
      case 0:
        return "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xffff));
      case 1:
        return "2001:db8:"
            + Integer.toHexString(r.nextInt(0x10000))
            + ":"
            + Integer.toHexString(r.nextInt(0x10000))
            + "::"
            + Integer.toHexString(r.nextInt(0x10000));
      default:
        StringBuilder sb = new StringBuilder("fe80");
        for (int i = 0; i < 7; i++) {
          sb.append(':').append(String.format("%04x", r.nextInt(0x10000)));
        }
        return sb.toString();
    }
  }

  private LocalDate birthDate() {
    return LocalDate.of(1935, 1, 1).plusDays(r.nextInt(365 * 72));
  }

  private String dateText(LocalDate d, int form) {
    switch (form) {
      case 0:
        return String.format("%02d.%02d.%d", d.getDayOfMonth(), d.getMonthValue(), d.getYear());
      case 1:
        return String.format("%02d/%02d/%d", d.getMonthValue(), d.getDayOfMonth(), d.getYear());
      case 2:
        return String.format(
            "%d %s %d",
            d.getDayOfMonth(),
            d.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH),
            d.getYear());
      case 3:
        return String.format("%d年%d月%d日", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
      default:
        return String.format("%d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }
  }

  private String chineseName() {
    String surname =
        r.nextInt(30) == 0
            ? surnames.get(surnames.size() - 1 - r.nextInt(10))
            : surnames.get(r.nextInt(120));
    String given = any(givenChars);
    if (r.nextInt(10) < 7) {
      given += any(givenChars);
    }
    return surname + given;
  }

  private String latinName() {
    switch (r.nextInt(8)) {
      case 0:
        return any(firstNames)
            + " "
            + capitalize(letters(1).toLowerCase(Locale.ROOT))
            + ". "
            + any(lastNames);
      case 1:
        return any(firstNames) + " " + any(firstNames) + " " + any(lastNames);
      case 2:
        // A surname the dictionary does not know.
        return any(firstNames) + " " + capitalize(syllables());
      default:
        return any(firstNames) + " " + any(lastNames);
    }
  }

  private String sentence() {
    StringBuilder sb = new StringBuilder(capitalize(any(words)));
    int n = 3 + r.nextInt(10);
    for (int i = 1; i < n; i++) {
      sb.append(' ').append(any(words));
    }
    return sb.append('.').toString();
  }

  /** Notes as support staff write them, with order ids, amounts, times and codes, no PII. */
  private String sentenceWithCodes() {
    switch (r.nextInt(6)) {
      case 0:
        return "Order ORD-"
            + (2019 + r.nextInt(7))
            + "-"
            + digits(6)
            + " "
            + any(words)
            + " "
            + any(words)
            + ".";
      case 1:
        return "Refund of "
            + (1 + r.nextInt(900))
            + "."
            + digits(2)
            + " EUR "
            + any(words)
            + " on ticket #"
            + digits(5);
      case 2:
        return "Tracking " + digits(12 + r.nextInt(6)) + " " + any(words) + " " + any(words);
      case 3:
        return "Meeting at "
            + r.nextInt(24)
            + ":"
            + digits(2)
            + " about "
            + any(words)
            + " "
            + any(words);
      case 4:
        return "SKU "
            + letters(2)
            + "-"
            + digits(4)
            + " "
            + any(words)
            + " version "
            + r.nextInt(9)
            + "."
            + r.nextInt(9);
      default:
        return sentence();
    }
  }

  private String chineseText() {
    StringBuilder sb = new StringBuilder();
    int n = 3 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append(CHINESE_WORDS[r.nextInt(CHINESE_WORDS.length)]);
    }
    return sb.append("。").toString();
  }

  // ---------------------------------------------------------------- helpers

  private void pii(PiiType type, String flavour, String name, Supplier<String> value) {
    add(name, ColumnSample.Kind.STRING, type, flavour, values(0.1, 0.15, value));
  }

  /** A clean column whose name always hints at personal data. */
  private void named(String name, String flavour, Supplier<String> value) {
    add(name, ColumnSample.Kind.STRING, null, flavour, values(0.1, 0.02, value));
  }

  private String pickOne(String... values) {
    return values[r.nextInt(values.length)];
  }

  private void clean(String name, String flavour, Supplier<String> value) {
    add(name, ColumnSample.Kind.STRING, null, flavour, values(0.1, 0.02, value));
  }

  private void add(
      String name, ColumnSample.Kind kind, PiiType label, String flavour, List<String> values) {
    columns.add(new Column(name, kind, label, flavour, values));
  }

  /** 20 to 400 values, up to {@code maxNulls} of them null and up to {@code maxJunk} junk. */
  private List<String> values(double maxNulls, double maxJunk, Supplier<String> value) {
    int n = 20 + r.nextInt(381);
    double nulls = r.nextDouble() * maxNulls;
    double junk = r.nextDouble() * maxJunk;
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      if (u < nulls) {
        out.add(r.nextBoolean() ? null : "");
      } else if (u < nulls + junk) {
        out.add(r.nextBoolean() ? JUNK[r.nextInt(JUNK.length)] : typo(value.get()));
      } else {
        out.add(value.get());
      }
    }
    return out;
  }

  /** A value with one character dropped: usually no longer valid. */
  private String typo(String v) {
    if (v.length() < 3) {
      return v + "?";
    }
    int at = r.nextInt(v.length());
    return v.substring(0, at) + v.substring(at + 1);
  }

  /** Half the time the given (hinting) name, otherwise a neutral one. */
  private String pick(String... hinting) {
    counter++;
    return r.nextBoolean() ? hinting[r.nextInt(hinting.length)] : "c" + counter;
  }

  private static List<String> concat(String... dictionaries) {
    List<String> out = new ArrayList<>();
    for (String name : dictionaries) {
      out.addAll(Dictionary.named(name).entries());
    }
    return out;
  }

  private String any(List<String> list) {
    return list.get(r.nextInt(list.size()));
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  private String letters(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('A' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return sb.toString();
  }

  private String syllables() {
    String[] s = {"ka", "ren", "lo", "vi", "dor", "sa", "mek", "tu", "bri", "an", "sel", "mo"};
    StringBuilder sb = new StringBuilder();
    int n = 2 + r.nextInt(2);
    for (int i = 0; i < n; i++) {
      sb.append(s[r.nextInt(s.length)]);
    }
    return sb.toString();
  }

  private static String capitalize(String w) {
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String iso(LocalDate d) {
    return d.toString();
  }

  private static String ascii(String name) {
    String d =
        java.text.Normalizer.normalize(
            name.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder();
    for (char c : d.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
