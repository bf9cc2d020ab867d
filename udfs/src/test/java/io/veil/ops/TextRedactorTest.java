package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.validate.ChineseIdNumber;
import io.veil.scan.PiiType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextRedactorTest {
  private static final TextRedactor TYPE =
      new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES);

  @Test
  void theDocumentedExamples() {
    String text = "Call 13812345678 or mail zhang.wei.88@example.com";
    assertEquals("Call [PHONE] or mail [EMAIL]", TYPE.redact(text));
    assertEquals(
        "Call 138****5678 or mail z***********@example.com",
        new TextRedactor(TextRedactor.Style.MASK, TextRedactor.TYPES).redact(text));
    Pseudonymizer p = new Pseudonymizer(KeyMaterial.of(new byte[32]), "", 20);
    assertEquals(
        "Call [PHONE:"
            + p.pseudonym("13812345678")
            + "] or mail [EMAIL:"
            + p.pseudonym("zhang.wei.88@example.com")
            + "]",
        new TextRedactor(TextRedactor.TYPES, p).redact(text));
  }

  @Test
  void textAroundTheSpansIsKeptExactlyAndTypesLimitWhatIsRedacted() {
    String text = "😀 张伟 13812345678\t(ok) 10.0.0.1 — fin 😀";
    assertEquals("😀 张伟 [PHONE]\t(ok) [IP_ADDRESS] — fin 😀", TYPE.redact(text));
    TextRedactor phones = new TextRedactor(TextRedactor.Style.TYPE, EnumSet.of(PiiType.PHONE));
    assertEquals("😀 张伟 [PHONE]\t(ok) 10.0.0.1 — fin 😀", phones.redact(text));
    assertNull(TYPE.redact(null));
    assertEquals("", TYPE.redact(""));
    assertEquals("no personal data here", TYPE.redact("no personal data here"));
  }

  @Test
  void hardNegativesStayAsTheyAre() {
    for (String text :
        List.of(
            "order 20240115-0042 shipped",
            "tracking 1Z999AA10123456784",
            "Mozilla/5.0 (X11; rv:1.9.7.20) Gecko Chrome/13.0.782.0",
            "amount 1,234.56 paid on 2024-01-15",
            "invoice 4111111111111112 reissued",
            "version 10.2.3 released, build 20231201120000")) {
      assertEquals(text, TYPE.redact(text), text);
    }
  }

  /**
   * Generated notes with known embedded values and hard negatives: at least 99% of the values are
   * redacted, and the text is exactly the note with each value replaced by its type.
   */
  @Test
  void generatedNotesLoseTheirPersonalDataAndNothingElse() {
    Random r = new Random(17);
    int embedded = 0;
    int redacted = 0;
    int exact = 0;
    int notes = 2000;
    List<String> missed = new ArrayList<>();
    for (int n = 0; n < notes; n++) {
      StringBuilder note = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      List<String> values = new ArrayList<>();
      int parts = 2 + r.nextInt(4);
      for (int i = 0; i < parts; i++) {
        String filler = FILLERS[r.nextInt(FILLERS.length)];
        note.append(filler);
        expected.append(filler);
        PiiType type = List.copyOf(TextRedactor.TYPES).get(r.nextInt(TextRedactor.TYPES.size()));
        String value = value(type, r);
        note.append(value);
        expected.append('[').append(type.name()).append(']');
        values.add(value);
        String negative = NEGATIVES[r.nextInt(NEGATIVES.length)];
        note.append(negative);
        expected.append(negative);
      }
      String out = TYPE.redact(note.toString());
      for (String v : values) {
        embedded++;
        redacted += out.contains(v) ? 0 : 1;
        if (out.contains(v) && missed.size() < 12) {
          missed.add(v + " in <" + note + ">");
        }
      }
      exact += out.equals(expected.toString()) ? 1 : 0;
      if (!out.equals(expected.toString()) && missed.size() < 3) {
        missed.add("got <" + out + "> expected <" + expected + ">");
      }
    }
    assertTrue(
        redacted >= 0.99 * embedded,
        redacted + " of " + embedded + " values redacted; missed " + missed);
    assertTrue(
        exact >= 0.99 * notes, exact + " of " + notes + " notes exactly as expected: " + missed);
  }

  private static final String[] FILLERS = {
    " Customer called about the refund, reach them at ",
    "。客户来电，联系方式 ",
    " Escalated; contact: ",
    " — noted by agent, details ",
    " 😀 follow up via ",
  };

  private static final String[] NEGATIVES = {
    " regarding order 20240115-0042.",
    " (tracking 1Z999AA10123456784)",
    " after upgrading to version 1.9.7.20,",
    " for an amount of 1,234.56 CNY.",
    " on 2024-01-15 at 10:30.",
    " ticket #884213.",
  };

  private static String value(PiiType type, Random r) {
    return switch (type) {
      case EMAIL -> "user" + r.nextInt(100000) + ".name@example" + r.nextInt(100) + ".com";
      case PHONE ->
          switch (r.nextInt(3)) {
            case 0 -> MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)] + digits(r, 8);
            case 1 ->
                "(" + (201 + r.nextInt(700)) + ") " + (201 + r.nextInt(700)) + "-" + digits(r, 4);
            default -> "0115 496 0" + digits(r, 3);
          };
      case US_SSN ->
          String.format(
              "%03d-%02d-%04d", 1 + r.nextInt(665), 1 + r.nextInt(99), 1 + r.nextInt(9999));
      case UK_NINO ->
          "AB"
              + " "
              + digits(r, 2)
              + " "
              + digits(r, 2)
              + " "
              + digits(r, 2)
              + " "
              + "ABCD".charAt(r.nextInt(4));
      case MAC_ADDRESS ->
          String.format(
              "%02x:%02x:%02x:%02x:%02x:%02x",
              r.nextInt(254) + 1,
              r.nextInt(256),
              r.nextInt(256),
              r.nextInt(256),
              r.nextInt(256),
              r.nextInt(256));
      case POSTAL_ADDRESS ->
          r.nextBoolean()
              ? (1 + r.nextInt(9999))
                  + " "
                  + pickOne(r, "Main", "Oak", "Lincoln", "Elm")
                  + " "
                  + pickOne(r, "Street", "Ave", "Rd", "Blvd")
                  + ", Springfield, IL 62704"
              : "广东省深圳市南山区科技园路" + (1 + r.nextInt(300)) + "号";
      case GEO_COORDINATES ->
          String.format(
              java.util.Locale.ROOT,
              "%.4f, %.4f",
              r.nextDouble() * 170 - 85,
              r.nextDouble() * 350 - 175);
      case ID_CARD -> idNumber(r);
      case BANK_CARD -> card(r);
      case IBAN -> iban(r);
      case IP_ADDRESS ->
          (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
      default -> throw new IllegalStateException();
    };
  }

  private static String pickOne(Random r, String... values) {
    return values[r.nextInt(values.length)];
  }

  /** Prefixes mainland carriers assign (the validator knows which are real: 140 is not). */
  private static final String[] MOBILE_PREFIXES = {
    "130", "135", "138", "139", "150", "158", "177", "186", "187", "199"
  };

  private static String digits(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  private static String idNumber(Random r) {
    String first17 =
        "110105"
            + (1950 + r.nextInt(50))
            + String.format("%02d%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))
            + digits(r, 3);
    String id = first17 + ChineseIdNumber.checkCharacter(first17);
    assertTrue(ChineseIdNumber.isValid(id), id);
    return id;
  }

  /** A Visa number with a valid Luhn digit, written in groups of four. */
  private static String card(Random r) {
    String body = "4" + digits(r, 14);
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      int d = body.charAt(body.length() - 1 - i) - '0';
      if (i % 2 == 0) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    String number = body + (10 - sum % 10) % 10;
    return number.substring(0, 4)
        + " "
        + number.substring(4, 8)
        + " "
        + number.substring(8, 12)
        + " "
        + number.substring(12);
  }

  /** A German IBAN with valid check digits (ISO 13616: mod 97 = 1). */
  private static String iban(Random r) {
    String bban = digits(r, 18);
    BigInteger n = new BigInteger(bban + "131400"); // D=13, E=14, then 00
    int check = 98 - n.mod(BigInteger.valueOf(97)).intValue();
    return "DE" + String.format("%02d", check) + bban;
  }

  /**
   * Fakes are keyed, of their value's type (the scanner finds the same type in them), valid where
   * the type has a check, and in ranges that name nobody.
   */
  @Test
  void fakesAreKeyedValidAndOfTheSameType() {
    TextRedactor fake =
        new TextRedactor(TextRedactor.TYPES, new EmbeddedFakes(KeyMaterial.of(new byte[32])));
    TextRedactor again =
        new TextRedactor(TextRedactor.TYPES, new EmbeddedFakes(KeyMaterial.of(new byte[32])));
    Random r = new Random(5);
    for (int i = 0; i < 500; i++) {
      for (PiiType type : TextRedactor.TYPES) {
        String value = value(type, r);
        String text = "see " + value + " now";
        String out = fake.redact(text);
        assertEquals(out, again.redact(text), "keyed");
        String faked = out.substring(4, out.length() - 4);
        assertTrue(!faked.equals(value), type + ": " + value);
        // Social Security and National Insurance numbers have ranges never issued: their fakes
        // come from there, so the scanner rightly sees no such number in them.
        boolean neverIssued = type == PiiType.US_SSN || type == PiiType.UK_NINO;
        assertEquals(
            neverIssued ? List.of() : List.of(type),
            TYPE.spans(out).stream().map(s -> s.type()).toList(),
            type + ": " + value + " -> " + faked);
        if (type == PiiType.US_SSN) {
          assertTrue(faked.matches("9[0-9]{2}-(0[1-9]|[1-4][0-9])-[0-9]{4}"), faked);
        }
        if (type == PiiType.UK_NINO) {
          assertTrue(faked.matches("QQ [0-9]{2} [0-9]{2} [0-9]{2} [A-D]"), faked);
        }
        if (type == PiiType.MAC_ADDRESS) {
          assertEquals(2, Character.digit(faked.charAt(1), 16) & 0x3, faked);
        }
        if (type == PiiType.IP_ADDRESS) {
          assertTrue(faked.matches("(192[.]0[.]2|198[.]51[.]100|203[.]0[.]113)[.][0-9]+"), faked);
        }
        if (type == PiiType.EMAIL) {
          assertTrue(faked.matches("[^@]+@([a-z]+[.])*example([.][a-z]+)?"), faked);
        }
      }
    }
  }

  @Test
  void spansLeftInTheOutputAreCounted() {
    String in = "mail a.b@example.com or 13812345678";
    assertEquals(0, TYPE.leftIn(in, TYPE.redact(in)));
    assertEquals(2, TYPE.leftIn(in, in));
    assertEquals(1, TYPE.counts(in)[PiiType.EMAIL.ordinal()]);
    assertEquals(1, TYPE.counts(in)[PiiType.PHONE.ordinal()]);
  }

  @Test
  void invalidSettingsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TextRedactor(TextRedactor.Style.PSEUDONYM, TextRedactor.TYPES));
    assertThrows(
        IllegalArgumentException.class,
        () -> new TextRedactor(TextRedactor.Style.TYPE, EnumSet.of(PiiType.PERSON_NAME)));
    assertTrue(TYPE.toString().startsWith("TextRedactor(type"));
  }
}
