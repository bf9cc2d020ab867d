package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.Masker;
import io.veil.spark.SparkMaskCompatibilityTest;
import java.util.List;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end, and its ScalarFunction variants compute what the UDFs do. */
class FunctionBenchmarkTest {

  @Test
  void runsEveryVariantAndReportsMedians() {
    List<FunctionBenchmark.Timing> timings = FunctionBenchmark.run(SqlTestKeys.session(), 2_000, 1);
    assertEquals(6, timings.size());
    for (FunctionBenchmark.Timing t : timings) {
      assertEquals(2_000, t.rows());
      assertEquals(1, t.millis().size());
      assertTrue(t.medianMillis() >= 0 && t.medianCpuMillis() >= 0, t.toString());
    }
    String table = FunctionBenchmark.format(timings);
    assertTrue(table.startsWith("2,000 rows, local[2]; median of 1 runs"), table);
    assertEquals(new FunctionBenchmark.Timing("x", 10, List.of(5L, 1L, 9L), List.of(2L, 8L, 4L)).medianMillis(), 5);
  }

  @Test
  void scalarFunctionVariantsMaskAsTheUdfsDo() {
    Masker positional = Masker.positional(3, 4, '*');
    Masker classes = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    for (String s : SparkMaskCompatibilityTest.randomStrings(500, 3)) {
      UTF8String u = UTF8String.fromString(s);
      assertEquals(positional.mask(s), FunctionBenchmark.PositionalMask.invoke(u, 3, 4, '*').toString());
      assertEquals(classes.mask(s),
          FunctionBenchmark.ClassMask.invoke(u, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER).toString());
    }
  }
}
