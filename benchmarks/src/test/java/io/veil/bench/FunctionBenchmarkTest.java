package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end (its variants agree with each other: {@code Utf8FunctionTest}). */
class FunctionBenchmarkTest {

  @Test
  void runsEveryVariantAndReportsMedians() {
    List<FunctionBenchmark.Timing> timings = FunctionBenchmark.run(SharedSpark.get(), 2_000, 1);
    assertEquals(12, timings.size());
    for (FunctionBenchmark.Timing t : timings) {
      assertEquals(2_000, t.rows());
      assertEquals(1, t.millis().size());
      assertTrue(t.medianMillis() >= 0 && t.medianCpuMillis() >= 0, t.toString());
    }
    String table = FunctionBenchmark.format(timings);
    assertTrue(table.startsWith("2,000 rows, local[2]; median of 1 runs"), table);
    assertEquals(
        new FunctionBenchmark.Timing("x", 10, List.of(5L, 1L, 9L), List.of(2L, 8L, 4L))
            .medianMillis(),
        5);
  }
}
