package io.veil.job.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.job.CliRun;
import io.veil.job.SampleJob;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code veil scan} on the committed sample customers, through the CLI as a user runs it. */
class ScanCommandTest {
  @TempDir static Path dir;
  static String customers;
  static CliRun json;
  static Map<String, JsonNode> byColumn = new LinkedHashMap<>();

  @BeforeAll
  static void scanOnce() throws Exception {
    customers = SharedSpark.projectDir().resolve("sample-data/customers").toString();
    json = CliRun.of("scan", customers, "--json");
    assertEquals(0, json.code, json::toString);
    for (JsonNode n : new ObjectMapper().readTree(json.out)) {
      byColumn.put(n.get("column").asText(), n);
    }
  }

  private static String type(String column) {
    JsonNode n = byColumn.get(column);
    assertTrue(n != null, "no finding for " + column + " in " + byColumn.keySet());
    return n.get("type").isNull() ? null : n.get("type").asText();
  }

  @Test
  void findsThePersonalDataOfTheSampleCustomers() {
    assertEquals("person-name", type("name"));
    assertEquals("email", type("email"));
    assertEquals("phone", type("phone"));
    assertEquals("id-card", type("id_card"));
    assertEquals("bank-card", type("card_number"));
    assertEquals("ip-address", type("ip_address"));
    assertEquals("birth-date", type("birth_date"));
    assertEquals("free-text-with-pii", type("notes"));
    assertEquals("phone", type("contacts[].phone"));
  }

  @Test
  void leavesIdsCodesAndWordsAlone() {
    for (String column :
        List.of(
            "customer_id",
            "country",
            "tags[]",
            "signup_ts",
            "salary",
            "contacts[].kind",
            "attributes{}",
            "address.city")) {
      assertNull(type(column), column);
    }
  }

