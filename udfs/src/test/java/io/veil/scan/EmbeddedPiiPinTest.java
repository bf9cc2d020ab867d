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
