package io.veil.ops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Turns a column value into the bytes that get encrypted, and back. Fixed-width big-endian forms
 * for numbers, dates as epoch days, instants as epoch microseconds (Spark's own precision), so a
 * value decrypts to exactly what was encrypted whatever the session time zone. The column's
 * original type, kept in its metadata, says which codec reads the bytes back.
 */
public enum PlaintextCodec {
  STRING,
  BINARY,
  BOOLEAN,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  DECIMAL,
  DATE,
  TIMESTAMP,
  TIMESTAMP_NTZ;

  /**
   * Accepts the Java forms Spark hands to UDFs: {@code java.sql.Date} or {@code LocalDate}, {@code
   * java.sql.Timestamp} or {@code Instant}, depending on {@code
   * spark.sql.datetime.java8API.enabled}.
   */
  public byte[] encode(Object value) {
    switch (this) {
      case STRING:
        return ((String) value).getBytes(StandardCharsets.UTF_8);
      case BINARY:
        return (byte[]) value;
      case BOOLEAN:
        return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
      case BYTE:
        return new byte[] {(Byte) value};
      case SHORT:
        return ByteBuffer.allocate(2).putShort((Short) value).array();
      case INT:
        return ByteBuffer.allocate(4).putInt((Integer) value).array();
      case LONG:
        return ByteBuffer.allocate(8).putLong((Long) value).array();
      case FLOAT:
        return ByteBuffer.allocate(4).putInt(Float.floatToRawIntBits((Float) value)).array();
      case DOUBLE:
        return ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits((Double) value)).array();
      case DECIMAL:
        BigDecimal d = (BigDecimal) value;
        byte[] unscaled = d.unscaledValue().toByteArray();
        return ByteBuffer.allocate(4 + unscaled.length).putInt(d.scale()).put(unscaled).array();
      case DATE:
        LocalDate date =
            value instanceof java.sql.Date
                ? ((java.sql.Date) value).toLocalDate()
                : (LocalDate) value;
        return ByteBuffer.allocate(8).putLong(date.toEpochDay()).array();
      case TIMESTAMP:
        Instant instant =
            value instanceof java.sql.Timestamp
                ? ((java.sql.Timestamp) value).toInstant()
                : (Instant) value;
        return ByteBuffer.allocate(8).putLong(micros(instant)).array();
      default:
        return ByteBuffer.allocate(8)
            .putLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)))
            .array();
    }
  }

  /**
   * @throws IllegalArgumentException when the bytes cannot be a value of this type
   */
  public Object decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      switch (this) {
        case STRING:
          // Strict: bytes that are not UTF-8 are not a string Veil encrypted (a number's bytes
          // under a wrong recorded type, say), and must fail rather than decode to garbage.
          return StandardCharsets.UTF_8.newDecoder().decode(b).toString();
        case BINARY:
          return bytes;
        case BOOLEAN:
          check(bytes, 1);
          if (bytes[0] != 0 && bytes[0] != 1) {
            throw new IllegalArgumentException("boolean");
          }
          return bytes[0] != 0;
        case BYTE:
          check(bytes, 1);
          return bytes[0];
        case SHORT:
          check(bytes, 2);
          return b.getShort();
        case INT:
          check(bytes, 4);
          return b.getInt();
        case LONG:
          check(bytes, 8);
          return b.getLong();
        case FLOAT:
          check(bytes, 4);
          return Float.intBitsToFloat(b.getInt());
        case DOUBLE:
          check(bytes, 8);
          return Double.longBitsToDouble(b.getLong());
        case DECIMAL:
          if (bytes.length < 5) {
            throw new IllegalArgumentException("decimal");
          }
          int scale = b.getInt();
          return new BigDecimal(new BigInteger(Arrays.copyOfRange(bytes, 4, bytes.length)), scale);
        case DATE:
          check(bytes, 8);
          return LocalDate.ofEpochDay(Math.toIntExact(b.getLong())); // Spark keeps days in an int
        case TIMESTAMP:
          check(bytes, 8);
          return instant(b.getLong());
        default:
          check(bytes, 8);
          return LocalDateTime.ofInstant(instant(b.getLong()), ZoneOffset.UTC);
      }
    } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the decrypted bytes are not a " + name().toLowerCase() + " value");
    }
  }

  /** The type's name as Spark writes it (string, double, timestamp_ntz...), for messages. */
  public String sparkName() {
    switch (this) {
      case INT:
        return "int";
      case LONG:
        return "bigint";
      case SHORT:
        return "smallint";
      case BYTE:
        return "tinyint";
      case FLOAT:
        return "float";
      default:
        return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static void check(byte[] bytes, int length) {
    if (bytes.length != length) {
      throw new IllegalArgumentException("length");
    }
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }
}