  @Test
  void jsonListsEveryLeafInSchemaOrderWithExactlyFourKeys() {
    assertEquals(
        List.of(
            "customer_id",
            "name",
            "email",
            "phone",
            "id_card",
            "birth_date",
            "signup_ts",
            "salary",
            "card_number",
            "ip_address",
            "address.street",
            "address.city",
            "address.postcode",
            "notes",
            "contacts[].kind",
            "contacts[].phone",
            "tags[]",
            "attributes{}",
            "country"),
        new ArrayList<>(byColumn.keySet()));
    for (JsonNode n : byColumn.values()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("column", "type", "share", "confidence"), keys);
      assertTrue(n.get("share").isNumber() && n.get("confidence").isNumber(), n.toString());
      assertTrue(n.get("share").asDouble() >= 0 && n.get("share").asDouble() <= 1, n.toString());
      assertTrue(
          n.get("confidence").asDouble() >= 0 && n.get("confidence").asDouble() <= 1, n.toString());
      assertTrue(n.get("type").isNull() || n.get("type").isTextual(), n.toString());
    }
    assertEquals(1.0, byColumn.get("email").get("share").asDouble());
    assertTrue(
        byColumn.get("notes").get("share").asDouble() > 0.1
            && byColumn.get("notes").get("share").asDouble() < 0.4);
  }

  /**
   * The sample customers: birth dates alone are nearly unique at k = 5, and direct identifiers
   * (e-mails, phones) are never offered as quasi-identifiers; with an entity, counted per customer.
   */
  @Test
  void quasiIdentifiersAreTheColumnsThatTogetherSingleRowsOut() throws Exception {
    CliRun table = CliRun.of("scan", customers, "--sample", "500", "--quasi-identifiers");
    assertEquals(0, table.code, table::toString);
    assertTrue(table.out.contains("Columns that together single out sampled rows"), table.out);
    assertTrue(
        table.out.matches("(?s).*\n[a-z_.+ ]*birth_date[a-z_.+ ]* +[0-9,]+ +[0-9.]+% +[0-9,]+\n.*"),
        table.out);
    String combos = table.out.substring(table.out.indexOf("Columns that together"));
    for (String direct : List.of("email", "phone", "id_card", "card_number", "customer_id")) {
      assertFalse(combos.contains(direct + " ") || combos.contains(" " + direct), combos);
    }
    for (Row r :
        SharedSpark.get()
            .read()
            .parquet(customers)
            .selectExpr("cast(birth_date as string)", "email", "country")
            .limit(50)
            .collectAsList()) {
      for (int i = 0; i < 2; i++) {
        if (!r.isNullAt(i)) {
          assertFalse(table.out.contains(r.getString(i)), "a value leaked");
        }
      }
    }

    CliRun json =
        CliRun.of(
            "scan",
            customers,
            "--sample",
            "500",
            "--quasi-identifiers",
            "--json",
            "--k",
            "3",
            "--max-columns",
            "2",
            "--entity",
            "country");
    assertEquals(0, json.code, json::toString);
    JsonNode doc = new ObjectMapper().readTree(json.out);
    assertTrue(doc.get("columns").isArray());
    JsonNode q = doc.get("quasi_identifiers");
    assertEquals(3, q.get("k").asInt());
    assertEquals("country", q.get("entity").asText());
    for (JsonNode c : q.get("combinations")) {
      assertTrue(c.get("columns").size() <= 2, c.toString());
      assertTrue(c.get("singled_out").asInt() > 0, c.toString());
    }

    CliRun wrong = CliRun.of("scan", customers, "--k", "3");
    assertEquals(2, wrong.code, wrong::toString);
    assertTrue(wrong.err.contains("go with --quasi-identifiers"), wrong.err);
    CliRun noEntity =
        CliRun.of("scan", customers, "--quasi-identifiers", "--entity", "tags[]", "--sample", "50");
    assertEquals(2, noEntity.code, noEntity::toString);
    assertTrue(noEntity.err.contains("names no column with one value per row"), noEntity.err);
  }

  @Test
  void theTableShowsTypesSharesAndConfidenceButNoValue() {
    CliRun table = CliRun.of("scan", customers, "--sample", "500");
    assertEquals(0, table.code, table::toString);
    assertTrue(table.out.contains("500 of 2,000 rows sampled"), table.out);
    assertTrue(table.out.matches("(?s).*column +type +share +confidence +details.*"), table.out);
    assertTrue(
        table.out.matches(
            "(?s).*\\nnotes +free-text-with-pii +[0-9.]+% +[01]\\.\\d\\d +embeds email \\d+, phone \\d+.*"),
        table.out);
    assertTrue(table.out.matches("(?s).*\\ncustomer_id +- +0\\.0% +1\\.00 .*"), table.out);
    // The street lines of US and British customers are addresses; written in a note-like column,
    // they make it free text with personal data.
    assertTrue(
        table.out.matches(
            "(?s).*\\naddress\\.street +free-text-with-pii .*embeds postal-address.*"),
        table.out);
    assertTrue(table.out.contains("10 of 19 columns hold personal data"), table.out);
    for (Row r :
        SharedSpark.get()
            .read()
            .parquet(customers)
            .select("email", "phone", "name")
            .limit(50)
            .collectAsList()) {
      for (int i = 0; i < 3; i++) {
        if (!r.isNullAt(i)) {
          assertFalse(
              table.out.contains(r.getString(i)) || table.err.contains(r.getString(i)),
              "a value leaked");
        }
      }
    }
  }

  @Test
  void theHtmlPageListsFindingsAndCombinationsButNoValue() throws Exception {
    Path page = dir.resolve("scan.html");
    CliRun scan =
        CliRun.of(
            "scan", customers, "--sample", "500", "--quasi-identifiers", "--html", page.toString());
    assertEquals(0, scan.code, scan::toString);
    assertTrue(scan.out.contains("Wrote the findings as a page to " + page), scan.out);
    String html = Files.readString(page);
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<code>contacts[].phone</code>"), html);
    assertTrue(html.contains(">free-text-with-pii</span>"), html);
    assertTrue(html.contains("10 of 19 columns hold personal data."), html);
    assertTrue(html.contains(">Columns that single out sampled rows</h2>"), html);
    assertFalse(html.contains("http"), "nothing from elsewhere");
    for (Row r :
        SharedSpark.get()
            .read()
            .parquet(customers)
            .select("email", "phone", "name")
            .limit(50)
            .collectAsList()) {
      for (int i = 0; i < 3; i++) {
        if (!r.isNullAt(i)) {
          assertFalse(html.contains(r.getString(i)), "a value leaked");
        }
      }
    }
  }

  @Test
  void theSuggestedConfigPassesCheckWithoutAnyKey() throws Exception {
    Path file = dir.resolve("suggested.conf");
    CliRun scan = CliRun.of("scan", customers, "--suggest", file.toString());
    assertEquals(0, scan.code, scan::toString);
    String text = Files.readString(file);
    assertTrue(text.contains("unlisted-columns = fail"), text);
    assertTrue(text.contains("source = \"env:VEIL_KEY_PII_V1\""), text);
    assertTrue(text.contains("input { path = \"" + customers + "\", format = parquet }"), text);
    assertTrue(text.contains("email { op = mask, preset = email }"), text);
    assertTrue(text.contains("\"contacts[].phone\" { op = mask, preset = phone }"), text);
    assertTrue(text.contains("birth_date { op = truncate, unit = year }"), text);
    assertTrue(text.contains("notes { op = redact }"), text);
    assertTrue(text.contains("customer_id = keep"), text);
    assertFalse(
        text.contains("with = pseudonym, key = pii }   #"), "no keyed op without --key-source");

    CliRun check = CliRun.of("check", file.toString());
    assertEquals(0, check.code, check::toString);
    assertTrue(check.out.contains("ok  customers: 10 transformed, 6 kept, 0 dropped"), check.out);
  }

  @Test
  void withAKeySourceNamesAndEmailsGetPseudonymsAndCheckStillPasses() throws Exception {
    Path file = dir.resolve("keyed.conf");
    String key = "file:" + SampleJob.standInKeys(dir).resolve("demo-only-pii.key");
    CliRun scan =
        CliRun.of("scan", customers, "--json", "--suggest", file.toString(), "--key-source", key);
    assertEquals(0, scan.code, scan::toString);
    assertTrue(scan.out.startsWith("["), "stdout stays pure JSON: " + scan.out);
    assertTrue(scan.err.contains("Wrote a suggested job config to " + file), scan.err);
    String text = Files.readString(file);
    assertTrue(text.contains("name { op = replace, with = pseudonym, key = pii }"), text);
    assertTrue(text.contains("email { op = replace, with = pseudonym, key = pii }"), text);
    assertTrue(text.contains("source = \"" + key + "\""), text);
    CliRun check = CliRun.of("check", file.toString());
    assertEquals(0, check.code, check::toString);
  }

  @Test
  void usageListsScan() {
    CliRun help = CliRun.of("--help");
    assertTrue(help.out.contains("scan PATH [--sample N] [--json] [--suggest FILE]"), help.out);
  }

  @Test
  void badArgumentsExitTwoBeforeReadingAnything() throws Exception {
    Path existing = Files.writeString(dir.resolve("existing.conf"), "# mine\n");
    String[][] cases = {
      {"scan"},
      {"scan", customers, "--sample", "0"},
      {"scan", customers, "--format", "xml"},
      {"scan", customers, "--key-source", "env:X"},
      {
        "scan", customers, "--suggest", dir.resolve("k.conf").toString(), "--key-source", "c2VjcmV0"
      },
      {"scan", customers, "--suggest", existing.toString()},
      {"scan", customers, "--html", existing.toString()},
      {
        "scan",
        customers,
        "--html",
        dir.resolve("same").toString(),
        "--suggest",
        dir.resolve("same").toString()
      },
      {"scan", customers, "--bogus"},
      {"scan", dir.resolve("no-such-table").toString()},
    };
    for (String[] args : cases) {
      CliRun r = CliRun.of(args);
      assertEquals(2, r.code, () -> String.join(" ", args) + "\n" + r);
      assertTrue(r.err.startsWith("veil: "), r::toString);
    }
    assertEquals("# mine\n", Files.readString(existing));
    assertFalse(Files.exists(dir.resolve("k.conf")));
    assertFalse(
        CliRun.of(
                "scan",
                customers,
                "--suggest",
                dir.resolve("k.conf").toString(),
                "--key-source",
                "c2VjcmV0")
            .err
            .contains("c2VjcmV0"),
        "key-like text is never echoed");
  }

  /** Issue 19, finding 7: a scan of a corrupt table said only "details are in the Spark logs". */
  @Test
  void aScanOfACorruptTableNamesTheFileAndSparksCondition() throws Exception {
    Path table = dir.resolve("corrupt");
    SharedSpark.get().read().parquet(customers).write().parquet(table.toString());
    Path victim;
    try (var files = Files.walk(table)) {
      victim =
          files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
    }
    byte[] whole = Files.readAllBytes(victim);
    Files.write(victim, java.util.Arrays.copyOf(whole, whole.length / 2));
    Files.deleteIfExists(victim.resolveSibling("." + victim.getFileName() + ".crc"));
    CliRun r = CliRun.of("scan", table.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains("Cannot scan " + table + " as parquet: Spark reported FAILED_READ_FILE"),
        r.err);
    assertTrue(r.err.contains(victim.getFileName().toString()), r.err);
    assertFalse(r.err.contains("details are in the Spark logs"), r.err);
  }
}
