package io.veil.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.validate.ChineseIdNumber;
import io.veil.ops.validate.Luhn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The row builders without Spark, on enough rows for the shares to be meaningful. */
class FakeCustomersTest {

  private static final int ROWS = 20_000;
  private static final Pattern HAN = Pattern.compile("\\p{IsHan}{2,4}");
  private static final Pattern LATIN = Pattern.compile("\\p{IsLatin}+ \\p{IsLatin}+");
  private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
  private static final Pattern PHONE_FORMATTED = Pattern.compile("\\+86 1[3-9]\\d-\\d{4}-\\d{4}");
  private static final Pattern EMAIL = Pattern.compile("[a-z][a-z._]*[a-z]\\d{0,4}@([a-z.]+)");
  private static final Pattern IP =
      Pattern.compile(
          "(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}|10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private static List<FakeCustomers.Customer> customers;

  @BeforeAll
  static void generate() {
    customers =
        java.util.stream.LongStream.range(0, ROWS)
            .mapToObj(row -> FakeCustomers.customer(7, row))
            .toList();
  }

  @Test
  void identifiersAndChecksumsAreValid() {
    for (FakeCustomers.Customer c : customers) {
      assertTrue(ChineseIdNumber.isValid(c.idCard()), c.idCard());
      assertEquals(Optional.of(c.birthDate()), ChineseIdNumber.birthDate(c.idCard()));
      String card = c.cardNumber().replace(" ", "");
      assertEquals(16, card.length(), c.cardNumber());
      assertTrue(Luhn.isValid(card), c.cardNumber());
      assertTrue(card.startsWith("62") || card.startsWith("4") || card.matches("5[1-5].*"));
      assertTrue(IP.matcher(c.ipAddress()).matches(), c.ipAddress());
    }
  }

  @Test
  void sharesMatchTheBrief() {
    Map<String, Integer> counts = new HashMap<>();
    for (FakeCustomers.Customer c : customers) {
      boolean han = HAN.matcher(c.name()).matches();
      assertTrue(han || LATIN.matcher(c.name()).matches(), c.name());
      count(counts, han ? "chinese" : "latin");
      count(counts, "country " + c.country());
      if (han && c.country().equals("CN")) {
        count(counts, "chinese in CN");
      }
      if (c.phone() == null) {
        count(counts, "phone null");
      } else if (PHONE_FORMATTED.matcher(c.phone()).matches()) {
        count(counts, "phone formatted");
      } else {
        assertTrue(PHONE.matcher(c.phone()).matches(), c.phone());
      }
      if (c.cardNumber().contains(" ")) {
        count(counts, "card formatted");
      }
      if (c.cardNumber().startsWith("62")) {
        count(counts, "unionpay");
      }
      if (c.salary() == null) {
        count(counts, "salary null");
      }
      if (c.notes() == null) {
        count(counts, "notes null");
      } else if (c.notes().isEmpty()) {
        count(counts, "notes empty");
      } else if ((c.phone() != null && c.notes().contains(c.phone()))
          || c.notes().contains(c.email())) {
        count(counts, "notes leak");
      }
      if (c.notes() != null) {
        if (c.notes().codePoints().anyMatch(cp -> cp >= 0x1F000 || cp == 0x260E)) {
          count(counts, "notes emoji");
        }
        if (c.notes()
            .codePoints()
            .anyMatch(cp -> cp != 0xFE0F && Character.getType(cp) == Character.NON_SPACING_MARK)) {
          count(counts, "notes combining");
        }
        if (c.notes()
            .codePoints()
            .anyMatch(
                cp ->
                    Character.getDirectionality(cp) == Character.DIRECTIONALITY_RIGHT_TO_LEFT
                        || Character.getDirectionality(cp)
                            == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC)) {
          count(counts, "notes rtl");
        }
      }
    }
    assertShare(counts, "chinese", 0.57, 0.63);
    assertShare(counts, "chinese in CN", 0.55, 0.59);
    assertShare(counts, "country CN", 0.56, 0.61);
    for (String country : List.of("US", "GB", "DE", "FR")) {
      assertShare(counts, "country " + country, 0.04, 0.20);
    }
    assertEquals(5, counts.keySet().stream().filter(k -> k.startsWith("country ")).count());
    assertShare(counts, "phone null", 0.02, 0.04);
    assertShare(counts, "phone formatted", 0.085, 0.115);
    assertShare(counts, "card formatted", 0.18, 0.22);
    assertShare(counts, "unionpay", 0.72, 0.78);
    assertShare(counts, "salary null", 0.04, 0.08);
    assertShare(counts, "notes null", 0.04, 0.06);
    assertShare(counts, "notes empty", 0.04, 0.06);
    assertShare(counts, "notes leak", 0.18, 0.22);
    assertShare(counts, "notes emoji", 0.04, 0.07);
    assertShare(counts, "notes combining", 0.02, 0.04);
    assertShare(counts, "notes rtl", 0.02, 0.04);
  }

  @Test
  void valuesStayInTheirRanges() {
    Set<String> domains = Set.copyOf(SampleDictionaries.lines("email-domains.txt"));
    for (FakeCustomers.Customer c : customers) {
      var email = EMAIL.matcher(c.email());
      assertTrue(email.matches(), c.email());
      assertTrue(domains.contains(email.group(1)), c.email());
      assertFalse(c.birthDate().isBefore(LocalDate.of(1940, 1, 1)));
      assertFalse(c.birthDate().isAfter(LocalDate.of(2007, 12, 31)));
      assertFalse(c.signupTs().isBefore(FakeCustomers.FIRST_SIGNUP));
      assertTrue(c.signupTs().getEpochSecond() <= FakeCustomers.LAST_SIGNUP.getEpochSecond());
      if (c.salary() != null) {
        assertTrue(c.salary() >= 3_000 && c.salary() <= 80_000, "salary " + c.salary());
      }
      assertTrue(c.contacts().size() <= 3);
      assertTrue(c.tags().size() <= 4 && Set.copyOf(c.tags()).size() == c.tags().size());
      assertTrue(c.address().postcode().matches("[0-9A-Z ]{2,8}"), c.address().postcode());
      if (c.country().equals("CN")) {
        assertTrue(c.address().street().endsWith("号") && HAN.matcher(c.address().city()).matches());
      }
    }
    long distinctEmails = customers.stream().map(FakeCustomers.Customer::email).distinct().count();
    assertTrue(distinctEmails > ROWS * 0.9, "emails are unique-ish: " + distinctEmails);
  }

  @Test
  void identityIsTheCustomersOwnNameAndEmail() {
    for (long row = 0; row < 500; row++) {
      FakeCustomers.Identity id = FakeCustomers.identity(7, row);
      FakeCustomers.Customer c = customers.get((int) row);
      assertEquals(row + 1, c.customerId());
      assertEquals(id.name(), c.name());
      assertEquals(id.email(), c.email());
      assertEquals(id.signupTs(), c.signupTs());
    }
  }

  @Test
  void sameSeedSameCustomerAndOtherSeedOtherCustomer() {
    assertEquals(FakeCustomers.customer(7, 123), FakeCustomers.customer(7, 123));
    assertNotEquals(FakeCustomers.customer(7, 123), FakeCustomers.customer(8, 123));
  }

  @Test
  void ordersFollowTheirCustomer() {
    Set<String> statuses = new HashSet<>();
    for (long row = 0; row < 2_000; row++) {
      FakeOrders.Order o = FakeOrders.order(7, row, 1_000);
      assertEquals(row + 1, o.orderId());
      assertTrue(o.customerId() >= 1 && o.customerId() <= 1_000);
      FakeCustomers.Customer c = customers.get((int) o.customerId() - 1);
      assertEquals(c.email(), o.email());
      assertFalse(o.orderTs().isBefore(c.signupTs()));
      assertEquals(2, o.amount().scale());
      assertTrue(o.amount().compareTo(BigDecimal.ONE) >= 0);
      assertTrue(o.amount().compareTo(new BigDecimal("5000.00")) <= 0);
      statuses.add(o.status());
    }
    assertEquals(6, statuses.size());
  }

  @Test
  void emailNamesAreAscii() {
    assertEquals("jurgen", FakeCustomers.ascii("Jürgen"));
    assertEquals("weiss", FakeCustomers.ascii("Weiß"));
    assertEquals("soren", FakeCustomers.ascii("Søren"));
    assertEquals("etienne", FakeCustomers.ascii("Étienne"));
    assertEquals("mcdonald", FakeCustomers.ascii("McDonald"));
  }

  @Test
  void firstCustomersOfSeed42ArePinned() {
    // The committed sample-data is seed 42: a change here changes every committed file.
    FakeCustomers.Customer first = FakeCustomers.customer(42, 0);
    assertEquals("Lars Faure", first.name());
    assertEquals("larsf@example.net", first.email());
    assertEquals("500106198402033461", first.idCard());
    assertEquals("6253770193114864", first.cardNumber());
    FakeCustomers.Customer second = FakeCustomers.customer(42, 1);
    assertEquals("宋锐荣", second.name());
    assertEquals("song_ruirong1986@example.net", second.email());
    assertEquals("440604194705068645", second.idCard());
    assertEquals(LocalDate.of(1947, 5, 6), second.birthDate());
    FakeOrders.Order order = FakeOrders.order(42, 1, 2_000);
    assertEquals(10, order.customerId());
    assertEquals("badams61@example.org", order.email());
    assertEquals(new BigDecimal("565.47"), order.amount());
  }

  private static void count(Map<String, Integer> counts, String key) {
    counts.merge(key, 1, Integer::sum);
  }

  private static void assertShare(Map<String, Integer> counts, String key, double min, double max) {
    double share = counts.getOrDefault(key, 0) / (double) ROWS;
    assertTrue(
        share >= min && share <= max,
        key + " share " + share + " not in [" + min + ", " + max + "]");
  }
}
