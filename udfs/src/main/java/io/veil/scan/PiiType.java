package io.veil.scan;

import java.util.Locale;

/** The kinds of personal data {@code veil scan} recognises, by the names its output uses. */
public enum PiiType {
  EMAIL,
  PHONE,
  /** Mainland China resident identity number (GB 11643). */
  ID_CARD,
  /** Payment card number (ISO/IEC 7812, Luhn). */
  BANK_CARD,
  IBAN,
  IP_ADDRESS,
  BIRTH_DATE,
  PERSON_NAME,
  /** Free text in which other personal data is embedded (a note quoting an e-mail address). */
  FREE_TEXT_WITH_PII;

  /** The name in scan output and docs: {@code id-card}, {@code free-text-with-pii}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  public String toString() {
    return label();
  }
}
