package io.veil.scan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a column's name suggests it holds. Names are split into lower-case words at underscores,
 * hyphens, dots, spaces and camelCase humps ({@code customerEmail}: customer, email), and matched
 * word by word, so {@code username} and {@code product_name} do not read as person names. A hint
 * raises confidence and lowers the share a type needs; it never makes a type on its own.
 */
public final class ColumnNameHints {
  private static final Set<String> EMAIL = Set.of("email", "mail", "emails", "邮箱", "邮件");
  private static final Set<String> PHONE =
      Set.of(
          "phone",
          "phones",
          "mobile",
          "tel",
          "telephone",
          "cell",
          "cellphone",
          "msisdn",
          "fax",
          "手机",
          "电话");
  private static final Set<String> ID_CARD =
      Set.of("idcard", "sfz", "identity", "citizen", "resident", "national", "nric", "身份证");
  private static final Set<String> CARD = Set.of("card", "pan", "cc", "credit", "debit", "卡号");
  private static final Set<String> IBAN = Set.of("iban", "account");
  private static final Set<String> IP = Set.of("ip", "ipv4", "ipv6", "ipaddr", "ipaddress");
  private static final Set<String> SSN = Set.of("ssn", "ssns", "socialsecurity", "sin");
  private static final Set<String> NINO = Set.of("nino", "nin", "ni", "nationalinsurance");
  private static final Set<String> MAC = Set.of("mac", "macaddr", "macaddress", "hwaddr", "bssid");
  private static final Set<String> LATITUDE = Set.of("lat", "latitude", "纬度");
  private static final Set<String> LONGITUDE = Set.of("lng", "lon", "long", "longitude", "经度");
  private static final Set<String> GEO =
      Set.of(
          "geo", "gps", "coordinates", "coords", "latlng", "latlon", "location", "position", "坐标");
  private static final Set<String> ADDRESS =
      Set.of("address", "addr", "street", "mailing", "shipping", "billing", "postal", "地址", "住址");

  /**
   * Words that look like region codes in names but are words ({@code no}, {@code id}, {@code it}).
   */
  private static final Set<String> NOT_A_REGION =
      Set.of("no", "id", "it", "is", "at", "be", "by", "to", "in", "am", "pm", "tv", "me", "do");

  private static final Set<String> BIRTH =
      Set.of("birth", "birthday", "birthdate", "dob", "born", "bday", "出生", "生日");
  private static final Set<String> NAME =
      Set.of(
          "name",
          "fullname",
          "firstname",
          "lastname",
          "surname",
          "forename",
          "givenname",
          "familyname",
          "姓名",
          "名字");
  private static final Set<String> NOT_A_PERSON =
      Set.of(
          "product",
          "file",
          "user",
          "host",
          "city",
          "company",
          "brand",
          "item",
          "category",
          "street",
          "domain",
          "table",
          "column",
          "app",
          "device",
          "country",
          "region",
          "store",
          "shop",
          "merchant",
          "bank",
          "org",
          "organization",
          "team",
          "project",
          "event",
          "tag",
          "display",
          "nick",
          "screen",
          "key");
  private static final Set<String> FREE_TEXT =
      Set.of(
          "note",
          "notes",
          "comment",
          "comments",
          "remark",
          "remarks",
          "description",
          "message",
          "text",
          "memo",
          "body",
          "feedback",
          "备注");

  /** Words of timestamp-like columns: dates in them are events, not births. */
  private static final Set<String> EVENT_DATE =
      Set.of(
          "created",
          "create",
          "updated",
          "update",
          "modified",
          "signup",
          "login",
          "logout",
          "order",
          "ordered",
          "ts",
          "timestamp",
          "time",
          "event",
          "start",
          "started",
          "end",
          "ended",
          "expiry",
          "expires",
          "expiration",
          "expire",
          "due",
          "paid",
          "payment",
          "shipped",
          "ship",
          "delivered",
          "delivery",
          "hire",
          "hired",
          "joined",
          "join",
          "registered",
          "registration",
          "seen",
          "valid",
          "issued",
          "issue",
          "opened",
          "closed",
          "purchase",
          "purchased",
          "booking",
          "visit",
          "at",
          "deleted",
          "processed",
          "sent",
          "received",
          "last",
          "since",
          "until");

  private static final Set<String> PERSON_PARTS =
      Set.of(
          "first",
          "last",
          "given",
          "family",
          "middle",
          "full",
          "customer",
          "person",
          "contact",
          "holder",
          "owner",
          "patient",
          "employee",
          "member",
          "client");

