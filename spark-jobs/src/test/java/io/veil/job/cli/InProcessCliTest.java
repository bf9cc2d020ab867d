package io.veil.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.job.SampleJob;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as the Python package calls it: exit codes returned, output kept. */
class InProcessCliTest {
  @TempDir static Path dir;

  @Test
  void dryRunAsJsonIsThePlanAndWritesNothing() throws Exception {
    SharedSpark.get();
    String out = dir.resolve("dry").toString();
    InProcessCli cli = new InProcessCli();
    int code =
        cli.run(List.of("run", SampleJob.config(dir, out).toString(), "--dry-run", "--json"));
    assertEquals(0, code, cli::errors);
    JsonNode plan = new ObjectMapper().readTree(cli.output());
    assertEquals(2, plan.size());
    JsonNode customers = plan.get(0);
    assertEquals("customers", customers.get("table").asText());
    assertTrue(customers.get("output").get("path").asText().endsWith("dry/customers"));
    JsonNode phone = null;
    for (JsonNode c : customers.get("columns")) {
      if (c.get("path").asText().equals("phone")) {
        phone = c;
      }
    }
    assertEquals("mask", phone.get("op").asText(), customers::toString);
    assertEquals("string", phone.get("from_type").asText());
    assertTrue(customers.get("kept").toString().contains("country"), customers::toString);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void jsonWithoutDryRunIsBadUsage() {
    InProcessCli cli = new InProcessCli();
    assertEquals(2, cli.run(List.of("run", "job.conf", "--json")));
    assertTrue(cli.errors().startsWith("veil: Option --json of veil run goes with --dry-run"));
  }

  @Test
  void failuresReturnTheirCodeAndMessage() {
    InProcessCli cli = new InProcessCli();
    assertEquals(2, cli.run(List.of("check", dir.resolve("missing.conf").toString())));
    assertTrue(cli.errors().contains("missing.conf"), cli.errors());
    assertEquals("", cli.output());
  }

  @Test
  void errorLinesArePolledOnceEachWhenComplete() {
    InProcessCli cli = new InProcessCli();
    cli.run(List.of("nonsense"));
    String first = cli.pollErrors();
    assertTrue(first.startsWith("veil: Unknown command nonsense"), first);
    assertTrue(first.endsWith("\n"));
    assertEquals("", cli.pollErrors());
    assertEquals(first, cli.errors());
  }

  @Test
  void scansADataFrameAndSuggestsAConfig() throws Exception {
    Dataset<Row> customers =
        SharedSpark.get()
            .read()
            .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
            .select("email", "country");
    InProcessCli cli = new InProcessCli();
    assertEquals(0, cli.scan(customers, "CHANGE-ME/input/people", 200, null, true), cli::errors);
    JsonNode findings = new ObjectMapper().readTree(cli.output());
    assertTrue(findings.toString().contains("\"email\""), findings::toString);
    assertTrue(cli.suggestion().contains("\"CHANGE-ME/input/people\""), cli::suggestion);
    assertTrue(cli.suggestion().contains("preset = email"), cli::suggestion);

    InProcessCli plain = new InProcessCli();
    assertEquals(0, plain.scan(customers, "people", 50, null, false), plain::errors);
    assertNull(plain.suggestion());
    assertEquals(2, new InProcessCli().scan(customers, "people", 0, null, false));
  }
}
