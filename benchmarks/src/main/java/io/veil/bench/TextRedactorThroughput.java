package io.veil.bench;

import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.TextRedactor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Measures {@link TextRedactor#redact} on the calling thread, in MB of UTF-8 text per second, over
 * the redact benchmark's notes ({@link NotesGenerator}, the first rows of the timed table): what
 * one core does without Spark's reading, writing and string conversions around it. The notes are
 * redacted one after the other, so the redactor's per-thread cache of the last text never hits.
 *
 * <p>Two figures, as for FF1 ({@link FormatPreservingCipherThroughput}): per wall-clock second and
 * per second of this thread's CPU time; on a shared machine only the second says what a core does.
 */
public final class TextRedactorThroughput {
  /** Keeps the JIT from discarding results it can see are unused. */
  private static volatile int sink;

  private TextRedactorThroughput() {}

  /** The redactor veil_redact(text) uses: every type, each span as its type. */
  public static TextRedactor byType() {
    return new TextRedactor(TextRedactor.Style.TYPE, TextRedactor.TYPES);
  }

  /** The redactor veil_redact(text, 'pseudonym', key) uses, under a random key. */
  public static TextRedactor byPseudonym() {
    return new TextRedactor(
        TextRedactor.TYPES, new Pseudonymizer(KeyMaterial.random(32), "", 20, null));
  }

  /** The notes of rows 0 to {@code count - 1} of the timed table (seed 42). */
  public static String[] notes(int count) {
    String[] notes = new String[count];
    for (int i = 0; i < count; i++) {
      notes[i] = NotesGenerator.note(Benchmark.SEED, i).text();
    }
    return notes;
  }

  /** UTF-8 bytes of {@code notes}. */
  public static long utf8Bytes(String[] notes) {
    long n = 0;
    for (String s : notes) {
      n += s.getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }

  /**
   * Redacts {@code notes} {@code passes} times untimed (warm-up), then {@code passes} times timed.
   *
   * @return MB (10^6 bytes) of UTF-8 text per wall-clock second and per second of CPU time
   */
  public static double[] measure(TextRedactor redactor, String[] notes, int passes) {
    if (passes < 1 || notes.length == 0) {
      throw new IllegalArgumentException("Invalid run: " + passes + " passes over notes");
    }
    double megabytes = utf8Bytes(notes) / 1e6 * passes;
    run(redactor, notes, passes);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    run(redactor, notes, passes);
    long wall = Math.max(1, System.nanoTime() - start);
    long cpuTime = cpu ? Math.max(1, threads.getCurrentThreadCpuTime() - cpuStart) : wall;
    return new double[] {megabytes / (wall / 1e9), megabytes / (cpuTime / 1e9)};
  }

  /**
   * MB per second of CPU time, the median of five {@link #measure}s after {@code warmUpMillis} of
   * this thread's CPU time redacting the notes over and over, and then until two measures in a row
   * agree within 5% (at most 20 more). The finder's code takes long to reach its final compiled
   * form: on a busy 2-core machine a first measure of 20 MB ran at a sixth of the speed of those
   * after 60 MB, and after three seconds of warm-up five measures in a row still ran at a quarter
   * of the speed reached after eight.
   */
  public static double megabytesPerCpuSecond(
      TextRedactor redactor, String[] notes, int passes, long warmUpMillis) {
    warmUp(redactor, notes, warmUpMillis);
    double last = measure(redactor, notes, passes)[1];
    for (int i = 0; i < 20; i++) {
      double now = measure(redactor, notes, passes)[1];
      if (Math.abs(now - last) <= 0.05 * Math.max(now, last)) {
        break;
      }
      last = now;
    }
    double[] m = new double[5];
    for (int i = 0; i < m.length; i++) {
      m[i] = measure(redactor, notes, passes)[1];
    }
    Arrays.sort(m);
    return m[2];
  }

  /**
   * Redacts the notes over and over for {@code millis} of this thread's CPU time (wall-clock time
   * where the JVM cannot measure CPU time).
   */
  public static void warmUp(TextRedactor redactor, String[] notes, long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long end = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) + millis * 1_000_000;
    while ((cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) < end) {
      run(redactor, notes, 1);
    }
  }

  private static void run(TextRedactor redactor, String[] notes, int passes) {
    int acc = 0;
    for (int p = 0; p < passes; p++) {
      for (String note : notes) {
        acc += redactor.redact(note).length();
      }
    }
    sink += acc;
  }

  /**
   * {@code [notes [passes]]}: redact's throughput with = type and pseudonym (2,000 notes, 3), as
   * measured once after a 10-second warm-up.
   */
  public static void main(String[] args) {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String[] notes = notes(count);
    System.out.printf(
        "%,d notes, %.1f MB of UTF-8 text, %d passes, one thread%n",
        count, utf8Bytes(notes) / 1e6, passes);
    for (String style : new String[] {"type", "pseudonym"}) {
      TextRedactor redactor = style.equals("type") ? byType() : byPseudonym();
      warmUp(redactor, notes, 10_000);
      double[] mb = measure(redactor, notes, passes);
      System.out.printf(
          "  redact, with = %-9s %6.1f MB/s wall-clock, %6.1f MB/s of CPU time%n",
          style + ":", mb[0], mb[1]);
    }
  }
}
