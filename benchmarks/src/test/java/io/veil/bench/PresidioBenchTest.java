package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's line from presidio_bench.py's figures. */
class PresidioBenchTest {
  @Test
  void theLineGivesEachRateAndTheirRatio() {
    String json =
        "{\"cores\": 2, \"master\": \"local[2]\", \"driver_memory\": \"6026m\","
            + " \"mb_per_s_per_core\": {\"copy@notes\": 80.0,"
            + " \"copy@sample\": 1.5, \"presidio@sample\": 0.05, \"veil_redact@notes\": 20.0,"
            + " \"veil_redact@sample\": 1.0}, \"notes_bytes\": 171114309, \"notes_rows\": 100000,"
            + " \"phones\": false, \"presidio_analyzer\": \"2.2.366\", \"presidio_anonymizer\":"
            + " \"2.2.366\", \"pyspark\": \"4.1.1\", \"recognizers\": [\"EmailRecognizer\","
            + " \"IpRecognizer\"], \"sample_bytes\": 1700000, \"sample_rows\": 1000, \"seconds\":"
            + " {\"presidio@sample\": [17.0, 16.0, 18.5]}}";
    List<String> lines = PresidioBench.lines(json);
    assertEquals(1, lines.size());
    String line = lines.get(0);
    assertTrue(
        line.startsWith("Presidio (presidio-analyzer 2.2.366, its 2 pattern recognizers"), line);
    assertTrue(line.contains("pandas UDF on PySpark 4.1.1, local[2], driver heap 6026m)"), line);
    assertTrue(
        line.contains("on the first 1,000 notes (1.70 MB of text): 0.050 MB/s per core"), line);
    assertTrue(line.contains("(median 17.00 s)"), line);
    assertTrue(line.contains("20.0 MB/s per core on all 100,000 notes (171.1 MB)"), line);
    assertTrue(line.contains("**400x Presidio** (all notes; 20x on the sample)"), line);
  }
}
