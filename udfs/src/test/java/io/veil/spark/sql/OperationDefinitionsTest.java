package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.veil.op.Parameter;
import io.veil.spark.op.OperationDefinition;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Walks the one list of operations: each has its config docs (its parameters in the docs'
 * operations table, its defaults in reference.conf among its parameters), SQL functions whose
 * documented examples run and give their results where it has any, and a metadata record that reads
 * back to the same settings. Adding an op without these fails here.
 */
class OperationDefinitionsTest {
  static final Path PROJECT =
      Paths.get(System.getProperty("veil.project.dir", "..")).toAbsolutePath().normalize();

  /** One rule of each form of each op, as the metadata records them after binding. */
  static final List<Map<String, Object>> RECORDS =
      List.of(
          record("op", "mask", "char", "*", "keep-first", 3L, "keep-last", 4L),
          record("op", "mask", "char", "#", "preset", "id-card"),
          record(
              "op",
              "mask",
              "keep-first",
              0L,
              "keep-last",
              0L,
              "upper",
              "X",
              "lower",
              "x",
              "digit",
              "n",
              "other",
              null,
              "letter",
              "X"),
          record("op", "truncate", "keep-first", 1L, "keep-last", 0L, "on-invalid", "mask"),
          record("op", "truncate", "unit", "year"),
          record("op", "truncate", "width", "10000"),
          record(
              "op",
              "shift",
              "key",
              "pii",
              "key_version",
              1L,
              "by",
              "patient.id",
              "min-days",
              1L,
              "max-days",
              365L,
              "unit",
              "days"),
          record(
              "op",
              "unshift",
              "key",
              "pii",
              "key_version",
              2L,
              "by",
              "patient_id",
              "min-days",
              7L,
              "max-days",
              30L,
              "unit",
              "seconds",
              "on-invalid",
              "null"),
          record(
              "op",
              "noise",
              "key",
              "pii",
              "key_version",
              1L,
              "distribution",
              "laplace",
              "scale",
              "500",
              "by",
              "patient_id",
              "min",
              "0",
              "round-to",
              "10"),
          record(
              "op",
              "noise",
              "key",
              "pii",
              "key_version",
              3L,
              "distribution",
              "gaussian",
              "relative",
              "0.05"),
          record("op", "generalize", "bands", "0,18,25,35,50,65", "labels", true),
          record(
              "op",
              "generalize",
              "bands",
              "0,18,30.5",
              "labels",
              false,
              "reference-date",
              "2026-01-01",
              "on-invalid",
              "null"),
          record("op", "generalize", "keep-first", 3L),
          record("op", "generalize", "hierarchy", "conf/zip.csv", "separator", ";", "level", 2L),
          record(
              "op",
              "redact",
              "with",
              "type",
              "types",
              "email,phone,id-card,bank-card,iban,ip-address"),
          record(
              "op",
              "redact",
              "with",
              "pseudonym",
              "key",
              "pii",
              "key_version",
              1L,
              "types",
              "email"),
          record("op", "replace", "with", "null"),
          record(
              "op",
              "replace",
              "with",
              "pseudonym",
              "key",
              "pii",
              "key_version",
              2L,
              "prefix",
              "user_",
              "length",
              24L),
          record(
              "op",
              "replace",
              "with",
              "pseudonym",
              "key",
              "pii",
              "key_version",
              1L,
              "prefix",
              "",
              "length",
              20L,
              "context",
              "crm.email"),
          record(
              "op",
              "replace",
              "with",
              "fake",
              "dictionary",
              "city",
              "key",
              "pii",
              "key_version",
              1L),
          record(
              "op",
              "replace",
              "with",
              "regex",
              "pattern",
              "(?<=[.:])[0-9A-Fa-f]+$",
              "replacement",
              "0"),
          record(
              "op",
              "encrypt",
              "mode",
              "randomized",
              "envelope",
              "veil",
              "encoding",
              "base64",
              "context",
              "customers.name",
              "key",
              "pii",
              "key_version",
              1L),
          record(
              "op",
              "encrypt",
              "mode",
              "deterministic",
              "envelope",
              "veil",
              "encoding",
              "binary",
              "context",
              null,
              "key",
              "pii_siv",
              "key_version",
              3L),
          record(
              "op",
              "encrypt",
              "mode",
              "format-preserving",
              "alphabet",
              "digits",
              "context",
              "customers.phone",
              "key",
              "pii",
              "key_version",
              1L),
          record(
              "op",
              "decrypt",
              "mode",
              "randomized",
              "envelope",
              "spark",
              "encoding",
              "base64",
              "context",
              null,
              "key",
              "pii",
              "key_version",
              1L),
          record(
              "op",
              "rekey",
              "mode",
              "format-preserving",
              "alphabet",
              "hex",
              "context",
              "t.c",
              "key",
              "pii",
              "key_version",
              4L),
          record("op", "keep"),
          record("op", "drop"));

