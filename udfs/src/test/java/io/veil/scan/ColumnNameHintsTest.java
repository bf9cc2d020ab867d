package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ColumnNameHintsTest {

  @ParameterizedTest
  @CsvSource({
    "email, EMAIL",
    "customerEmail, EMAIL",
    "phone, PHONE",
    "mobile_no, PHONE",
    "手机号, PHONE",
    "id_card, ID_CARD",
    "idNumber, ID_CARD",
    "card_number, BANK_CARD",
    "iban, IBAN",
    "ip_address, IP_ADDRESS",
    "clientIp, IP_ADDRESS",
    "birth_date, BIRTH_DATE",
    "dob, BIRTH_DATE",
    "出生日期, BIRTH_DATE",
    "name, PERSON_NAME",
    "first_name, PERSON_NAME",
    "customerName, PERSON_NAME",
    "姓名, PERSON_NAME",
    "notes, FREE_TEXT_WITH_PII",
  })
  void namesPointAtTypes(String name, PiiType type) {
    assertEquals(Set.of(type), ColumnNameHints.of(name).types(), name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "username",
        "product_name",
        "file_name",
        "city_name",
        "customer_id",
        "tags",
        "status",
        "c17"
      })
  void otherNamesPointNowhere(String name) {
    assertEquals(Set.of(), ColumnNameHints.of(name).types(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"created_at", "signup_ts", "orderDate", "last_login", "expiry_date"})
  void eventDatesAreRecognised(String name) {
    assertTrue(ColumnNameHints.of(name).suggestsEventDate(), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"birth_date", "date", "d"})
  void birthAndNeutralDatesAreNotEvents(String name) {
    assertFalse(ColumnNameHints.of(name).suggestsEventDate(), name);
  }
}
