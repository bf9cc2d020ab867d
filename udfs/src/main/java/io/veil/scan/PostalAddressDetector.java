package io.veil.scan;

import io.veil.ops.Dictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Postal addresses, recognised by their administrative and postal markers, not by shape alone.
 *
 * <p>{@code cn-address}, mainland China, its parts written together or apart:
 *
 * <ol>
 *   <li>optionally {@code 中国};
 *   <li>a province, municipality or autonomous region of {@code provinces-zh.tsv}, in full or,
 *       before a city or district, short ({@code 广东深圳市}, {@code 上海浦东新区});
 *   <li>a city: a known one ({@code prefectures-zh.tsv}, {@code regions-zh.tsv}, {@code
 *       cities.tsv}), also without {@code 市} before its district ({@code 杭州西湖区}); after a province
 *       any {@code …市/自治州/地区/盟};
 *   <li>a district or county: a known one ({@code regions-zh.tsv}); after a province or city any
 *       {@code …区/县/旗}, after a city also a county-level {@code …市};
 *   <li>a road ({@code …路/街/道/巷/弄/胡同/大道}), an optional segment ({@code 四段}) or lane ({@code 100弄}),
 *       and a house number with {@code 号}, in ASCII, full-width or Chinese numerals;
 *   <li>optional building parts: {@code 1号楼}, {@code 2单元}, {@code 301室}, {@code 太古汇3楼}.
 * </ol>
 *
 * It starts with a known province, city or district (parts read by their shape only follow one) and
 * has a road and house number or, with no road, a province, a city and a district (a municipality
 * counts once), as rural addresses do ({@code 河南省周口市郸城县城郊乡王庄村5组}).
 *
 * <p>{@code us-address}: a house number of 1 to 6 digits, perhaps with a letter ({@code 221B}); a
 * street name of 1 to 4 capitalized words or ordinals ({@code 5th}), not articles or prepositions;
 * a capitalized USPS suffix of {@code usps-street-suffixes.tsv} ({@code St}, {@code Ave.}, {@code
 * Boulevard}) that ends the street: what follows is nothing, a comma, a direction ({@code NW}), a
 * unit ({@code Apt 4B}, {@code Suite 200}, {@code # 12}), a city and state, or text that is not a
 * capitalized word ({@code 3 Way Switch} is no address). Then optionally a city of 1 to 3
 * capitalized words, a state or territory of {@code us-states.tsv} (code or name) and a ZIP code
 * ({@code 12345}, {@code 12345-6789}). PO boxes are not recognised.
 *
 * <p>{@link #matches} takes a whole value; {@link #find} finds addresses inside longer text. Both
 * scan with bounded look-ahead, without regular expressions.
 */
public final class PostalAddressDetector implements ValueDetector {

  /** The address forms recognised. */
  public enum Form {
    CN("cn-address"),
    US("us-address");

    private final String label;

    Form(String label) {
      this.label = label;
    }

    /** The form's name in scan details: {@code cn-address}, {@code us-address}. */
    public String label() {
      return label;
    }
  }

  /** A longer value is text, not one address. */
  static final int MAX_LENGTH = 200;

  /** Han characters scanned for a road name, town or county before its marker. */
  private static final int MAX_ROAD_CHARS = 16;

  private static final int MAX_SHAPE_CHARS = 8;
  private static final int MAX_BUILDING_NAME_CHARS = 12;
  private static final int MAX_BUILDING_PARTS = 8;
  private static final String CHINESE_NUMERALS = "〇零一二三四五六七八九十百千两";

  /**
   * Characters that do not occur in the place and road names read by shape but are common in the
   * sentences around an address: they stop a name from swallowing the words before it.
   */
  private static final String STOP_CHARS = "的了是在与及或我你他她它们这那把被就也还到给请已吗呢吧啊寄收谢";

  /** Building parts after a house number, longest first: {@code 1号楼}, {@code 2单元}, {@code 301室}. */
  private static final String[] BUILDING_MARKERS = {
    "号楼", "号院", "单元", "栋", "幢", "座", "楼", "层", "室", "号", "户", "组", "房"
  };

  /**
   * Capitalized words that are not part of a US street or city name but often follow a number in
   * text ({@code In 2020 The}, {@code Chapter 3 The Long Walk}, {@code 5 Items For}).
   */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from",
          "per", "is", "are", "was", "were", "be", "my", "our", "your", "his", "her", "their",
          "its", "this", "that", "these", "those", "each", "every", "all", "no", "not", "any",
          "some", "more", "less", "than", "off", "over", "under", "about", "after", "before",
          "into", "via", "vs", "order", "orders", "item", "items", "pcs", "units", "times", "days",
          "hours", "minutes", "years", "percent", "dollars");

  private static final Set<String> DIRECTIONS =
      Set.of(
          "n",
          "s",
          "e",
          "w",
          "ne",
          "nw",
          "se",
          "sw",
          "north",
          "south",
          "east",
          "west",
          "northeast",
          "northwest",
          "southeast",
          "southwest");

  /** USPS secondary unit designators (Publication 28, Appendix C2) that take a number. */
  private static final Set<String> UNIT_WORDS =
      Set.of(
          "apt",
          "apartment",
          "bldg",
          "building",
          "dept",
          "department",
          "fl",
          "floor",
          "lot",
          "ofc",
          "office",
          "rm",
          "room",
          "spc",
          "space",
          "ste",
          "suite",
          "trlr",
          "trailer",
          "unit");

  private final Form only;

  /** Recognises both forms; its {@link #form()} is {@code postal-address}. */
  public PostalAddressDetector() {
    this.only = null;
  }

  /** Recognises one form only; its {@link #form()} is that form's label. */
  public PostalAddressDetector(Form only) {
    this.only = Objects.requireNonNull(only, "only");
  }

  @Override
  public PiiType type() {
    return PiiType.POSTAL_ADDRESS;
  }

  @Override
  public String form() {
    return only == null ? "postal-address" : only.label();
  }

  @Override
  public boolean matches(String value) {
    return formOf(value) != null;
  }

  /** The form {@code value}, as a whole (surrounding blanks aside), is written in, or null. */
  public Form formOf(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    if (isAsciiDigit(s.charAt(0))) {
      return us() && usEnd(s, 0) == s.length() ? Form.US : null;
    }
    return chinese() && cnEnd(s, 0) == s.length() ? Form.CN : null;
  }

  /**
   * Where addresses are written in {@code text}: for each, in order, the chars {@code [start, end)}
   * (UTF-16 indices, as {@link String#substring}) of exactly the address, without the words around
   * it or punctuation after it. Texts that {@link #mayContainAddress} rules out cost one pass over
   * their chars and no allocation.
   *
   * @return the spans; an empty immutable list when there are none
   */
  public List<int[]> find(String text) {
    return text == null ? List.of() : find(text, text.toCharArray());
  }

  /**
   * {@link #find(String)} with the chars of {@code text} already copied out and its digits found: a
   * US address starts at a digit, so only the digits among the marks are looked at, and a Chinese
   * one at a name ending at one of the chars in {@link Tables#IS_ANCHOR_END}, found in one pass
   * over the chars of a text that is not all ASCII (an all-ASCII text holds none). The same spans
   * as {@link #find(String, char[])}, which visits every char, twice for texts with an anchor.
   */
  List<int[]> find(String text, TextMarks marks) {
    char[] chars = marks.chars;
    boolean us = us();
    int[] anchors = marks.ascii || !chinese() ? NO_ANCHORS : anchorEnds(chars);
    boolean may = anchors.length > 0;
    for (int m = 0; us && m < marks.size() && !may; m++) {
      may = marks.isDigit(m) && mayStartUsAddress(chars, marks.at(m));
    }
    List<int[]> spans = null;
    int i = 0; // the chars before i are read
    int floor = 0; // where the last address ended: a Chinese one does not reach back past it
    int a = 0;
    int m = 0;
    while (may) {
      while (a < anchors.length && anchors[a] < i) {
        a++;
      }
      while (m < marks.size() && (marks.at(m) < i || !marks.isDigit(m))) {
        m++;
      }
      int anchor = a < anchors.length ? anchors[a] : Integer.MAX_VALUE;
      int digit = us && m < marks.size() ? marks.at(m) : Integer.MAX_VALUE;
      if (anchor == Integer.MAX_VALUE && digit == Integer.MAX_VALUE) {
        break;
      }
      int at = Math.min(anchor, digit);
      int[] span = at == anchor ? cnAt(text, at, floor) : usAt(text, chars, at);
      if (span != null) {
        if (spans == null) {
          spans = new ArrayList<>(2);
        }
        spans.add(span);
        floor = span[1];
        i = span[1];
      } else {
        i = at + 1;
      }
    }
    return spans == null ? List.of() : spans;
  }

  private static final int[] NO_ANCHORS = new int[0];

  /** Where the chars that end a known Chinese name are, in order; empty when none. */
  private static int[] anchorEnds(char[] chars) {
    int[] at = NO_ANCHORS;
    int k = 0;
    for (int i = 0; i < chars.length; i++) {
      if (Tables.IS_ANCHOR_END[chars[i]]) {
        if (k == at.length) {
          at = Arrays.copyOf(at, Math.max(8, 2 * k));
        }
        at[k++] = i;
      }
    }
    return k == at.length ? at : Arrays.copyOf(at, k);
  }

  /**
   * The Chinese address found from the name ending at char {@code i}, {@code [start, end)}, or
   * null: it starts at that name, or just before it at a short province name (广东深圳市) or 中国, not
   * before {@code floor}.
   */
  private static int[] cnAt(String text, int i, int floor) {
    int anchor = Tables.ANCHORS.longestEndingAt(text, i + 1, floor);
    if (anchor < 0) {
      return null;
    }
    int start = widenedStart(text, anchor, floor);
    int end = cnEnd(text, start);
    if (end < 0 && start != anchor) {
      start = anchor;
      end = cnEnd(text, anchor);
    }
    return end > 0 ? new int[] {start, end} : null;
  }

  /** The US address whose house number starts at digit {@code i}, {@code [i, end)}, or null. */
  private static int[] usAt(String text, char[] chars, int i) {
    if (!mayStartHouseNumber(chars, i) || !mayStartUs(chars, i)) {
      return null;
    }
    int end = usEnd(text, i);
    if (end > 0 && text.charAt(end - 1) == '.') {
      // "Deliver to 12 Main St.": the period ends the sentence as much as the abbreviation
      end--;
    }
    return end > 0 ? new int[] {i, end} : null;
  }

  /**
   * {@link #find(String)} with the chars of {@code text} already copied out: the passes over every
   * char read them from the array, which String.charAt made several times slower.
   */
  List<int[]> find(String text, char[] chars) {
    if (!mayContainAddress(chars)) {
      return List.of();
    }
    List<int[]> spans = null;
    int floor = 0;
    int i = 0;
    while (i < chars.length) {
      char c = chars[i];
      int[] span = null;
      if (chinese() && Tables.IS_ANCHOR_END[c]) {
        span = cnAt(text, i, floor);
      } else if (us() && isAsciiDigit(c)) {
        span = usAt(text, chars, i);
      }
      if (span != null) {
        if (spans == null) {
          spans = new ArrayList<>(2);
        }
        spans.add(span);
        floor = span[1];
        i = span[1];
      } else {
        i++;
      }
    }
    return spans == null ? List.of() : spans;
  }

  /**
   * A cheap pre-check for {@link #find}: false when {@code text} cannot hold an address, as it has
   * neither a character that ends a known Chinese province, city or district name ({@code 省},
   * {@code 市}, {@code 区}) nor a digit (perhaps with a letter: {@code 221B}) followed by a blank and
   * a capitalized word or a digit ({@code 350 5th Ave}).
   */
  public boolean mayContainAddress(String text) {
    return text != null && mayContainAddress(text.toCharArray());
  }

  private boolean mayContainAddress(char[] s) {
    for (int i = 0; i < s.length; i++) {
      char c = s[i];
      if (c < 0x80) {
        if (isAsciiDigit(c) && us() && mayStartUsAddress(s, i)) {
          return true;
        }
      } else if (chinese() && Tables.IS_ANCHOR_END[c]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the digit at {@code i} (perhaps with a letter: {@code 221B}) is followed by a blank and
   * a capitalized word or a digit ({@code 350 5th Ave}), as {@link #mayContainAddress} asks.
   */
  private static boolean mayStartUsAddress(char[] s, int i) {
    int n = s.length;
    int j = i + 1 < n && isAsciiLetter(s[i + 1]) ? i + 2 : i + 1; // 221B
    if (j < n && isBlank(s[j])) {
      while (j < n && isBlank(s[j])) {
        j++;
      }
      return j < n && (Character.isUpperCase(s[j]) || isAsciiDigit(s[j]));
    }
    return false;
  }

  private boolean chinese() {
    return only != Form.US;
  }

  private boolean us() {
    return only != Form.CN;
  }

  // ---- Chinese addresses ----

  private static int widenedStart(String s, int anchor, int floor) {
    int from = anchor;
    int shortCity = Tables.CITY_SHORT.longestEndingAt(s, from, floor);
    if (shortCity >= 0) {
      from = shortCity;
    }
    int shortProvince = Tables.PROVINCE_SHORT.longestEndingAt(s, from, floor);
    if (shortProvince >= 0) {
      from = shortProvince;
    }
    if (from - 2 >= floor && s.startsWith("中国", from - 2)) {
      from -= 2;
    }
    return from;
  }

  /** The end of a Chinese address starting exactly at {@code start}, or -1. */
  static int cnEnd(String s, int start) {
    int p = start;
    if (s.startsWith("中国", p)) {
      p = skipBlanks(s, p + 2);
    }
    int end = -1;
    int levels = 0;
    boolean province = false;
    boolean city = false;
    int e = Tables.PROVINCES.longestAt(s, p);
    if (e > 0) {
      province = true;
      // A municipality (北京市) is its own city.
      city = s.charAt(e - 1) == '市';
    } else {
      e = Tables.PROVINCE_SHORT.longestAt(s, p);
      if (e > 0) {
        // A short name (广东, 上海) is a province only when a city or district follows.
        int q = skipBlanks(s, e);
        boolean municipality = Tables.MUNICIPALITY_SHORT.contains(s, p, e);
        if (!municipality && (Tables.CITIES.longestAt(s, q) > 0 || cityShapeEnd(s, q) > 0)) {
          province = true;
        } else if (Tables.DISTRICTS.longestAt(s, q) > 0 || districtShapeEnd(s, q, false) > 0) {
          province = true;
          city = municipality;
        }
      }
    }
    if (province) {
      levels++;
      end = e;
      p = skipBlanks(s, e);
    }
    if (!city) {
      e = Tables.CITIES.longestAt(s, p);
      if (e < 0 && province) {
        e = cityShapeEnd(s, p);
      }
      if (e < 0) {
        e = shortCityEnd(s, p, province);
      }
      if (e > 0) {
        city = true;
        levels++;
        end = e;
        p = skipBlanks(s, e);
      }
    }
    e = Tables.DISTRICTS.longestAt(s, p);
    if (e < 0 && levels > 0) {
      e = districtShapeEnd(s, p, city);
    }
    if (e > 0) {
      levels++;
      end = e;
      p = skipBlanks(s, e);
    }
    // Every part read by shape followed a known one: the address starts with a known name.
    if (levels == 0) {
      return -1;
    }
    int road = roadEnd(s, p);
    if (road < 0) {
      // Rural addresses: a town and a village, perhaps a road after them.
      int q = p;
      e = townShapeEnd(s, q);
      if (e > 0) {
        levels++;
        end = e;
        q = skipBlanks(s, e);
      }
      e = villageShapeEnd(s, q);
      if (e > 0) {
        levels++;
        end = e;
        q = skipBlanks(s, e);
      }
      road = roadEnd(s, q);
      if (road < 0) {
        if (!province || levels < 3) {
          return -1;
        }
        road = end;
      }
    }
    return buildingEnd(s, road);
  }

  /**
   * A city's name without {@code 市} before its district, as addresses are often written ({@code
   * 杭州西湖区}): before a known district, or after a province before a district read by shape.
   */
  private static int shortCityEnd(String s, int p, boolean afterProvince) {
    int e = Tables.CITY_SHORT.longestAt(s, p);
    if (e < 0) {
      return -1;
    }
    int q = skipBlanks(s, e);
    return Tables.DISTRICTS.longestAt(s, q) > 0
            || (afterProvince && districtShapeEnd(s, q, true) > 0)
        ? e
        : -1;
  }

  /** A road name ending in a road marker, then its house number: {@code 科技园路18号}. */
  private static int roadEnd(String s, int p) {
    int n = s.length();
    int k = p;
    for (int count = 1; k < n && count <= MAX_ROAD_CHARS; count++) {
      int cp = s.codePointAt(k);
      if (!isNameChar(cp)) {
        return -1;
      }
      int next = k + Character.charCount(cp);
      // The first road marker followed by a number ends the road: in 粤海街道科技园路18号 neither
      // 街 nor 道 is followed by one, 路 is.
      if (count >= 2 && isRoadMarker(s, k, cp)) {
        int e = houseNumberEnd(s, next);
        if (e > 0) {
          return e;
        }
      }
      k = next;
    }
    return -1;
  }

  private static boolean isRoadMarker(String s, int k, int cp) {
    return cp == '路'
        || cp == '街'
        || cp == '道'
        || cp == '巷'
        || cp == '弄'
        || (cp == '同' && k > 0 && s.charAt(k - 1) == '胡');
  }

  /** An optional segment ({@code 四段}) or lane ({@code 100弄}), then a number and {@code 号}. */
  private static int houseNumberEnd(String s, int p) {
    int n = s.length();
    int q = skipBlanks(s, p);
    int e = numeralsEnd(s, q, 3);
    if (e > q && e < n && s.charAt(e) == '段') {
      q = skipBlanks(s, e + 1);
    }
    e = numeralsEnd(s, q, 6);
    if (e > q && e < n && (s.charAt(e) == '弄' || s.charAt(e) == '巷')) {
      q = skipBlanks(s, e + 1);
      e = numeralsEnd(s, q, 6);
    }
    if (e == q) {
      return -1;
    }
    if (e + 1 < n && s.charAt(e) == '-') {
      int f = numeralsEnd(s, e + 1, 6);
      if (f > e + 1) {
        e = f;
      }
    }
    e = skipBlanks(s, e);
    return e < n && s.charAt(e) == '号' ? e + 1 : -1;
  }

  /**
   * Building parts after the house number: each a number or letter and a marker ({@code 2单元}),
   * perhaps after a building's name ({@code SOHO现代城1号楼}). A name with no numbered part after it is
   * left out: it is more likely the sentence going on ({@code 18号门口}).
   */
  private static int buildingEnd(String s, int p) {
    int n = s.length();
    int end = p;
    for (int parts = 0; parts < MAX_BUILDING_PARTS; parts++) {
      int q = skipBlanks(s, end);
      int e = buildingPartEnd(s, q);
      if (e < 0 && q == end) {
        int k = q;
        for (int count = 0; count < MAX_BUILDING_NAME_CHARS && k < n && e < 0; count++) {
          int cp = s.codePointAt(k);
          if (!isNameChar(cp) && !isAsciiLetter(cp)) {
            break;
          }
          k += Character.charCount(cp);
          e = buildingPartEnd(s, k);
        }
      }
      if (e < 0) {
        return end;
      }
      end = e;
    }
    return end;
  }

  private static int buildingPartEnd(String s, int q) {
    // 301, 3-2-501, A, B2: a number, or a letter or two
    int e = designatorEnd(s, q, true, 2);
    if (e < 0) {
      return -1;
    }
    for (String marker : BUILDING_MARKERS) {
      if (s.startsWith(marker, e)) {
        return e + marker.length();
      }
    }
    return -1;
  }

  /**
   * The end of a unit's or building's designator at {@code q}: up to 8 letters, digits (Chinese
   * numerals too when {@code numerals}) and inner hyphens, holding a digit or at most {@code
   * maxLetters} letters; -1 when there is none.
   */
  private static int designatorEnd(String s, int q, boolean numerals, int maxLetters) {
    int n = s.length();
    int e = q;
    boolean digit = false;
    while (e < n && e - q <= 8) {
      char c = s.charAt(e);
      if (numerals ? isNumeral(c) : isAsciiDigit(c)) {
        digit = true;
      } else if (!isAsciiLetter(c) && !(c == '-' && e > q)) {
        break;
      }
      e++;
    }
    if (e == q || e - q > 8 || s.charAt(e - 1) == '-' || (!digit && e - q > maxLetters)) {
      return -1;
    }
    return e;
  }

  /** A city read by shape after its province: {@code 南通市}, {@code 延边朝鲜族自治州}, {@code 兴安盟}. */
  private static int cityShapeEnd(String s, int p) {
    int n = s.length();
    int k = p;
    for (int count = 0; k < n && count <= MAX_SHAPE_CHARS; count++) {
      int cp = s.codePointAt(k);
      if (!isNameChar(cp) || isRoadMarker(s, k, cp)) {
        return -1;
      }
      if (count >= 1) {
        if (s.startsWith("自治州", k)) {
          return k + 3;
        }
        if (s.startsWith("地区", k)) {
          return k + 2;
        }
        if ((cp == '市' || cp == '盟') && count >= 2) {
          return k + 1;
        }
      }
      if (cp == '市' || cp == '区' || cp == '县' || cp == '旗') {
        return -1;
      }
      k += Character.charCount(cp);
    }
    return -1;
  }

  /**
   * A district or county read by shape after a known province or city: {@code 崇川区}, {@code
   * 石林彝族自治县}; after a city also a county-level city ({@code 昆山市}).
   */
  private static int districtShapeEnd(String s, int p, boolean afterCity) {
    int n = s.length();
    int k = p;
    for (int count = 0; k < n && count <= MAX_SHAPE_CHARS; count++) {
      int cp = s.codePointAt(k);
      if (!isNameChar(cp) || isRoadMarker(s, k, cp)) {
        return -1;
      }
      boolean marker = cp == '区' || cp == '县' || cp == '旗';
      if (marker || cp == '市') {
        return count >= (marker ? 1 : 2) && (marker || afterCity) ? k + 1 : -1;
      }
      k += Character.charCount(cp);
    }
    return -1;
  }

  /** A town or subdistrict: {@code 城郊乡}, {@code 玉山镇}, {@code 粤海街道}. */
  private static int townShapeEnd(String s, int p) {
    int n = s.length();
    int k = p;
    for (int count = 0; k < n && count <= MAX_SHAPE_CHARS; count++) {
      int cp = s.codePointAt(k);
      if (!isNameChar(cp)) {
        return -1;
      }
      if (count >= 1 && s.startsWith("街道", k)) {
        return k + 2;
      }
      if (cp == '镇' || cp == '乡') {
        return count >= 1 ? k + 1 : -1;
      }
      if (isRoadMarker(s, k, cp)) {
        return -1;
      }
      k += Character.charCount(cp);
    }
    return -1;
  }

  /** A village or residents' community: {@code 王庄村}, {@code 桃源社区}. */
  private static int villageShapeEnd(String s, int p) {
    int n = s.length();
    int k = p;
    for (int count = 0; k < n && count <= MAX_SHAPE_CHARS; count++) {
      int cp = s.codePointAt(k);
      if (!isNameChar(cp) || isRoadMarker(s, k, cp)) {
        return -1;
      }
      if (count >= 1 && s.startsWith("社区", k)) {
        return k + 2;
      }
      if (cp == '村') {
        return count >= 1 ? k + 1 : -1;
      }
      k += Character.charCount(cp);
    }
    return -1;
  }

  /** A Han character that may be part of a place or road name: not 号, not a stop character. */
  private static boolean isNameChar(int cp) {
    return isHan(cp) && cp != '号' && STOP_CHARS.indexOf(cp) < 0;
  }

  /** The end of 1 to {@code max} digits or Chinese numerals at {@code p}; {@code p} if none. */
  private static int numeralsEnd(String s, int p, int max) {
    int e = p;
    while (e < s.length() && isNumeral(s.charAt(e))) {
      e++;
    }
    return e - p > max ? p : e;
  }

  private static boolean isNumeral(char c) {
    return Character.isDigit(c) || CHINESE_NUMERALS.indexOf(c) >= 0;
  }

  static boolean isHan(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      return true;
    }
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  // ---- US addresses ----

  /**
   * Whether a house number may start at {@code i}: the digit is not part of a longer token such as
   * {@code A12}, {@code 555-1234}, {@code #123}, {@code $5} or {@code 3.5}. Han text may run up to
   * it ({@code 寄到1600 Pennsylvania Ave}).
   */
  private static boolean mayStartHouseNumber(char[] s, int i) {
    if (i == 0) {
      return true;
    }
    char prev = s[i - 1];
    if (Character.isLetterOrDigit(prev)) {
      return isHan(prev);
    }
    return "-./$#+@_%&£€¥".indexOf(prev) < 0;
  }

  /**
   * Whether {@link #usEnd} may match at {@code p}: the house number's 1 to 6 digits, perhaps a
   * letter, then a blank. Read from the array, as most numbers in a note fail it.
   */
  private static boolean mayStartUs(char[] s, int p) {
    int n = s.length;
    int e = p;
    while (e < n && isAsciiDigit(s[e])) {
      e++;
    }
    if (e == p || e - p > 6) {
      return false;
    }
    if (e < n && isAsciiLetter(s[e]) && (e + 1 == n || !Character.isLetterOrDigit(s[e + 1]))) {
      e++; // 221B
    }
    return e < n && isBlank(s[e]);
  }

  /** The end of a US address whose house number starts at {@code p}, or -1. */
  static int usEnd(String s, int p) {
    int n = s.length();
    int e = p;
    while (e < n && isAsciiDigit(s.charAt(e))) {
      e++;
    }
    if (e == p || e - p > 6) {
      return -1;
    }
    if (e < n
        && isAsciiLetter(s.charAt(e))
        && (e + 1 == n || !Character.isLetterOrDigit(s.charAt(e + 1)))) {
      e++; // 221B
    }
    if (e >= n || !isBlank(s.charAt(e))) {
      return -1;
    }
    int q = skipBlanks(s, e);
    for (int names = 0; ; names++) {
      int we = wordEnd(s, q);
      if (we == q) {
        return -1;
      }
      if (names > 0 && isSuffix(s, q, we)) {
        int end = afterSuffix(s, we);
        if (end > 0) {
          return end;
        }
        // The suffix word did not end the street (Great Lane Rides): read it as a name word.
      }
      if (names == 4 || !isNameWord(s, q, we)) {
        return -1;
      }
      int next = skipBlanks(s, we);
      if (next == we) {
        return -1; // "Main," : the street ended without a suffix
      }
      q = next;
    }
  }

  /**
   * After a street suffix: an optional direction and unit, then the end of the address, its city,
   * state and ZIP code, or -1 when a capitalized word that starts no city follows (the suffix word
   * was part of a longer name, or of no address).
   */
  private static int afterSuffix(String s, int suffixEnd) {
    int n = s.length();
    int end = suffixEnd;
    int q = skipBlanks(s, end);
    if (q > end) {
      int de = wordEnd(s, q);
      if (de > q && isDirection(s, q, de)) {
        end = de;
        q = skipBlanks(s, end);
      }
    }
    int u = q < n && s.charAt(q) == ',' ? skipBlanks(s, q + 1) : q;
    if (u > end) {
      int ue = unitEnd(s, u);
      if (ue > 0) {
        end = ue;
        q = skipBlanks(s, end);
      }
    }
    if (q >= n) {
      return end;
    }
    char c = s.charAt(q);
    if (c == ',') {
      int ce = cityStateZipEnd(s, skipBlanks(s, q + 1));
      return ce > 0 ? ce : end;
    }
    if (q > end && Character.isUpperCase(c)) {
      int ce = cityStateZipEnd(s, q);
      if (ce > 0) {
        return ce;
      }
      // "12 Main St. The house...": a period before the capital ends the sentence.
      return s.charAt(end - 1) == '.' ? end : -1;
    }
    return end;
  }

  /** {@code Apt 4B}, {@code Suite 200}, {@code Unit 5}, {@code # 12}, {@code #12}. */
  private static int unitEnd(String s, int p) {
    int n = s.length();
    if (p >= n) {
      return -1;
    }
    int q;
    if (s.charAt(p) == '#') {
      q = skipBlanks(s, p + 1);
    } else {
      int we = p;
      while (we < n && isAsciiLetter(s.charAt(we))) {
        we++;
      }
      if (we == p || !UNIT_WORDS.contains(lower(s, p, we))) {
        return -1;
      }
      if (we < n && s.charAt(we) == '.') {
        we++;
      }
      q = skipBlanks(s, we);
      if (q == we && s.charAt(we - 1) != '.') {
        return -1;
      }
    }
    int e = designatorEnd(s, q, false, 1);
    if (e < 0) {
      return -1;
    }
    return e < n && Character.isLetterOrDigit(s.charAt(e)) ? -1 : e;
  }

  /**
   * {@code Springfield, IL 62701}, {@code Mountain View CA}, {@code Portland, Oregon 97201-1234}.
   */
  private static int cityStateZipEnd(String s, int p) {
    int n = s.length();
    int q = p;
    for (int words = 1; words <= 3; words++) {
      int we = wordEnd(s, q);
      if (we == q || !isCapitalizedWord(s, q, we)) {
        return -1;
      }
      int r = skipBlanks(s, we);
      boolean separated = r > we;
      if (r < n && s.charAt(r) == ',') {
        r = skipBlanks(s, r + 1);
        separated = true;
      }
      if (!separated) {
        return -1;
      }
      int se = stateEnd(s, r);
      if (se > 0) {
        int z = skipBlanks(s, se);
        int ze = z > se ? zipEnd(s, z) : -1;
        return ze > 0 ? ze : se;
      }
      q = skipBlanks(s, we);
      if (q == we) {
        return -1;
      }
    }
    return -1;
  }

  /** A state's two-letter code ({@code IL}) or its name ({@code New York}). */
  private static int stateEnd(String s, int p) {
    int n = s.length();
    if (p + 2 <= n
        && isAsciiUpper(s.charAt(p))
        && isAsciiUpper(s.charAt(p + 1))
        && (p + 2 == n || !Character.isLetterOrDigit(s.charAt(p + 2)))) {
      return Tables.STATE_CODES[(s.charAt(p) - 'A') * 26 + s.charAt(p + 1) - 'A'] ? p + 2 : -1;
    }
    if (p >= n || !Character.isUpperCase(s.charAt(p))) {
      return -1;
    }
    for (String name : Tables.STATE_NAMES) {
      int e = p + name.length();
      if (s.regionMatches(true, p, name, 0, name.length())
          && (e == n || !Character.isLetterOrDigit(s.charAt(e)))) {
        return e;
      }
    }
    return -1;
  }

  private static int zipEnd(String s, int p) {
    int n = s.length();
    int e = asciiDigitsEnd(s, p);
    if (e - p != 5) {
      return -1;
    }
    if (e + 5 <= n && s.charAt(e) == '-' && asciiDigitsEnd(s, e + 1) == e + 5) {
      e += 5;
    }
    return e < n && Character.isLetterOrDigit(s.charAt(e)) ? -1 : e;
  }

  private static int asciiDigitsEnd(String s, int p) {
    int e = p;
    while (e < s.length() && isAsciiDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  /** A run of letters, digits, apostrophes, hyphens and periods: {@code O'Farrell}, {@code St.}. */
  private static int wordEnd(String s, int p) {
    int e = p;
    while (e < s.length()) {
      char c = s.charAt(e);
      if (!(Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019' || c == '-' || c == '.')
          || isHan(c)) {
        break; // Han text may follow an address without a blank: 1600 Pennsylvania Ave NW谢谢
      }
      e++;
    }
    return e;
  }

  private static boolean isSuffix(String s, int a, int b) {
    b = withoutPeriod(s, a, b);
    if (b <= a || !Character.isUpperCase(s.charAt(a))) {
      return false;
    }
    for (int i = a; i < b; i++) {
      if (!isAsciiLetter(s.charAt(i))) {
        return false;
      }
    }
    return Tables.SUFFIXES.contains(lower(s, a, b));
  }

  private static boolean isDirection(String s, int a, int b) {
    b = withoutPeriod(s, a, b);
    return b > a && Character.isUpperCase(s.charAt(a)) && DIRECTIONS.contains(lower(s, a, b));
  }

  /** A street name word: capitalized ({@code Main}, {@code MAIN}, {@code N}) or an ordinal. */
  private static boolean isNameWord(String s, int a, int b) {
    return isOrdinal(s, a, withoutPeriod(s, a, b)) || isCapitalizedWord(s, a, b);
  }

  private static boolean isCapitalizedWord(String s, int a, int b) {
    b = withoutPeriod(s, a, b);
    if (b <= a || !Character.isUpperCase(s.charAt(a))) {
      return false;
    }
    for (int i = a + 1; i < b; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetter(c) || c == '\'' || c == '\u2019' || c == '-')) {
        return false;
      }
    }
    return !STOP_WORDS.contains(lower(s, a, b));
  }

  /** {@code 5th}, {@code 42nd}, {@code 1ST}. */
  private static boolean isOrdinal(String s, int a, int b) {
    int d = asciiDigitsEnd(s, a);
    if (d == a || d - a > 4 || b - d != 2) {
      return false;
    }
    String end = lower(s, d, b);
    return end.equals("st") || end.equals("nd") || end.equals("rd") || end.equals("th");
  }

  private static int withoutPeriod(String s, int a, int b) {
    return b > a && s.charAt(b - 1) == '.' ? b - 1 : b;
  }

  private static String lower(String s, int a, int b) {
    return s.substring(a, b).toLowerCase(Locale.ROOT);
  }

  // ---- shared ----

  private static boolean isBlank(char c) {
    if (c == ' ') {
      return true;
    }
    if (c > ' ' && c < 0x80) {
      return false; // printable ASCII, most of a note: no table lookup
    }
    return Character.isWhitespace(c) || c == '\u00a0';
  }

  private static int skipBlanks(String s, int p) {
    while (p < s.length() && isBlank(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isAsciiLetter(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** Names looked up by a region of a text, without copying it. */
  private static final class Names {
    /** The names of each length, sorted. */
    private final String[][] byLength;

    Names(Collection<String> names) {
      int max = 0;
      for (String name : names) {
        max = Math.max(max, name.length());
      }
      List<List<String>> lists = new ArrayList<>();
      for (int i = 0; i <= max; i++) {
        lists.add(new ArrayList<>());
      }
      for (String name : new LinkedHashSet<>(names)) {
        lists.get(name.length()).add(name);
      }
      byLength = new String[max + 1][];
      for (int i = 0; i <= max; i++) {
        byLength[i] = lists.get(i).toArray(new String[0]);
        Arrays.sort(byLength[i]);
      }
    }

    boolean contains(String s, int from, int to) {
      int length = to - from;
      if (length <= 0 || length >= byLength.length) {
        return false;
      }
      String[] names = byLength[length];
      int lo = 0;
      int hi = names.length - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        int c = compare(names[mid], s, from);
        if (c < 0) {
          lo = mid + 1;
        } else if (c > 0) {
          hi = mid - 1;
        } else {
          return true;
        }
      }
      return false;
    }

    /** The end of the longest name starting at {@code from}, or -1. */
    int longestAt(String s, int from) {
      for (int length = Math.min(byLength.length - 1, s.length() - from); length > 0; length--) {
        if (contains(s, from, from + length)) {
          return from + length;
        }
      }
      return -1;
    }

    /**
     * The start of the longest name ending at {@code to} and starting at {@code floor} or after.
     */
    int longestEndingAt(String s, int to, int floor) {
      for (int length = Math.min(byLength.length - 1, to - floor); length > 0; length--) {
        if (contains(s, to - length, to)) {
          return to - length;
        }
      }
      return -1;
    }

    private static int compare(String name, String s, int from) {
      for (int i = 0; i < name.length(); i++) {
        int d = name.charAt(i) - s.charAt(from + i);
        if (d != 0) {
          return d;
        }
      }
      return 0;
    }
  }

  /** The dictionaries, read on first use and shared by every instance. */
  private static final class Tables {
    static final Names PROVINCES;
    static final Names PROVINCE_SHORT;
    static final Names MUNICIPALITY_SHORT;
    static final Names CITIES;

    /** City names without {@code 市}: {@code 杭州}. */
    static final Names CITY_SHORT;

    static final Names DISTRICTS;

    /** Known province, city and district names: where an address found in text starts. */
    static final Names ANCHORS;

    /** The last characters of the anchor names ({@code 省市区}): the pre-check's Chinese test. */
    static final String ANCHOR_ENDS;

    /**
     * {@link #ANCHOR_ENDS} as a table: every character of every note is looked up, and a scan of
     * the string for each was the costliest step of redacting notes.
     */
    static final boolean[] IS_ANCHOR_END = new boolean[Character.MAX_VALUE + 1];

    /** Street suffixes and their abbreviations, lower-case. */
    static final Set<String> SUFFIXES;

    /** Indexed by {@code (first - 'A') * 26 + second - 'A'}. */
    static final boolean[] STATE_CODES = new boolean[26 * 26];

    /** Longest first, so that {@code West Virginia} is tried before a shorter name. */
    static final String[] STATE_NAMES;

    static {
      List<String> provinces = new ArrayList<>();
      List<String> shorts = new ArrayList<>();
      List<String> municipalities = new ArrayList<>();
      for (String[] row : rows("provinces-zh.tsv", 2)) {
        provinces.add(row[0]);
        shorts.add(row[1]);
        if (row[0].endsWith("市")) {
          municipalities.add(row[1]);
        }
      }
      List<String> cities = new ArrayList<>();
      for (String[] row : rows("prefectures-zh.tsv", 2)) {
        cities.add(row[1]);
      }
      List<String> districts = new ArrayList<>();
      for (String[] row : rows("regions-zh.tsv", 3)) {
        cities.add(row[1]);
        districts.add(row[2]);
      }
      for (String[] row : rows("cities.tsv", 3)) {
        if (row[0].equals("CN")) {
          cities.add(row[1]);
        }
      }
      PROVINCES = new Names(provinces);
      PROVINCE_SHORT = new Names(shorts);
      MUNICIPALITY_SHORT = new Names(municipalities);
      CITIES = new Names(cities);
      List<String> shortCities = new ArrayList<>();
      for (String c : cities) {
        if (c.length() > 2 && c.endsWith("市")) {
          shortCities.add(c.substring(0, c.length() - 1));
        }
      }
      CITY_SHORT = new Names(shortCities);
      DISTRICTS = new Names(districts);
      List<String> anchors = new ArrayList<>(provinces);
      anchors.addAll(cities);
      anchors.addAll(districts);
      ANCHORS = new Names(anchors);
      StringBuilder ends = new StringBuilder();
      for (String a : anchors) {
        char last = a.charAt(a.length() - 1);
        if (ends.indexOf(String.valueOf(last)) < 0) {
          ends.append(last);
        }
      }
      ANCHOR_ENDS = ends.toString();
      for (int i = 0; i < ANCHOR_ENDS.length(); i++) {
        IS_ANCHOR_END[ANCHOR_ENDS.charAt(i)] = true;
      }

      Set<String> suffixes = new HashSet<>();
      for (String[] row : rows("usps-street-suffixes.tsv", 2)) {
        suffixes.add(row[0].toLowerCase(Locale.ROOT));
        for (String abbreviation : row[1].split(",")) {
          suffixes.add(abbreviation.toLowerCase(Locale.ROOT));
        }
      }
      SUFFIXES = Set.copyOf(suffixes);

      List<String> names = new ArrayList<>();
      for (String[] row : rows("us-states.tsv", 2)) {
        STATE_CODES[(row[0].charAt(0) - 'A') * 26 + row[0].charAt(1) - 'A'] = true;
        names.add(row[1]);
      }
      names.sort((a, b) -> b.length() - a.length());
      STATE_NAMES = names.toArray(new String[0]);
    }

    private static List<String[]> rows(String dictionary, int columns) {
      List<String[]> rows = new ArrayList<>();
      for (String line : Dictionary.named(dictionary).entries()) {
        String[] row = line.split("\t", -1);
        if (row.length != columns) {
          throw new IllegalStateException(
              "Invalid dictionary " + dictionary + ": expected " + columns + " columns: " + line);
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
