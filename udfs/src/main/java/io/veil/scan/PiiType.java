package io.veil.scan;

import java.util.Locale;

/** The kinds of personal data {@code veil scan} recognises, by the names its output uses. */
public enum PiiType {
  EMAIL,
  PHONE,
  /** Mainland China resident identity number (GB 11643). */
  ID_CARD,
  /** United States Social Security number (area, group and serial rules). */
  US_SSN,
  /** United Kingdom National Insurance number. */
  UK_NINO,
  /** Payment card number (ISO/IEC 7812, Luhn). */
  BANK_CARD,
  IBAN,
  IP_ADDRESS,
  /** A network card's hardware (MAC, EUI-48) address. */
  MAC_ADDRESS,
  /** A latitude/longitude pair in decimal degrees or degrees, minutes and seconds. */
  GEO_COORDINATES,
  BIRTH_DATE,
  PERSON_NAME,
  /** A postal address: mainland Chinese (province, city, district, road and number) or US. */
  POSTAL_ADDRESS,
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
