package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost model scales each job's core-seconds to a terabyte of the table it reads. */
class CostModelTest {
  @Test
  void scalesEachJobToATerabyteOfItsTable() {
    List<Benchmark.Result> results =
        List.of(
            new Benchmark.Result("copy", "all", null, new double[] {9, 10, 11}),
            new Benchmark.Result("veil mask", "name", null, new double[] {15, 16, 14}),
            new Benchmark.Result("copy notes", "notes", null, new double[] {1}),
            new Benchmark.Result("veil redact (type)", "notes", null, new double[] {4}));
    List<String> lines =
        CostModel.lines(
            results,
            Map.of("copy", 1_000_000_000L),
            Map.of("copy", 10_000_000L),
            Map.of("veil mask", "copy", "veil redact (type)", "copy notes"),
            2);
    // 1 TB is 1,000 times the table: 10 s on 2 cores is 20,000 core-seconds, 5.6 core-hours.
    assertEquals(
        List.of(
            "Cost of 1 TB shaped like the table of `copy` (100 bytes a row as written here, 10.0"
                + " billion rows), in core-hours: copy 5.6; veil mask 8.3 (1.50x)."),
        lines);
  }
}
