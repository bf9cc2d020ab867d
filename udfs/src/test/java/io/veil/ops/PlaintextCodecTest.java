package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaintextCodecTest {
  @Test
  void roundTripsEveryType() {
    check(PlaintextCodec.STRING, List.of("", "王伟", "a\uD83D\uDE42", "e\u0301"));
    check(PlaintextCodec.BOOLEAN, List.of(true, false));
    check(PlaintextCodec.BYTE, List.of((byte) -128, (byte) 0, (byte) 127));
    check(PlaintextCodec.SHORT, List.of(Short.MIN_VALUE, (short) 7, Short.MAX_VALUE));
    check(PlaintextCodec.INT, List.of(Integer.MIN_VALUE, 0, Integer.MAX_VALUE));
    check(PlaintextCodec.LONG, List.of(Long.MIN_VALUE, -1L, Long.MAX_VALUE));
    check(PlaintextCodec.FLOAT, List.of(Float.NaN, -0.0f, 1.5e-38f, Float.POSITIVE_INFINITY));
    check(PlaintextCodec.DOUBLE, List.of(Double.NaN, -0.0, Math.PI, Double.MIN_VALUE));
    check(
        PlaintextCodec.DECIMAL,
        List.of(
            new BigDecimal("0.00"),
            new BigDecimal("-12345678901234567890.12"),
            new BigDecimal("1E+5")));
    check(
        PlaintextCodec.DATE,
        List.of(LocalDate.of(1949, 10, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31)));
    check(
        PlaintextCodec.TIMESTAMP,
        List.of(
            Instant.parse("1969-12-31T23:59:59.999999Z"),
            Instant.parse("2025-06-01T12:00:00.000001Z")));
    check(
        PlaintextCodec.TIMESTAMP_NTZ,
        List.of(LocalDateTime.of(2020, 2, 29, 23, 59, 59, 123456000)));
    byte[] bin = {0, -1, 2};
    assertArrayEquals(
        bin, (byte[]) PlaintextCodec.BINARY.decode(PlaintextCodec.BINARY.encode(bin)));
  }

  @Test
  void acceptsSparksLegacyJavaTypes() {
    assertEquals(
        LocalDate.of(2000, 1, 2),
        PlaintextCodec.DATE.decode(
            PlaintextCodec.DATE.encode(java.sql.Date.valueOf("2000-01-02"))));
    java.sql.Timestamp ts = java.sql.Timestamp.from(Instant.parse("2001-02-03T04:05:06.789Z"));
    assertEquals(
        Instant.parse("2001-02-03T04:05:06.789Z"),
        PlaintextCodec.TIMESTAMP.decode(PlaintextCodec.TIMESTAMP.encode(ts)));
  }

  @Test
  void refusesBytesOfTheWrongShape() {
    assertThrows(IllegalArgumentException.class, () -> PlaintextCodec.INT.decode(new byte[3]));
  }

  private static void check(PlaintextCodec codec, List<?> values) {
    for (Object v : values) {
      assertEquals(v, codec.decode(codec.encode(v)), codec + " " + v);
    }
  }
}
