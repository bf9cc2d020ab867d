package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.veil.crypto.FormatPreservingCipher.DomainTooSmallException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class FormatPreservingCipherTest {
  private static final byte[] KEY =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  /** Every FF1 row both ways, with the row's own alphabet; every FF3 and FF3-1 row refused. */
  @Test
  void nistVectors() {
    int ff1 = 0;
    int refused = 0;
    for (JsonNode row : TestVectors.json("nist-fpe.json")) {
      String alg = row.get("alg").asText();
      String id = row.get("source").asText() + " " + row.get("id").asText();
      if (!alg.equals("FF1")) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> FpeAlgorithm.parse(alg), id);
        assertTrue(e.getMessage().startsWith("Invalid format-preserving algorithm " + alg + ": "));
        refused++;
        continue;
      }
      assertEquals(FpeAlgorithm.FF1, FpeAlgorithm.parse(alg));
      Alphabet alphabet = Alphabet.of(row.get("alphabet").asText());
      assertEquals(row.get("radix").asInt(), alphabet.radix(), id);
      byte[] key = TestVectors.hex(row.get("key"));
      assertEquals(row.get("keyBits").asInt(), key.length * 8, id);
      FormatPreservingCipher cipher = new FormatPreservingCipher(key, alphabet);
      byte[] tweak = TestVectors.hex(row.get("tweak"));
      String plaintext = row.get("plaintext").asText();
      String ciphertext = row.get("ciphertext").asText();
      assertEquals(ciphertext, cipher.encrypt(plaintext, tweak), id);
      assertEquals(plaintext, cipher.decrypt(ciphertext, tweak), id);
      assertArrayEquals(
          numerals(alphabet, ciphertext), cipher.encrypt(numerals(alphabet, plaintext), tweak), id);
      assertArrayEquals(
          numerals(alphabet, plaintext), cipher.decrypt(numerals(alphabet, ciphertext), tweak), id);
      ff1++;
    }
    assertEquals(19, ff1);
    assertEquals(61, refused);
  }

  /**
   * 12,000 random inputs against Bouncy Castle's FPEFF1Engine: radix 10, 16, 36 and 62 at lengths 6
   * to 40 (both the 64-bit and the BigInteger paths, 8- and 12-byte y), all key sizes, random
   * tweaks; plus wide radixes up to 65535, which Bouncy Castle takes as 16-bit numerals (see {@link
   * #radix65536FollowsTheStandard} for 65536).
   */
  @Test
  void agreesWithBouncyCastle() {
    Random random = new Random(20261127);
    int[] radixes = {10, 16, 36, 62};
    int[] keySizes = {16, 24, 32};
    int cases = 0;
    int fastPath = 0;
    for (int i = 0; i < 12_000; i++) {
      int radix = radixes[i % radixes.length];
      int length = 6 + random.nextInt(35);
      cases += checkAgainstBouncyCastle(random, radix, length, keySizes[random.nextInt(3)]);
      fastPath += Math.pow(radix, (length + 1) / 2) < 0x1p63 ? 1 : 0;
    }
    for (int radix : new int[] {2, 255, 256, 257, 1000, 65535}) {
      for (int i = 0; i < 50; i++) {
        int min = (int) Math.ceil(6 / Math.log10(radix) - 1e-9);
        cases += checkAgainstBouncyCastle(random, radix, min + random.nextInt(30), 32);
      }
    }
    assertEquals(12_000 + 6 * 50, cases);
    assertTrue(fastPath > 6_000 && fastPath < 11_000, "both arithmetic paths ran: " + fastPath);
  }

  private static int checkAgainstBouncyCastle(Random random, int radix, int length, int keySize) {
    byte[] key = RandomizedCipherTest.bytes(random, keySize);
    byte[] tweak =
        RandomizedCipherTest.bytes(random, random.nextInt(4) == 0 ? 0 : random.nextInt(40));
    int[] x = new int[length];
    for (int j = 0; j < length; j++) {
      x[j] = random.nextInt(radix);
    }
    FormatPreservingCipher cipher = new FormatPreservingCipher(key, radixAlphabet(radix));
    int[] ours = cipher.encrypt(x, tweak);
    assertArrayEquals(
        bouncyCastle(key, radix, tweak, x), ours, "radix " + radix + " length " + length);
    assertArrayEquals(x, cipher.decrypt(ours, tweak));
    return 1;
  }

  private static int[] bouncyCastle(byte[] key, int radix, byte[] tweak, int[] x) {
    FPEFF1Engine engine = new FPEFF1Engine();
    engine.init(true, new FPEParameters(new KeyParameter(key), radix, tweak));
    boolean wide = radix > 256;
    byte[] in = new byte[wide ? 2 * x.length : x.length];
    for (int i = 0; i < x.length; i++) {
      if (wide) {
        in[2 * i] = (byte) (x[i] >>> 8);
        in[2 * i + 1] = (byte) x[i];
      } else {
        in[i] = (byte) x[i];
      }
    }
    byte[] out = new byte[in.length];
    engine.processBlock(in, 0, in.length, out, 0); // bytes, also for 16-bit numerals
    int[] y = new int[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = wide ? ((out[2 * i] & 0xff) << 8) | (out[2 * i + 1] & 0xff) : out[i] & 0xff;
    }
    return y;
  }

  private static Alphabet radixAlphabet(int radix) {
    switch (radix) {
      case 10:
        return Alphabet.DIGITS;
      case 16:
        return Alphabet.HEX_LOWER;
      case 62:
        return Alphabet.ALPHANUMERIC;
      default:
        // From U+0100 up, skipping surrogates; the widest radixes run past the BMP, which takes
        // the code-point path rather than the char one.
        StringBuilder chars = new StringBuilder();
        for (int cp = 0x100, count = 0; count < radix; cp++) {
          if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
            chars.appendCodePoint(cp);
            count++;
          }
        }
        return Alphabet.of(chars.toString());
    }
  }

  @Test
  void charactersOutsideTheAlphabetStayInPlace() {
    FormatPreservingCipher digits = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    byte[] tweak = "customers.phone".getBytes(StandardCharsets.UTF_8);
    String phone = "+86 138-0013-8000";
    String encrypted = digits.encrypt(phone, tweak);
    assertTrue(encrypted.matches("\\+\\d\\d \\d{3}-\\d{4}-\\d{4}"), encrypted);
    assertNotEquals(phone, encrypted);
    assertEquals(phone, digits.decrypt(encrypted, tweak));

    String idCard = "11010519491231002X";
    String encryptedId = digits.encrypt(idCard, tweak);
    assertTrue(encryptedId.matches("\\d{17}X"), encryptedId);
    assertEquals(idCard, digits.decrypt(encryptedId, tweak));

    // the numeral string is the same whatever surrounds it
    assertEquals(
        digits.encrypt("13800138000", tweak).replaceAll("(\\d{3})(\\d{4})(\\d{4})", "$1-$2-$3"),
        digits.encrypt("138-0013-8000", tweak));
  }

  @Test
  void surrogatePairsAreNeverSplit() {
    FormatPreservingCipher digits = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    String value = "😀123😀456\uD83D"; // emoji around digits, and a lone high surrogate at the end
    String encrypted = digits.encrypt(value, null);
    assertEquals("😀", encrypted.substring(0, 2));
    assertEquals("😀", encrypted.substring(5, 7));
    assertEquals('\uD83D', encrypted.charAt(encrypted.length() - 1));
    assertEquals(value, digits.decrypt(encrypted, null));

    Alphabet emoji = Alphabet.of("😀😁😂🤣😃😄😅😆😉😊abcdef");
    assertEquals(16, emoji.radix());
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, emoji);
    String message = "a😀-b😁c😂d🤣e"; // 9 alphabet characters, one dash
    String out = cipher.encrypt(message, new byte[] {1});
    assertEquals(message.codePointCount(0, message.length()), out.codePointCount(0, out.length()));
    assertEquals('-', out.charAt(out.offsetByCodePoints(0, 2)));
    out.codePoints().filter(cp -> cp != '-').forEach(cp -> assertTrue(emoji.numeralOf(cp) >= 0));
    assertEquals(message, cipher.decrypt(out, new byte[] {1}));
  }

  @Test
  void refusesDomainsBelowAMillion() {
    FormatPreservingCipher digits = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    assertEquals(6, digits.minLength());
    DomainTooSmallException e =
        assertThrows(DomainTooSmallException.class, () -> digits.encrypt("98765", null));
    assertFalse(e.getMessage().contains("98765"), e.getMessage());
    assertTrue(e.getMessage().startsWith("Cannot format-preserving encrypt: "), e.getMessage());
    assertThrows(DomainTooSmallException.class, () -> digits.decrypt("98-7-65", null));
    assertThrows(DomainTooSmallException.class, () -> digits.encrypt("no digits", null));
    assertThrows(DomainTooSmallException.class, () -> digits.encrypt(new int[5], null));
    assertEquals(6, digits.encrypt("987654", null).length());
    assertEquals(6, digits.encrypt(new int[6], null).length);

    assertEquals(20, new FormatPreservingCipher(KEY, Alphabet.of("01")).minLength());
    assertEquals(
        5, new FormatPreservingCipher(KEY, Alphabet.of("abcdefghijklmnopqrstuvwxyz")).minLength());
    assertEquals(5, new FormatPreservingCipher(KEY, Alphabet.HEX_LOWER).minLength());
    assertEquals(4, new FormatPreservingCipher(KEY, Alphabet.ALPHANUMERIC).minLength());
    assertEquals(2, new FormatPreservingCipher(KEY, radixAlphabet(1000)).minLength());
  }

  /**
   * Issue 20, finding 9: FF1 had no maximum length and its long-value path is quadratic (100,000
   * digits took about a second, a megabyte hours). Values with more than 2,048 characters of the
   * alphabet are refused, so one cell costs a few milliseconds at most.
   */
  @Test
  void ff1HasNoMaximumLength() {
    FormatPreservingCipher digits = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    String tooLong = "7".repeat(2049);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> digits.encrypt(tooLong, null));
    assertEquals(
        "Cannot format-preserving encrypt: a value with 2049 characters of a radix-10 alphabet is"
            + " too long; Veil takes at most 2048 (FF1's time grows with the square of the length)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> digits.decrypt(tooLong, null));
    assertThrows(IllegalArgumentException.class, () -> digits.encrypt(new int[2049], null));
    assertThrows(IllegalArgumentException.class, () -> digits.encrypt("1-".repeat(3000), null));
    String longest = "7".repeat(2048);
    assertEquals(longest, digits.decrypt(digits.encrypt(longest, null), null));
    // Characters outside the alphabet do not count: they are copied, not encrypted.
    String padded = "-".repeat(100_000) + "1234567";
    assertEquals(padded.length(), digits.encrypt(padded, null).length());
  }

  @Test
  void roundTripsAndTweaksMatter() {
    Random random = new Random(3);
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.ALPHANUMERIC);
    for (int i = 0; i < 2_000; i++) {
      int length = 4 + random.nextInt(60);
      StringBuilder value = new StringBuilder();
      for (int j = 0; j < length; j++) {
        value.append(Alphabet.ALPHANUMERIC.characters().charAt(random.nextInt(62)));
        if (random.nextInt(8) == 0) {
          value.append(random.nextBoolean() ? '-' : '中');
        }
      }
      byte[] tweak = RandomizedCipherTest.bytes(random, random.nextInt(20));
      String encrypted = cipher.encrypt(value.toString(), tweak);
      assertEquals(value.length(), encrypted.length());
      assertEquals(value.toString(), cipher.decrypt(encrypted, tweak));
    }
    assertNotEquals(
        cipher.encrypt("abcdefgh", new byte[] {1}), cipher.encrypt("abcdefgh", new byte[] {2}));
    assertEquals(cipher.encrypt("abcdefgh", null), cipher.encrypt("abcdefgh", new byte[0]));
  }

  /** The per-thread layout cache must never serve one tweak's state for another. */
  @Test
  void cachedStateFollowsTheTweakContentsNotTheArray() {
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    byte[] tweak = {1, 2, 3};
    String first = cipher.encrypt("13800138000", tweak);
    tweak[0] = 9;
    assertEquals(
        new FormatPreservingCipher(KEY, Alphabet.DIGITS)
            .encrypt("13800138000", new byte[] {9, 2, 3}),
        cipher.encrypt("13800138000", tweak));
    tweak[0] = 1;
    assertEquals(first, cipher.encrypt("13800138000", tweak));
    // lengths 11 and 27 share a cache slot
    String other = cipher.encrypt("123456789012345678901234567", tweak);
    assertEquals(first, cipher.encrypt("13800138000", tweak));
    assertEquals(other, cipher.encrypt("123456789012345678901234567", tweak));
  }

  @Test
  void longValuesRoundTrip() {
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    Random random = new Random(4);
    for (int length : new int[] {37, 38, 100, 1000, 2048}) {
      StringBuilder value = new StringBuilder();
      for (int i = 0; i < length; i++) {
        value.append((char) ('0' + random.nextInt(10)));
      }
      byte[] tweak = RandomizedCipherTest.bytes(random, 300);
      String encrypted = cipher.encrypt(value.toString(), tweak);
      assertEquals(length, encrypted.length());
      assertEquals(value.toString(), cipher.decrypt(encrypted, tweak));
    }
  }

  @Test
  void threadsShareOneInstanceSafely() throws Exception {
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      inputs.add(String.format("%017d", 13_800_000_000L + 7_919L * i).substring(0, 6 + i % 12));
    }
    List<String> expected = new ArrayList<>();
    for (String input : inputs) {
      expected.add(cipher.encrypt(input, new byte[] {(byte) input.length()}));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> out = new ArrayList<>();
                  for (String input : inputs) {
                    out.add(cipher.encrypt(input, new byte[] {(byte) input.length()}));
                  }
                  return out;
                }));
      }
      for (Future<List<String>> result : results) {
        assertEquals(expected, result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Pinned so a change to FF1 output (which would break every stored value) fails the build; the
   * cipher agrees with Bouncy Castle above, so these are FF1 as NIST defines it.
   */
  @Test
  void pinnedOutputs() {
    byte[] tweak = "customers.phone".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        PINNED_DIGITS,
        new FormatPreservingCipher(KEY, Alphabet.DIGITS).encrypt("138-0013-8000", tweak));
    assertEquals(
        PINNED_HEX,
        new FormatPreservingCipher(KEY, Alphabet.HEX_LOWER).encrypt("deadbeef00", tweak));
    assertEquals(
        PINNED_ALNUM,
        new FormatPreservingCipher(KEY, Alphabet.ALPHANUMERIC).encrypt("Veil2026", tweak));
  }

  private static final String PINNED_DIGITS = "464-5111-5735";
  private static final String PINNED_HEX = "1c6c6a1355";
  private static final String PINNED_ALNUM = "MGsxYJck";

  /**
   * Radix 2^16 is checked against a literal transcription of SP 800-38G (Python, AES from
   * pyca/cryptography), not Bouncy Castle: BC 1.87's calculateP_FF1 writes P's three radix bytes as
   * 0 || radix >> 8 || radix, which drops the top byte when the radix is exactly 65536.
   */
  @Test
  void radix65536FollowsTheStandard() {
    StringBuilder chars = new StringBuilder();
    for (int cp = 0x100, count = 0; count < 65536; cp++) {
      if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
        chars.appendCodePoint(cp);
        count++;
      }
    }
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.of(chars.toString()));
    int[] plaintext = {27519, 12302, 63944, 3715, 51093, 56723, 276, 58377, 34908};
    int[] expected = {25898, 36327, 52780, 52196, 44912, 38424, 47175, 49689, 16101};
    assertArrayEquals(expected, cipher.encrypt(plaintext, new byte[] {1, 2}));
    assertArrayEquals(plaintext, cipher.decrypt(expected, new byte[] {1, 2}));
  }

  @Test
  void refusesBadKeysAndNumerals() {
    for (int size : new int[] {0, 8, 15, 17, 31, 33, 64}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new FormatPreservingCipher(new byte[size], Alphabet.DIGITS));
      assertEquals(
          "FF1 needs an AES key of 16, 24 or 32 bytes, got " + size + " bytes", e.getMessage());
    }
    FormatPreservingCipher cipher = new FormatPreservingCipher(KEY, Alphabet.DIGITS);
    assertThrows(
        IllegalArgumentException.class, () -> cipher.encrypt(new int[] {1, 2, 3, 4, 5, 10}, null));
    assertThrows(
        IllegalArgumentException.class, () -> cipher.encrypt(new int[] {1, 2, 3, 4, 5, -1}, null));
    assertEquals(
        "FormatPreservingCipher[FF1, AES-256, Alphabet[digits, radix 10]]", cipher.toString());
  }

  @Test
  void remainder128MatchesBigInteger() {
    Random random = new Random(6);
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    long[] edgeModuli = {
      1, 2, 3, 10, 1L << 32, (1L << 32) + 1, 999_999_999_999_999_989L, Long.MAX_VALUE, 1L << 62
    };
    long[] edgeWords = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFFFFFFL, 1L << 32};
    int checked = 0;
    for (int i = 0; i < 200_000; i++) {
      long m =
          i < 1_000
              ? edgeModuli[i % edgeModuli.length]
              : random.nextLong() >>> (1 + random.nextInt(62));
      if (m == 0) {
        m = 1;
      }
      long hi =
          i < 1_000
              ? edgeWords[(i / 9) % edgeWords.length] & 0xFFFFFFFFL
              : random.nextLong() >>> 32;
      long lo = i < 1_000 ? edgeWords[(i / 63) % edgeWords.length] : random.nextLong();
      BigInteger value =
          BigInteger.valueOf(hi).multiply(two64).add(new BigInteger(Long.toUnsignedString(lo)));
      assertEquals(
          value.mod(BigInteger.valueOf(m)).longValueExact(),
          FormatPreservingCipher.remainder128(hi, lo, m),
          hi + ":" + lo + " mod " + m);
      checked++;
    }
    assertEquals(200_000, checked);
  }

  private static int[] numerals(Alphabet alphabet, String value) {
    return value.codePoints().map(alphabet::numeralOf).toArray();
  }
}
