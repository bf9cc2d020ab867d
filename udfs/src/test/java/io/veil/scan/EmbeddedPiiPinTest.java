package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.veil.ops.TextRedactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Pins what the finder and redact give on a large generated corpus, so a change meant to make them
 * faster cannot change what they find: the expected hashes were computed by the code before its
 * scanning was optimized. The texts glue together the scan corpus's values (personal data and hard
 * negatives) with digit runs of every length and grouping, hex and dotted tokens, words the finder
 * looks at (card, version, ext, street suffixes, Chinese place names) and the punctuation its scans
 * stop at, Han and other non-ASCII characters included, so that kinds sit at the very start and end
 * of texts, next to each other and inside overlong runs.
 *
 * <p>If a change to what is found is intended, recompute the hashes and say why in the commit.
 */
class EmbeddedPiiPinTest {
  private static final String[] WORDS = {
    "card",
    "Visa",
    "credit",
    "卡",
    "version",
    "rv:",
    "Chrome/",
    "ver",
    "版本",
    "ext",
    "ext.",
    "x",
    "X",
    "#",
    "Apt",
    "Suite",
    "St",
    "St.",
    "Main",
    "Ave",
    "Road",
    "Broadway",
    "NW",
    "Springfield",
    "IL",
    "CA",
    "call",
    "on",
    "the",
    "at",
    "from",
    "IP",
    "mac",
    "SSN",
    "NINO",
    "AB",
    "QQ",
    "DE",
    "GB",
    "iban",
    "deadbeef",
    "face",
    "cafe",
    "深圳市",
    "北京市朝阳区",
    "广东省",
    "杭州",
    "号",
    "路",
    "请回电",
    "谢谢",
    "订单",
    "é",
    "naïve",
    "Ünïcödé",
    "😀",
    "N",
    "S",
    "E",
    "W",
    "°",
    "'",
    "\"",
    "lat",
    "lon"
  };
  private static final String[] PUNCTUATION = {
    " ", " ", " ", "", "", ".", ",", "-", ":", "::", "/", "(", ")", "+", "@", "[", "]", "\u00a0",
    "\n", "\t", "。", "，", "€", "£", "$", "%", "_", "&", "*"
  };

