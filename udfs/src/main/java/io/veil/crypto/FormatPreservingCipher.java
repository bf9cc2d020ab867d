package io.veil.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIST SP 800-38G FF1 format-preserving encryption over an {@link Alphabet}: Veil's {@code mode =
 * format-preserving}.
 *
 * <p>Only the characters in the alphabet form the numeral string; every other character stays where
 * it is ("138-0013-8000" keeps its dashes, an ID number's trailing X stays an X under the digits
 * alphabet). So the output has the same length and the same non-alphabet characters.
 *
 * <p>Values with fewer than {@link #minLength()} alphabet characters are refused with {@link
 * DomainTooSmallException}: NIST SP 800-38G Rev. 1 requires radix^length of at least 1,000,000,
 * since smaller domains are open to practical message-recovery attacks. Values with more than
 * {@link #MAX_LENGTH} are refused with {@link ValueTooLongException}: long values take the
 * BigInteger rounds, whose time grows with the square of the length (100,000 digits took about a
 * second, a megabyte hours), so one crafted cell could stall a task. Characters outside the
 * alphabet do not count; they are only copied.
 *
 * <p>Immutable and thread-safe. Speed matters here, so the implementation departs from the
 * standard's pseudocode in three ways that give identical output: the CBC-MAC state after the fixed
 * block P and the tweak's leading blocks is computed once per (length, tweak) and thread; the
 * Feistel halves stay integers between rounds (NUM(STR(c)) = c), converted to numerals only at the
 * ends; and they are {@code long}s whenever radix^ceil(n/2) fits, with {@link BigInteger} as the
 * fallback for long values.
 */
public final class FormatPreservingCipher {
  /** NIST SP 800-38G Rev. 1: radix^length must be at least this. */
  public static final long MIN_DOMAIN = 1_000_000L;

  /**
   * The most alphabet characters a value may have: about 2 ms for 2,048 digits here, where 4,000
   * took 5 ms and 100,000 a second. Far above any identifier, card or phone number.
   */
  public static final int MAX_LENGTH = 2048;

  private static final int ROUNDS = 10;
  private static final int BLOCK = AesBlockEncryptor.BLOCK;

  /** Per thread, layouts are cached by length modulo this (a power of two). */
  private static final int LAYOUT_SLOTS = 16;

  /** Tweaks longer than this are not cached, to bound per-thread memory. */
  private static final int MAX_CACHED_TWEAK = 256;

  /** Per-thread numeral buffers grow up to this many entries; longer values get their own. */
  private static final int MAX_CACHED_BUFFER = 4096;

  private static final byte[] EMPTY = new byte[0];
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  /** The value has too few alphabet characters for FF1's minimum domain. */
  public static final class DomainTooSmallException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    DomainTooSmallException(int length, int radix, int minLength) {
      super(
          "Cannot format-preserving encrypt: a value with "
              + length
              + " characters of a radix-"
              + radix
              + " alphabet is too short; NIST SP 800-38G needs at least "
              + minLength
              + " (a domain of at least 1,000,000 values)");
    }
  }

  /** The value has more alphabet characters than {@link #MAX_LENGTH}. */
  public static final class ValueTooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ValueTooLongException(int length, int radix) {
      super(
          "Cannot format-preserving encrypt: a value with "
              + length
              + " characters of a radix-"
              + radix
              + " alphabet is too long; Veil takes at most "
              + MAX_LENGTH
              + " (FF1's time grows with the square of the length)");
    }
  }

  private final SecretKeySpec key;
  private final int keyBits;
  private final Alphabet alphabet;
  private final int radix;
  private final int minLength;

  /** radix^k for every k with radix^k < 2^63. */
  private final long[] powers;

  private final BigInteger bigChunk;
  private final ThreadLocal<PerThread> perThread;

  /**
   * @param key an AES key of 16, 24 or 32 bytes; copied
   * @throws IllegalArgumentException for other key sizes (the message gives the length only)
   */
  public FormatPreservingCipher(byte[] key, Alphabet alphabet) {
    if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
      throw new IllegalArgumentException(
          "FF1 needs an AES key of 16, 24 or 32 bytes, got "
              + (key == null ? 0 : key.length)
              + " bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.keyBits = key.length * 8;
    this.alphabet = alphabet;
    this.radix = alphabet.radix();

    long[] p = new long[64];
    p[0] = 1;
    int k = 0;
    while (p[k] <= Long.MAX_VALUE / radix) {
      p[k + 1] = p[k] * radix;
      k++;
    }
    this.powers = Arrays.copyOf(p, k + 1);
    this.bigChunk = BigInteger.valueOf(powers[k]);

    int min = 0;
    for (long domain = 1; domain < MIN_DOMAIN; domain *= radix) {
      min++;
    }
    this.minLength = min;
    SecretKeySpec aesKey = this.key;
    this.perThread = ThreadLocal.withInitial(() -> new PerThread(aesKey));
  }

  public Alphabet alphabet() {
    return alphabet;
  }

  /** The fewest alphabet characters a value must have: radix^minLength >= 1,000,000. */
  public int minLength() {
    return minLength;
  }

  /**
   * Encrypts the alphabet characters of {@code value}, leaving the others in place.
   *
   * @param tweak public per-column or per-context bytes, any length; null means empty
   * @throws DomainTooSmallException if {@code value} has fewer than {@link #minLength()} alphabet
   *     characters
   * @throws ValueTooLongException if it has more than {@link #MAX_LENGTH}
   */
  public String encrypt(String value, byte[] tweak) {
    return transform(value, tweak, true);
  }

  /** Inverse of {@link #encrypt(String, byte[])} with the same tweak. */
  public String decrypt(String value, byte[] tweak) {
    return transform(value, tweak, false);
  }

  /**
   * FF1.Encrypt on a numeral string.
   *
   * @param numerals each in [0, radix); not modified
   * @return a new array
   * @throws IllegalArgumentException if a numeral is out of range
   * @throws DomainTooSmallException if there are fewer than {@link #minLength()} numerals
   */
  public int[] encrypt(int[] numerals, byte[] tweak) {
    return transform(numerals, tweak, true);
  }

  /** FF1.Decrypt on a numeral string; the inverse of {@link #encrypt(int[], byte[])}. */
  public int[] decrypt(int[] numerals, byte[] tweak) {
    return transform(numerals, tweak, false);
  }

  @Override
  public String toString() {
    return "FormatPreservingCipher[FF1, AES-" + keyBits + ", " + alphabet + "]";
  }

  private int[] transform(int[] numerals, byte[] tweak, boolean encrypt) {
    int[] x = numerals.clone();
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0 || x[i] >= radix) {
        throw new IllegalArgumentException(
            "Invalid numeral at position " + i + ": not in [0, " + radix + ")");
      }
    }
    checkDomain(x.length);
    ff1(perThread.get(), x, x.length, tweak == null ? EMPTY : tweak, encrypt);
    return x;
  }

  private String transform(String value, byte[] tweak, boolean encrypt) {
    byte[] t = tweak == null ? EMPTY : tweak;
    int length = value.length();
    if (length > MAX_LENGTH) {
      // Refused before any buffer of the value's size is taken; shorter values are checked below.
      checkLength(alphabetCharacters(value));
    }
    PerThread state = perThread.get();
    int[] x = state.numerals(length);
    if (alphabet.isBmp()) {
      // Surrogates are never in a BMP alphabet, so both halves of a pair pass through untouched.
      int[] positions = state.positions(length);
      int n = 0;
      for (int i = 0; i < length; i++) {
        int numeral = alphabet.numeralOfChar(value.charAt(i));
        if (numeral >= 0) {
          x[n] = numeral;
          positions[n++] = i;
        }
      }
      checkDomain(n);
      ff1(state, x, n, t, encrypt);
      char[] out = value.toCharArray();
      for (int k = 0; k < n; k++) {
        out[positions[k]] = alphabet.charOf(x[k]);
      }
      return new String(out);
    }
    int n = 0;
    for (int i = 0; i < length; ) {
      int cp = value.codePointAt(i);
      int numeral = alphabet.numeralOf(cp);
      if (numeral >= 0) {
        x[n++] = numeral;
      }
      i += Character.charCount(cp);
    }
    checkDomain(n);
    ff1(state, x, n, t, encrypt);
    StringBuilder out = new StringBuilder(length + n);
    int k = 0;
    for (int i = 0; i < length; ) {
      int cp = value.codePointAt(i);
      out.appendCodePoint(alphabet.numeralOf(cp) >= 0 ? alphabet.codePointOf(x[k++]) : cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private void checkDomain(int n) {
    if (n < minLength) {
      throw new DomainTooSmallException(n, radix, minLength);
    }
    checkLength(n);
  }

  private void checkLength(int n) {
    if (n > MAX_LENGTH) {
      throw new ValueTooLongException(n, radix);
    }
  }

  private int alphabetCharacters(String value) {
    int n = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      n += alphabet.numeralOf(cp) >= 0 ? 1 : 0;
      i += Character.charCount(cp);
    }
    return n;
  }

  /** FF1 on {@code x[0, n)}, in place. */
  private void ff1(PerThread state, int[] x, int n, byte[] tweak, boolean encrypt) {
    Layout layout = layout(state, n, tweak);
    if (layout.fast) {
      fastRounds(state, layout, x, encrypt);
    } else {
      generalRounds(state, layout, x, encrypt);
    }
  }

  private Layout layout(PerThread state, int n, byte[] tweak) {
    int slot = n & (LAYOUT_SLOTS - 1);
    Layout layout = state.layouts[slot];
    if (layout == null || layout.n != n || !Arrays.equals(layout.tweak, tweak)) {
      layout = new Layout(n, tweak, state.aes, radix, powers);
      if (tweak.length <= MAX_CACHED_TWEAK) {
        state.layouts[slot] = layout;
      }
    }
    return layout;
  }

  /**
   * The ten rounds with both halves in {@code long}s. Q's variable part (round number and NUM(B))
   * then fits in its last block, so each round is one AES call on the cached prefix state.
   */
  private void fastRounds(PerThread state, Layout layout, int[] x, boolean encrypt) {
    int u = layout.u;
    long a = num(x, 0, u);
    long b = num(x, u, layout.v);
    byte[] block = state.block;
    byte[] r = state.r;
    System.arraycopy(layout.tailTemplate, 0, block, 0, BLOCK);
    int numBytes = layout.b;
    boolean wide = layout.d > 8;
    for (int k = 0; k < ROUNDS; k++) {
      int i = encrypt ? k : ROUNDS - 1 - k;
      long modulus = (i & 1) == 0 ? layout.modU : layout.modV;
      long fed = encrypt ? b : a;
      block[layout.roundIndexPos] = (byte) i;
      for (int j = BLOCK - 1, shift = 0; j >= BLOCK - numBytes; j--, shift += 8) {
        block[j] = (byte) (fed >>> shift);
      }
      state.aes.encryptXor(layout.prefixState, 0, block, 0, r, 0);
      long y =
          wide
              ? remainder128(
                  (int) INT_BE.get(r, 0) & 0xFFFFFFFFL, (long) LONG_BE.get(r, 4), modulus)
              : Long.remainderUnsigned((long) LONG_BE.get(r, 0), modulus);
      if (encrypt) {
        long c = a + y; // both below modulus < 2^63: no unsigned overflow
        if (Long.compareUnsigned(c, modulus) >= 0) {
          c -= modulus;
        }
        a = b;
        b = c;
      } else {
        long c = b - y;
        if (c < 0) {
          c += modulus;
        }
        b = a;
        a = c;
      }
    }
    str(a, x, 0, u);
    str(b, x, u, layout.v);
  }

  /** The ten rounds as the standard writes them, in {@link BigInteger}s, for long values. */
  private void generalRounds(PerThread state, Layout layout, int[] x, boolean encrypt) {
    int u = layout.u;
    BigInteger a = bigNum(x, 0, u);
    BigInteger b = bigNum(x, u, layout.v);
    byte[] tail = layout.tailTemplate.clone();
    byte[] mac = new byte[BLOCK];
    byte[] s = new byte[(layout.d + BLOCK - 1) / BLOCK * BLOCK];
    byte[] counterBlock = new byte[BLOCK];
    for (int k = 0; k < ROUNDS; k++) {
      int i = encrypt ? k : ROUNDS - 1 - k;
      BigInteger modulus = (i & 1) == 0 ? layout.bigModU : layout.bigModV;
      tail[layout.roundIndexPos] = (byte) i;
      writeUnsigned(encrypt ? b : a, tail, tail.length - layout.b, layout.b);
      System.arraycopy(layout.prefixState, 0, mac, 0, BLOCK);
      state.aes.cbcMac(mac, tail, 0, tail.length);
      // S = R || CIPH(R xor [1]^16) || CIPH(R xor [2]^16) || ..., first d bytes
      System.arraycopy(mac, 0, s, 0, BLOCK);
      for (int j = 1; j * BLOCK < layout.d; j++) {
        System.arraycopy(mac, 0, counterBlock, 0, BLOCK);
        counterBlock[BLOCK - 4] ^= (byte) (j >>> 24);
        counterBlock[BLOCK - 3] ^= (byte) (j >>> 16);
        counterBlock[BLOCK - 2] ^= (byte) (j >>> 8);
        counterBlock[BLOCK - 1] ^= (byte) j;
        state.aes.encryptBlock(counterBlock, 0, s, j * BLOCK);
      }
      BigInteger y = new BigInteger(1, s, 0, layout.d);
      if (encrypt) {
        BigInteger c = a.add(y).mod(modulus);
        a = b;
        b = c;
      } else {
        BigInteger c = b.subtract(y).mod(modulus);
        b = a;
        a = c;
      }
    }
    bigStr(a, x, 0, u);
    bigStr(b, x, u, layout.v);
  }

  private long num(int[] x, int offset, int length) {
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      value = value * radix + x[i];
    }
    return value;
  }

  private void str(long value, int[] x, int offset, int length) {
    if (radix == 10) {
      // A constant divisor lets the JIT multiply instead of divide: the common case, twice as fast.
      for (int i = offset + length - 1; i >= offset; i--) {
        x[i] = (int) (value % 10);
        value /= 10;
      }
      return;
    }
    for (int i = offset + length - 1; i >= offset; i--) {
      x[i] = (int) (value % radix);
      value /= radix;
    }
  }

  private BigInteger bigNum(int[] x, int offset, int length) {
    int chunk = powers.length - 1;
    BigInteger value = BigInteger.ZERO;
    for (int i = 0; i < length; i += chunk) {
      int digits = Math.min(chunk, length - i);
      value =
          value
              .multiply(BigInteger.valueOf(powers[digits]))
              .add(BigInteger.valueOf(num(x, offset + i, digits)));
    }
    return value;
  }

  private void bigStr(BigInteger value, int[] x, int offset, int length) {
    int chunk = powers.length - 1;
    for (int end = offset + length; end > offset; end -= chunk) {
      int digits = Math.min(chunk, end - offset);
      BigInteger[] qr =
          value.divideAndRemainder(digits == chunk ? bigChunk : BigInteger.valueOf(powers[digits]));
      str(qr[1].longValue(), x, end - digits, digits);
      value = qr[0];
    }
  }

  /** Writes {@code value} (known to fit) as {@code length} big-endian bytes. */
  private static void writeUnsigned(BigInteger value, byte[] out, int offset, int length) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > length ? bytes.length - length : 0; // the sign byte, if any
    Arrays.fill(out, offset, offset + length, (byte) 0);
    System.arraycopy(
        bytes, skip, out, offset + length - (bytes.length - skip), bytes.length - skip);
  }

  /**
   * {@code (hi * 2^64 + lo) mod m} for unsigned {@code hi}, {@code lo} and {@code 0 < m < 2^63}:
   * reduces FF1's 12-byte y without a BigInteger. Knuth's algorithm D for two 32-bit digits of
   * quotient (Hacker's Delight, divlu), keeping only the remainder.
   */
  static long remainder128(long hi, long lo, long m) {
    hi = Long.remainderUnsigned(hi, m);
    if (hi == 0) {
      return Long.remainderUnsigned(lo, m);
    }
    final long base = 1L << 32;
    final long mask = base - 1;
    int s = Long.numberOfLeadingZeros(m);
    long v = m << s;
    long vn1 = v >>> 32;
    long vn0 = v & mask;
    long un32 = s == 0 ? hi : (hi << s) | (lo >>> (64 - s));
    long un10 = lo << s;
    long un1 = un10 >>> 32;
    long un0 = un10 & mask;

    long q1 = Long.divideUnsigned(un32, vn1);
    long rhat = un32 - q1 * vn1;
    while (Long.compareUnsigned(q1, base) >= 0
        || Long.compareUnsigned(q1 * vn0, (rhat << 32) | un1) > 0) {
      q1--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, base) >= 0) {
        break;
      }
    }
    long un21 = (un32 << 32) + un1 - q1 * v;

    long q0 = Long.divideUnsigned(un21, vn1);
    rhat = un21 - q0 * vn1;
    while (Long.compareUnsigned(q0, base) >= 0
        || Long.compareUnsigned(q0 * vn0, (rhat << 32) | un0) > 0) {
      q0--;
      rhat += vn1;
      if (Long.compareUnsigned(rhat, base) >= 0) {
        break;
      }
    }
    return ((un21 << 32) + un0 - q0 * v) >>> s;
  }

  /**
   * Everything FF1 derives from (length, tweak) before the rounds, under this key. Built once per
   * thread and reused while the length and tweak repeat, as they do down a column.
   */
  private static final class Layout {
    final int n;
    final int u;
    final int v;

    /** Bytes of NUM(B) in Q. */
    final int b;

    /** Bytes of S used as y. */
    final int d;

    final byte[] tweak;

    /** CBC-MAC state after P and Q's leading blocks, which hold only tweak bytes and zeros. */
    final byte[] prefixState;

    /** Q's remaining blocks, with the round number and NUM(B) left zero. */
    final byte[] tailTemplate;

    final int roundIndexPos;
    final boolean fast;
    final long modU;
    final long modV;
    final BigInteger bigModU;
    final BigInteger bigModV;

    Layout(int n, byte[] tweak, AesBlockEncryptor aes, int radix, long[] powers) {
      this.n = n;
      this.u = n / 2;
      this.v = n - u;
      this.tweak = tweak.clone();
      int t = tweak.length;
      this.fast = v < powers.length;
      // ceil(v * log2(radix)) computed exactly: the bit length of radix^v - 1
      int bits =
          fast
              ? 64 - Long.numberOfLeadingZeros(powers[v] - 1)
              : BigInteger.valueOf(radix).pow(v).subtract(BigInteger.ONE).bitLength();
      this.b = (bits + 7) / 8;
      this.d = 4 * ((b + 3) / 4) + 4;

      byte[] p = {
        1,
        2,
        1,
        (byte) (radix >>> 16),
        (byte) (radix >>> 8),
        (byte) radix,
        10,
        (byte) u,
        (byte) (n >>> 24),
        (byte) (n >>> 16),
        (byte) (n >>> 8),
        (byte) n,
        (byte) (t >>> 24),
        (byte) (t >>> 16),
        (byte) (t >>> 8),
        (byte) t
      };
      int pad = Math.floorMod(-t - b - 1, BLOCK);
      int roundPos = t + pad;
      byte[] q = new byte[Math.addExact(roundPos, 1 + b)];
      System.arraycopy(tweak, 0, q, 0, t);
      int constant = roundPos / BLOCK * BLOCK;
      this.prefixState = new byte[BLOCK];
      aes.encryptBlock(p, 0, prefixState, 0);
      aes.cbcMac(prefixState, q, 0, constant);
      this.tailTemplate = Arrays.copyOfRange(q, constant, q.length);
      this.roundIndexPos = roundPos - constant;

      if (fast) {
        modU = powers[u];
        modV = powers[v];
        bigModU = null;
        bigModV = null;
        if (tailTemplate.length != BLOCK) {
          throw new IllegalStateException("FF1 fast path needs a one-block tail");
        }
      } else {
        modU = 0;
        modV = 0;
        bigModU = BigInteger.valueOf(radix).pow(u);
        bigModV = BigInteger.valueOf(radix).pow(v);
      }
    }
  }

  /**
   * Per-thread engine, layouts and buffers. Static, holding no reference to the cipher: a value
   * that pointed back at its ThreadLocal's owner would keep every discarded cipher alive for the
   * life of the (long-lived, pooled) executor thread.
   */
  private static final class PerThread {
    final AesBlockEncryptor aes;
    final Layout[] layouts = new Layout[LAYOUT_SLOTS];
    final byte[] block = new byte[BLOCK];
    final byte[] r = new byte[BLOCK];
    private int[] numerals = new int[64];
    private int[] positions = new int[64];

    PerThread(SecretKeySpec key) {
      aes = new AesBlockEncryptor(key);
    }

    int[] numerals(int length) {
      if (length > MAX_CACHED_BUFFER) {
        return new int[length];
      }
      if (numerals.length < length) {
        numerals = new int[Math.max(length, 2 * numerals.length)];
      }
      return numerals;
    }

    int[] positions(int length) {
      if (length > MAX_CACHED_BUFFER) {
        return new int[length];
      }
      if (positions.length < length) {
        positions = new int[Math.max(length, 2 * positions.length)];
      }
      return positions;
    }
  }
}