  private static Map<String, Object> record(Object... pairs) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      r.put((String) pairs[i], pairs[i + 1]);
    }
    return r;
  }

  @Test
  void everyRecordReadsBackToTheSameSettings() {
    for (Map<String, Object> r : RECORDS) {
      OperationSettings s = Operations.fromRecord(r);
      assertNotNull(s, r::toString);
      Map<String, Object> again = new LinkedHashMap<>(s.record());
      again.replaceAll((k, v) -> v instanceof Integer ? Long.valueOf((Integer) v) : v);
      assertEquals(r, again);
      assertEquals(s, Operations.fromRecord(again));
      assertFalse(s.inWords().isBlank());
    }
    for (OperationDefinition d : Operations.all()) {
      assertTrue(
          RECORDS.stream().anyMatch(r -> r.get("op").equals(d.name())), "no record of " + d.name());
    }
  }

  @Test
  void everyOpAndParameterIsInTheDocsOperationsTable() throws IOException {
    String page = Files.readString(PROJECT.resolve("docs/operations.md"));
    for (OperationDefinition d : Operations.all()) {
      List<String> rows =
          page.lines()
              .filter(
                  l ->
                      l.startsWith("| `" + d.name() + "`")
                          || l.startsWith("| `drop`, `keep`")
                              && List.of("drop", "keep").contains(d.name()))
              .toList();
      assertFalse(rows.isEmpty(), "docs/operations.md has no row for " + d.name());
      String text = String.join("\n", rows);
      for (Parameter p : d.parameters()) {
        assertTrue(
            text.contains("`" + p.name()) || page.contains("`" + p.name() + "`"),
            d.name() + "'s parameter " + p.name() + " is not in docs/operations.md");
      }
    }
  }

  @Test
  void everyDefaultInReferenceConfIsAParameterOfItsOp() {
    Config reference =
        ConfigFactory.parseFile(
            PROJECT.resolve("spark-jobs/src/main/resources/reference.conf").toFile());
    for (String op : reference.getObject("veil.op-defaults").keySet()) {
      OperationDefinition d =
          Operations.named(op).orElseThrow(() -> new AssertionError("op-defaults." + op));
      for (String name : reference.getObject("veil.op-defaults." + op).keySet()) {
        assertTrue(
            d.parameters().stream().anyMatch(p -> p.name().equals(name)),
            "op-defaults." + op + "." + name);
      }
    }
  }

  /** VeilFunctionsTest runs every function's examples against their documented results. */
  @Test
  void everyFunctionAppliesAnOpAndDocumentsExamples() {
    List<String> opsWithFunctions = new ArrayList<>();
    for (VeilFunction f : VeilFunctions.all()) {
      assertTrue(Operations.named(f.operation()).isPresent(), f.name() + " applies no known op");
      opsWithFunctions.add(f.operation());
      assertFalse(
          VeilFunctionsTest.examples(f.info()).isEmpty(), f.name() + " documents no example");
    }
    for (String op : List.of("mask", "truncate", "replace", "encrypt", "decrypt")) {
      assertTrue(opsWithFunctions.contains(op), op + " has no SQL function");
    }
  }

  @Test
  void everyFunctionIsInTheDocsFunctionTable() throws IOException {
    String page = Files.readString(PROJECT.resolve("docs/sql-functions.md"));
    for (VeilFunction f : VeilFunctions.all()) {
      assertTrue(
          page.lines()
              .anyMatch(
                  l -> l.startsWith("| `" + f.name() + "(") || l.contains("`, `" + f.name() + "(")),
          "docs/sql-functions.md has no row for " + f.name());
    }
  }
}
