package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.veil.ops.validate.ChineseIdNumber;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedPiiFinderTest {
  private final EmbeddedPiiFinder finder =
      new EmbeddedPiiFinder(new ChineseIdNumberDetector(ChineseIdNumberDetectorTest.TODAY));

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Prefers email li.wei@example.com.|EMAIL",
        "Call back on 13812345678.|PHONE",
        "Call back on +86 138-1234-5678 after six|PHONE",
        "order 2024 13812345678 shipped|PHONE",
        "请回电13812345678谢谢|PHONE",
        "Reach her at +44 20 7946 0958 tomorrow|PHONE",
        "ID 11010519491231002X on file|ID_CARD",
        "paid with 4111 1111 1111 1111 yesterday|BANK_CARD",
        "card 4111111111111111|BANK_CARD",
        "login from 203.0.113.7.|IP_ADDRESS",
        "login from 2001:db8::1 at noon|IP_ADDRESS",
        "refund to DE89 3704 0044 0532 0130 00 please|IBAN",
        "mail a.b@example.org or call 13912345678|EMAIL PHONE",
        "Call (591)341-7776 today|PHONE",
        "ph 206.269.0743x9150, thanks|PHONE",
        "Tel. 0115 496 0914.|PHONE",
        "Kunde erreichbar unter 030 12345678 ab 9 Uhr|PHONE",
        "rappeler au 06 12 34 56 78 svp|PHONE",
        "room 12 415 555 2671 after lunch|PHONE",
        "SSN 536-22-1234 on the form.|US_SSN",
        "NI number AB 12 34 56 C confirmed|UK_NINO",
        "device 00:1a:2b:3c:4d:5e joined the network|MAC_ADDRESS",
        "picked up at 37.7749, -122.4194 at noon|GEO_COORDINATES",
        "found at 40°26'46\"N 79°58'56\"W|GEO_COORDINATES",
        // The first digit or separator of each form as far into it as it goes (the scans look
        // only near them), and forms at the very start and end of the text.
        "device ab:cd:ef:ab:cd:ef joined|MAC_ADDRESS",
        "mac abcd.efab.cdef|MAC_ADDRESS",
        "ab-cd-ef-01-23-45 seen twice|MAC_ADDRESS",
        "GB82 WEST 1234 5698 7654 32|IBAN",
        "AB123456C is her NI number|UK_NINO",
        "pin at [-33.8688, 151.2093]|GEO_COORDINATES",
        "(+33.8688, -151.2093) on the map|GEO_COORDINATES",
        "+44 20 7946 0958|PHONE",
        "(591) 341-7776|PHONE",
        "客户电话(591) 341-7776|PHONE",
      })
  void findsPersonalDataInsideText(String text, String types) {
    Set<PiiType> expected = EnumSet.noneOf(PiiType.class);
    for (String t : types.split(" ")) {
      expected.add(PiiType.valueOf(t));
    }
    assertEquals(expected, finder.find(text), text);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "Order ORD-2024-000123 shipped on 2024-05-01.",
        "SKU AB-4411-2093 back in stock",
        "Invoice 20240501000123 paid",
        "Ticket #48213 closed at 10:30",
        "Version 1.4.2 released",
        "Ref A13812345678 pending",
        "call 12812345678 never",
        "Tracking 1Z999AA10123456784",
        "Meet @jane at the office",
        "Total 1,234.56 EUR",
        "Account 4111111111111112 declined",
        "ID 110105194912310021 rejected",
        "Product code 6200000000000001",
        "thanks for the quick reply",
        "Order 2024 123456 shipped",
        "Between 2019 and 2024 sales grew 12.5 percent",
        "Shipped 2024-05-12, delivered 12/05/2024",
        "Parcel 3 of 12 weighs 1.25 kg",
        "Mozilla/5.0 (Windows NT 6.1; rv:1.9.7.20) Gecko/2010 Firefox/3.6",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/13.0.782.0 Safari/537.36",
        "ratio 0.25, 0.75 and 12.50, 13.75 EUR",
        "placeholder 123-45-6789 and 000-12-3456",
        "meeting 12:34:56 hash 9f86d081884c7d65",
        "客户端已升级到版本号 10.2.0.1，问题解决",
        "Upgraded the app to version 7.0.264.3080 and cleared the cache.",
      })
  void ignoresNumbersAndCodesThatAreNotPersonalData(String text) {
    assertEquals(Set.of(), finder.find(text), text);
  }

  @Test
  void aNationalNumbersSpanCoversItsParenthesesAndExtension() {
    String text = "Call (591)341-7776 or 206.269.0743x9150.";
    List<EmbeddedPiiFinder.Span> spans = finder.spans(text);
    assertEquals(2, spans.size());
    assertEquals("(591)341-7776", text.substring(spans.get(0).start(), spans.get(0).end()));
    assertEquals("206.269.0743x9150", text.substring(spans.get(1).start(), spans.get(1).end()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"44030619851231123", "31010120000229000"})
  void findsGeneratedIdNumbersWithTheirCheckCharacter(String body) {
    String id = body + ChineseIdNumber.checkCharacter(body);
    assertEquals(Set.of(PiiType.ID_CARD), finder.find("身份证号" + id + "，已核实"));
  }
}