  private final List<String> words;
  private final Set<PiiType> types;
  private final List<String> regions;

  private ColumnNameHints(List<String> words) {
    this.words = words;
    this.types = findTypes();
    this.regions = findRegions();
  }

  /** Hints from a column or field name ({@code phone}, {@code customerEmail}, {@code 手机号}). */
  public static ColumnNameHints of(String name) {
    List<String> words = new ArrayList<>();
    if (name != null) {
      StringBuilder word = new StringBuilder();
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        boolean hump =
            i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
        if (!Character.isLetterOrDigit(c) || hump) {
          add(words, word);
        }
        if (Character.isLetterOrDigit(c)) {
          word.append(Character.toLowerCase(c));
        }
      }
      add(words, word);
    }
    return new ColumnNameHints(words);
  }

  private static void add(List<String> words, StringBuilder word) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  /** The types the name points at. */
  public Set<PiiType> types() {
    return types;
  }

  public boolean suggests(PiiType type) {
    return types.contains(type);
  }

  private Set<PiiType> findTypes() {
    Set<PiiType> found = EnumSet.noneOf(PiiType.class);
    if (any(EMAIL)) {
      found.add(PiiType.EMAIL);
    }
    if (any(PHONE)) {
      found.add(PiiType.PHONE);
    }
    if (any(ID_CARD)
        || (words.contains("id")
            && (words.contains("card")
                || words.contains("number")
                || words.contains("no")
                || words.contains("num")))) {
      found.add(PiiType.ID_CARD);
    } else if (any(CARD)) {
      found.add(PiiType.BANK_CARD);
    }
    if (any(IBAN)) {
      found.add(PiiType.IBAN);
    }
    if (any(IP)) {
      found.add(PiiType.IP_ADDRESS);
    }
    if (any(SSN) || (words.contains("social") && words.contains("security"))) {
      found.add(PiiType.US_SSN);
    }
    if (any(NINO) || (words.contains("national") && words.contains("insurance"))) {
      found.add(PiiType.UK_NINO);
    }
    if (any(MAC)) {
      found.add(PiiType.MAC_ADDRESS);
    }
    if (any(GEO) || any(LATITUDE) || any(LONGITUDE)) {
      found.add(PiiType.GEO_COORDINATES);
    }
    if (any(ADDRESS) && !any(IP) && !any(EMAIL) && !any(MAC)) {
      found.add(PiiType.POSTAL_ADDRESS);
    }
    if (any(BIRTH)) {
      found.add(PiiType.BIRTH_DATE);
    }
    if (any(NAME) && (!any(NOT_A_PERSON) || any(PERSON_PARTS))) {
      found.add(PiiType.PERSON_NAME);
    }
    if (any(FREE_TEXT)) {
      found.add(PiiType.FREE_TEXT_WITH_PII);
    }
    return found;
  }

  /**
   * The countries a phone column's name names ({@code phone_de}, {@code ch_mobile}: DE, CH), as
   * libphonenumber's region codes; empty for other columns.
   */
  public List<String> regions() {
    return regions;
  }

  private List<String> findRegions() {
    List<String> found = new ArrayList<>();
    if (types.contains(PiiType.PHONE)) {
      for (String w : words) {
        if (w.length() == 2 && !NOT_A_REGION.contains(w)) {
          String code = w.equals("uk") ? "GB" : w.toUpperCase(java.util.Locale.ROOT);
          if (NationalPhoneDetector.isRegion(code)) {
            found.add(code);
          }
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * Whether the name is a single latitude's ({@code lat}: true) or longitude's ({@code lng}:
   * false); null when it names neither.
   */
  public Boolean coordinateAxis() {
    boolean lat = any(LATITUDE);
    boolean lng = any(LONGITUDE);
    return lat == lng ? null : lat;
  }

  /** Whether the name reads as an event's date or time ({@code created_at}, {@code signup_ts}). */
  public boolean suggestsEventDate() {
    return any(EVENT_DATE) && !any(BIRTH);
  }

  /** Whether a word of the name is in {@code set}; Chinese names, unsplit, by substring. */
  private boolean any(Set<String> set) {
    for (String w : words) {
      if (set.contains(w)) {
        return true;
      }
      if (PersonNameDetector.isHan(w.codePointAt(0))) {
        for (String k : set) {
          if (PersonNameDetector.isHan(k.codePointAt(0)) && w.contains(k)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
