package io.veil.bench;

import io.veil.crypto.Alphabet;
import io.veil.crypto.FormatPreservingCipher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Measures FF1 encryptions per second on the calling thread, for the project's benchmark command.
 * Values are random strings of one length over one alphabet, under a random key and an empty tweak;
 * a pool of distinct values keeps branch prediction honest.
 *
 * <p>Two figures: per wall-clock second, and per second of this thread's CPU time. On a shared or
 * oversubscribed machine only the second says what one core can do.
 */
public final class FormatPreservingCipherThroughput {
  private static final int POOL = 1024;

  /** Keeps the JIT from discarding results it can see are unused. */
  private static volatile int sink;

  private FormatPreservingCipherThroughput() {}

  /**
   * Runs {@code iterations} untimed encryptions to warm up, then {@code iterations} timed ones.
   *
   * @param length alphabet characters per value, at least the alphabet's FF1 minimum
   * @return encryptions per wall-clock second
   */
  public static double measure(Alphabet alphabet, int length, int iterations) {
    return iterations / (timed(alphabet, length, iterations)[0] / 1e9);
  }

  /**
   * As {@link #measure}, but per second of the calling thread's CPU time, so other load on the
   * machine does not count; falls back to wall-clock time where the JVM cannot measure CPU time.
   */
  public static double measurePerCpuSecond(Alphabet alphabet, int length, int iterations) {
    return iterations / (timed(alphabet, length, iterations)[1] / 1e9);
  }

  /** Nanoseconds of wall-clock and of CPU time for the timed run. */
  private static long[] timed(Alphabet alphabet, int length, int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException(
          "Invalid iteration count " + iterations + ": must be >= 1");
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    FormatPreservingCipher cipher = new FormatPreservingCipher(key, alphabet);
    if (length < cipher.minLength()) {
      throw new IllegalArgumentException(
          "Invalid length " + length + ": FF1 needs at least " + cipher.minLength() + " here");
    }
    String[] values = randomValues(alphabet, length, new Random(42));
    byte[] tweak = new byte[0];
    run(cipher, values, tweak, iterations);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    run(cipher, values, tweak, iterations);
    long wall = System.nanoTime() - start;
    long cpuTime = cpu ? threads.getCurrentThreadCpuTime() - cpuStart : wall;
    return new long[] {Math.max(wall, 1), Math.max(cpuTime, 1)};
  }

  private static void run(FormatPreservingCipher cipher, String[] values, byte[] tweak, int n) {
    int acc = 0;
    for (int i = 0; i < n; i++) {
      acc += cipher.encrypt(values[i & (POOL - 1)], tweak).charAt(0);
    }
    sink += acc;
  }

  private static String[] randomValues(Alphabet alphabet, int length, Random random) {
    String[] values = new String[POOL];
    for (int i = 0; i < POOL; i++) {
      StringBuilder value = new StringBuilder(length);
      for (int j = 0; j < length; j++) {
        value.appendCodePoint(alphabet.codePointOf(random.nextInt(alphabet.radix())));
      }
      values[i] = value.toString();
    }
    return values;
  }

  /** {@code [length [iterations]]}: digits of the given length (default 11, 2,000,000 runs). */
  public static void main(String[] args) {
    int length = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    long[] nanos = timed(Alphabet.DIGITS, length, iterations);
    System.out.printf(
        "FF1, %d digits, one thread: %.0f values/s wall-clock, %.0f values/s of CPU time%n",
        length, iterations / (nanos[0] / 1e9), iterations / (nanos[1] / 1e9));
  }
}
