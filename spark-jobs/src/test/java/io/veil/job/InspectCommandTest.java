package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** veil inspect says what was done to each column in words, and in JSON with --json. */
class InspectCommandTest {
  @TempDir static Path dir;
  static String customers;

  @BeforeAll
  static void run() {
    String out = dir.resolve("out").toString();
    Path conf =
        SampleJob.config(
            dir,
            out,
            t ->
                t.replace("name = orders", "name = orders-unused")
                    .replaceAll("(?s),\\s*\\{\\s*name = orders-unused.*?\\n    \\}\\n", "\n"));
    CliRun r = CliRun.of("run", conf.toString(), "--table", "customers");
    assertEquals(0, r.code, r::toString);
    customers = Path.of(out, "customers").toString();
  }

  @Test
  void saysWhatWasDoneInWords() {
    CliRun r = CliRun.of("inspect", customers);
    assertEquals(0, r.code, r::toString);
    assertTrue(
        r.out.contains("mask by class: upper X, lower x, digit n, other kept, uncased letters X"),
        r.out);
    assertTrue(
        r.out.matches(
            "(?s).*email\\s+string\\s+pseudonym, key demo-only-pii v1, prefix user_, 20 hex digits.*"),
        r.out);
    assertTrue(r.out.contains("mask preset phone with *"), r.out);
    assertTrue(r.out.contains("truncate to the year (from date)"), r.out);
    assertTrue(r.out.contains("address.postcode"), r.out);
    assertTrue(r.out.matches("(?s).*customer_id\\s+bigint\\s+kept.*"), r.out);
    assertTrue(r.out.contains("report "), r.out);
  }

  @Test
  void jsonKeepsTheMachineForm() throws Exception {
    CliRun r = CliRun.of("inspect", customers, "--json");
    assertEquals(0, r.code, r::toString);
    JsonNode root = new ObjectMapper().readTree(r.out);
    JsonNode email = null;
    for (JsonNode c : root.get("columns")) {
      if (c.get("column").asText().equals("email")) {
        email = c.get("transforms").get(0);
      }
    }
    assertEquals("pseudonym", email.get("with").asText());
    assertEquals(20, email.get("length").asInt());
    assertEquals("published", root.at("/report/status").asText());
  }
}