  @Test
  void findsExactlyWhatItFoundBeforeOnTheGeneratedCorpus() throws Exception {
    EmbeddedPiiFinder finder =
        new EmbeddedPiiFinder(new ChineseIdNumberDetector(ChineseIdNumberDetectorTest.TODAY));
    TextRedactor byType = new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES);
    TextRedactor byMask = new TextRedactor(TextRedactor.Style.MASK, TextRedactor.TYPES);
    MessageDigest spans = MessageDigest.getInstance("SHA-256");
    MessageDigest redacted = MessageDigest.getInstance("SHA-256");
    int[] found = new int[PiiType.values().length];
    for (String text : corpus(20260, 12_000)) {
      for (EmbeddedPiiFinder.Span s : finder.spans(text)) {
        spans.update((s.start() + "," + s.end() + "," + s.type() + ";").getBytes(UTF_8));
        found[s.type().ordinal()]++;
      }
      spans.update((byte) '\n');
      redacted.update(byType.redact(text).getBytes(UTF_8));
      redacted.update((byte) 0);
      redacted.update(byMask.redact(text).getBytes(UTF_8));
      redacted.update((byte) '\n');
    }
    assertEquals(
        "[507, 2046, 177, 246, 244, 172, 185, 1367, 2370, 176, 0, 0, 853, 0]",
        java.util.Arrays.toString(found),
        "spans by type");
    assertEquals(
        "e5e16c0239482ca6e73713e010770a2a404292cec11afd23f37e5c1d8f8f7e7f",
        HexFormat.of().formatHex(spans.digest()),
        "spans");
    assertEquals(
        "085d1fa6bd36a5fcb77fb085c8a6978501020c29fb1a16f5228b353e848f9a80",
        HexFormat.of().formatHex(redacted.digest()),
        "redacted");
  }

  /**
   * Cases the optimized scans must get exactly as before (the spans were the old code's): kinds at
   * the very start and end of a text, glued to letters or to non-ASCII text, next to each other,
   * overlong digit runs, and forms cut short by the end of the text.
   */
  private static final String[][] EDGES = {
    {"203.0.113.7", "0-11 ip-address"},
    {"x203.0.113.7", ""},
    {"a203.0.113.7 next", ""},
    {".203.0.113.7", ""},
    {"ip:203.0.113.7.", "3-14 ip-address"},
    {"login from 2001:db8::1", "11-22 ip-address"},
    {"fe80::1/64 then", "0-10 ip-address"},
    {"::1 at start", "0-3 ip-address"},
    {"Chrome/13.0.782.0 crashed", ""},
    {"version 1.9.7.20 installed", ""},
    {"/203.0.113.7/24", "1-15 ip-address"},
    {"地址203.0.113.7。", "2-13 ip-address"},
    {"é203.0.113.7", "1-12 ip-address"},
    {"电话13812345678", "2-13 phone"},
    {"😀13812345678😀", "2-13 phone"},
    {"13812345678,li.wei@example.com", "0-11 phone 12-30 email"},
    {"123-45-6780 AB123456C", "0-11 us-ssn 12-21 uk-nino"},
    {"00:1a:2b:3c:4d:5e 2001:db8::1", "0-17 mac-address 18-29 ip-address"},
    {"ssn 123-45-6780", "4-15 us-ssn"},
    {"ssn 123-45-678", ""},
    {"nino AB 12 34 56 C", "5-18 uk-nino"},
    {"mac 001a.2b3c.4d5e", "4-18 mac-address"},
    {"40.7128, -74.0060", "0-17 geo-coordinates"},
    {"at (40.7128, -74.0060)", "3-22 geo-coordinates"},
    {"[40.7128, -74.0060] x", "0-19 geo-coordinates"},
    {"40°42'46\"N 74°0'22\"W", "0-20 geo-coordinates"},
    {"paid 12.50 for 1.5 kg, 12.345 left", ""},
    {"1234567890123456789012345", ""},
    {"4111 1111 1111 1111 1111 1111", "0-19 bank-card"},
    {"0000013812345678000000000000000000000000", ""},
    {"call +86 138-1234-5678", "5-22 phone"},
    {"Reach her at +44 20 7946 0958", "13-29 phone"},
    {"trailing +", ""},
    {"350 5th Ave, New York, NY 10118", "0-31 postal-address"},
    {"221B Baker Street", "0-17 postal-address"},
    {"Deliver to 12\u00a0Main St.", "11-21 postal-address"},
    {"Deliver to 12\tMain St", "11-21 postal-address"},
    {"refund to DE89 3704 0044 0532 0130 00", "10-37 iban"},
    {"DE89370400440532013000", "0-22 iban"},
    {"card 4111111111111111", "5-21 bank-card"},
    {"ID 11010519491231002X", "3-21 id-card"},
    {"11010519491231002x", "0-18 id-card"},
    {"Call (591)341-7776", "5-18 phone"},
    {"ph 206.269.0743x9150", "3-20 phone"},
    {"Tel. 0115 496 0914.", "5-18 phone"},
    {"深圳市南山区科技园路1号", "0-12 postal-address"},
    {"2024-07-19 09:30 415 555 2671", "17-29 phone"},
    {"AB12 CDE", ""},
    {"abcdef", ""},
    {"a.b.c.d", ""},
    {"1.2.3.4.5", ""},
    {"ff:ff:ff:ff:ff:ff", ""},
    {"12:34:56:78:9a:bc:de", "3-20 mac-address"},
  };

  @Test
  void edgeCasesOfTheScansFindWhatTheyFoundBefore() {
    EmbeddedPiiFinder finder =
        new EmbeddedPiiFinder(new ChineseIdNumberDetector(ChineseIdNumberDetectorTest.TODAY));
    for (String[] c : EDGES) {
      StringBuilder spans = new StringBuilder();
      for (EmbeddedPiiFinder.Span s : finder.spans(c[0])) {
        spans.append(spans.length() == 0 ? "" : " ");
        spans.append(s.start()).append('-').append(s.end()).append(' ').append(s.type());
      }
      assertEquals(
          c[1], spans.toString(), "spans of case " + java.util.Arrays.asList(EDGES).indexOf(c));
    }
  }

  private static final java.nio.charset.Charset UTF_8 = StandardCharsets.UTF_8;

  /** {@code count} texts of 0 to 40 fragments, the same for the same seed. */
  static List<String> corpus(long seed, int count) {
    List<String> values = new ArrayList<>();
    for (PiiCorpus.Column c : PiiCorpus.build(seed, 3)) {
      for (String v : c.values()) {
        if (v != null && !v.isBlank()) {
          values.add(v);
        }
      }
    }
    Random r = new Random(seed);
    List<String> texts = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      StringBuilder s = new StringBuilder();
      int fragments = r.nextInt(41);
      for (int f = 0; f < fragments; f++) {
        switch (r.nextInt(8)) {
          case 0, 1 -> s.append(values.get(r.nextInt(values.size())));
          case 2 -> s.append(digitRun(r));
          case 3 -> s.append(hexToken(r));
          case 4 -> s.append(WORDS[r.nextInt(WORDS.length)]);
          default -> s.append(PUNCTUATION[r.nextInt(PUNCTUATION.length)]);
        }
      }
      texts.add(s.toString());
    }
    return texts;
  }

  /** 1 to 24 digits, as one group or in groups of 1 to 6 joined by one separator. */
  private static String digitRun(Random r) {
    StringBuilder s = new StringBuilder();
    int digits = 1 + r.nextInt(24);
    boolean grouped = r.nextBoolean();
    char separator = " -.".charAt(r.nextInt(3));
    int group = 1 + r.nextInt(6);
    for (int i = 0; i < digits; i++) {
      if (grouped && i > 0 && i % group == 0) {
        s.append(separator);
      }
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }

  /** Hex digits in pairs or fours joined by colons, hyphens or dots, or dotted decimal octets. */
  private static String hexToken(Random r) {
    StringBuilder s = new StringBuilder();
    int parts = 1 + r.nextInt(9);
    boolean decimal = r.nextInt(3) == 0;
    char separator = decimal ? '.' : ":-.".charAt(r.nextInt(3));
    int width = decimal ? 0 : 2 + 2 * r.nextInt(2);
    for (int p = 0; p < parts; p++) {
      if (p > 0) {
        s.append(separator);
      }
      if (decimal) {
        s.append(r.nextInt(300));
      } else {
        for (int i = 0; i < width; i++) {
          s.append("0123456789abcdefABCDEF".charAt(r.nextInt(22)));
        }
      }
    }
    return s.toString();
  }
}
