package io.veil.ops;

import io.veil.crypto.HmacSha256;
import io.veil.keys.KeyMaterial;
import io.veil.ops.validate.ChineseIdNumber;
import io.veil.scan.PiiType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Keyed fakes for the values {@code redact, with = fake} replaces: the same value and key give the
 * same fake everywhere, and each fake is of its value's type and shape, valid where the type has a
 * check (Luhn, the ID check character, IBAN check digits) so downstream parsers keep working, in
 * ranges that name nobody where such ranges exist: e-mails at {@code example.org} ({@link
 * FakeValues}), IPv4 addresses in the documentation networks (RFC 5737), IPv6 in {@code 2001:db8::}
 * (RFC 3849). Phones keep their first three digits (the carrier) and separators; cards their first
 * digit (the network) and grouping; IBANs their country; ID numbers get a keyed birth date.
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
