package io.veil.job.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeySource;
import io.veil.spark.ColumnPath;
import io.veil.spark.UnlistedColumns;
import io.veil.spark.op.EncryptionSettings;
import io.veil.spark.op.MaskDefinition;
import io.veil.spark.op.ReplaceDefinition;
import io.veil.spark.op.TruncateDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigLoaderTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path f = dir.resolve("job.conf");
    Files.writeString(f, text);
    return f;
  }

  private List<String> problems(String text) throws IOException {
    Path f = write(text);
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> JobConfigLoader.load(f));
    return e.problems().stream()
        .map(p -> p.toString().replace(f.toString(), "job.conf"))
        .collect(Collectors.toList());
  }

  private static final String HEADER =
      "veil {\n" // 1
          + "  keys { pii = \"env:VEIL_TEST_KEY\" }\n" // 2
          + "  tables = [{\n" // 3
          + "    name = customers\n" // 4
          + "    input { path = in, format = parquet }\n" // 5
          + "    output { path = out }\n" // 6
          + "    columns {\n"; // 7 -> columns start on line 8
  private static final String FOOTER = "    }\n  }]\n}\n";

  @Test
  void loadsSampleConfig() {
    Path sample = Paths.get(System.getProperty("veil.project.dir", "../"), "conf", "sample.conf");
    JobConfig c = JobConfigLoader.load(sample);
    assertEquals(
        List.of("customers", "orders"),
        c.tables().stream().map(TableConfig::name).collect(Collectors.toList()));
    TableConfig customers = c.tables().get(0);
    assertEquals(UnlistedColumns.FAIL, customers.unlisted());
    assertEquals("input", customers.compression());
    assertNull(customers.partitionBy());
    assertTrue(
        customers.rules().stream()
            .anyMatch(r -> r.path().equals(ColumnPath.parse("address.city"))));
    assertTrue(c.digest().startsWith("sha256:"));
    assertEquals(
        KeySource.Kind.FILE, c.keys().get("demo-only-pii").versions().get(0).source().kind());
  }

  @Test
  void appliesDefaultsFromReferenceConf() throws IOException {
    JobConfig c =
        JobConfigLoader.load(
            write(
                HEADER
                    + "      phone { op = mask }\n"
                    + "      email { op = replace, with = pseudonym, key = pii }\n"
                    + FOOTER));
    TableConfig t = c.tables().get(0);
    assertEquals(TableConfig.OutputMode.ERROR_IF_EXISTS, t.outputMode());
    assertEquals("parquet", t.inputFormat());
    MaskDefinition.Positional mask = (MaskDefinition.Positional) settingsOf(t, "phone");
    assertEquals('*', mask.maskChar());
    assertEquals(0, mask.keepFirst());
    ReplaceDefinition.Pseudonym pseudonym = (ReplaceDefinition.Pseudonym) settingsOf(t, "email");
    assertEquals(20, pseudonym.length());
    assertEquals("", pseudonym.prefix());
    assertEquals(
        "job.conf:8",
        t.rules().get(0).where().replace(dir.resolve("job.conf").toString(), "job.conf"));
  }

  /** None of these has a default in code: all come from reference.conf. */
  @Test
  void privacyAndEncryptionDefaultsComeFromReferenceConf() throws IOException {
    JobConfig c =
        JobConfigLoader.load(
            write(
                HEADER
                    + "      card { op = encrypt, key = pii }\n"
                    + "      pan { op = encrypt, key = pii, mode = format-preserving, context = none }\n"
                    + FOOTER));
    TableConfig t = c.tables().get(0);
    assertEquals(5, t.privacy().k());
    assertFalse(t.privacy().suppress());
    assertEquals("report", t.privacy().leakCheck());
    assertEquals("randomized", ((EncryptionSettings) settingsOf(t, "card")).mode());
    assertEquals("digits", ((EncryptionSettings) settingsOf(t, "pan")).alphabet());
  }

  private static Object settingsOf(TableConfig t, String column) {
    return t.rules().stream()
        .filter(r -> r.path().toString().equals(column))
        .findFirst()
        .orElseThrow()
        .settings();
  }

  @Test
  void reportsEveryProblemWithItsLine() throws IOException {
    List<String> p =
        problems(
            HEADER
                + "      a { op = mask2 }\n" // 8
                + "      b { op = mask, keep_first = 3 }\n" // 9
                + "      c { op = mask, keep-first = abc }\n" // 10
                + "      d { op = replace, with = pseudonym }\n" // 11
                + "      e { op = replace, with = pseudonym, key = nokey }\n" // 12
                + "      f { op = mask, preset = email, keep-first = 1 }\n" // 13
                + "      g { op = truncate, unit = year, width = 10 }\n" // 14
                + "      h { op = truncate, unit = week }\n" // 15
                + "      i { op = replace, with = regex, pattern = \"(\", replacement = x }\n" // 16
                + "      j { op = mask, char = \"**\" }\n" // 17
                + "      k { keep = true }\n" // 18
                + FOOTER);
    assertEquals(
        List.of(
            "job.conf:8: mask2 is not a valid op in column a of table customers. Accepted values are "
                + String.join(", ", io.veil.spark.op.Operations.names())
                + ".",
            "job.conf:9: Unknown parameter for op mask 'keep_first' in column b of table customers. Accepted: char, digit, keep-first, keep-last, letter, lower, op, other, preset, upper.",
            "job.conf:10: Invalid 'keep-first' in column c of table customers: expected a whole number, got a string.",
            "job.conf:11: Missing 'key' in column d of table customers.",
            "job.conf:12: Unknown key 'nokey' in column e of table customers. Defined keys: pii.",
            "job.conf:13: Invalid mask in column f of table customers: preset cannot be combined with keep-first, keep-last or character classes.",
            "job.conf:14: Invalid truncate in column g of table customers: give exactly one of keep-first/keep-last (strings), unit (dates, timestamps) or width (numbers).",
            "job.conf:15: week is not a valid unit in column h of table customers. Accepted values are year, month, day, hour.",
            "job.conf:16: Invalid regex pattern: Unclosed group (in column i of table customers).",
            "job.conf:17: Invalid 'char' in column j of table customers: expected exactly one character.",
            "job.conf:18: Missing 'op' in column k of table customers."),
        p);
  }

  @Test
  void malformedHocon() throws IOException {
    List<String> p = problems("veil {\n  tables = [\n    { name = x\n}\n");
    assertEquals(1, p.size());
    assertTrue(p.get(0).startsWith("job.conf:"), p.get(0));
    assertTrue(p.get(0).contains("Invalid HOCON"), p.get(0));
  }

  /** Issue 24: catalog tables in and out, by name, with the output's format. */
  @Test
  void catalogTablesInAndOut() throws IOException {
    JobConfig c =
        JobConfigLoader.load(
            write(
                "veil { tables = [{ name = t, input { table = \"raw.customers\" },"
                    + " output { table = \"lake.anon.`customers`\", format = iceberg },"
                    + " columns { x = keep } }] }"));
    TableConfig t = c.tables().get(0);
    assertEquals("raw.customers", t.inputTable());
    assertNull(t.inputPath());
    assertEquals("lake.anon.`customers`", t.outputTable());
    assertNull(t.outputPath());
    assertEquals("iceberg", t.outputFormat());
    assertEquals("table lake.anon.`customers`", t.output());

    TableConfig path =
        JobConfigLoader.load(
                write(
                    "veil { tables = [{ name = t, input { path = a }, output { path = b },"
                        + " columns { x = keep } }] }"))
            .tables()
            .get(0);
    assertEquals("parquet", path.outputFormat(), "a path output is Parquet, as before");
    assertNull(path.outputTable());

    assertEquals(
        List.of(
            "job.conf:1: Invalid output of table t: it sets both path and table; give a path (a"
                + " directory of files) or a catalog table, not both.",
            "job.conf:1: Invalid 'replace-foreign' in output of table t: it applies to"
                + " output.path; a catalog table is replaced only with mode = overwrite."),
        problems(
            "veil { tables = [{ name = t, input { path = a }, output { path = b, table = c,"
                + " format = delta, replace-foreign = true }, columns { x = keep } }] }"));
  }

  @Test
  void unknownSettingsAtEveryLevel() throws IOException {
    List<String> p =
        problems(
            "vail { }\n"
                + "veil {\n"
                + "  tabels = []\n"
                + "  keys { pii = \"env:X\" }\n"
                + "  table-defaults { unlisted-column = keep }\n"
                + "  tables = [{ name = t, input { path = a, fromat = csv }, output { path = b }, columns { x = keep }, colums {} }]\n"
                + "}\n");
    assertEquals(
        List.of(
            "job.conf:1: Unknown top-level key 'vail' in the config file. Accepted: veil.",
            "job.conf:3: Unknown setting 'tabels' in veil. Accepted: keys, op-defaults, run, table-defaults, tables.",
            "job.conf:5: Unknown setting 'unlisted-column' in veil.table-defaults. Accepted: enforce, entity, hierarchies, input, k, l, l-diversity, leak-check, max-suppressed, on-invalid, output, quasi-identifiers, sensitive, t, unlisted-columns.",
            "job.conf:6: Unknown setting 'colums' in table t. Accepted: columns, enforce, entity, hierarchies, input, k, l, l-diversity, leak-check, max-suppressed, name, on-invalid, output, quasi-identifiers, sensitive, t, unlisted-columns.",
            "job.conf:6: Unknown setting 'fromat' in input of table t. Accepted: format, options, path, table."),
        p);
  }

  @Test
  void keySourcesAreValidatedWithoutEchoingThem() throws IOException {
    List<String> p =
        problems(
            "veil {\n"
                + "  keys {\n"
                + "    a = \"c2VjcmV0LWtleS1ieXRlcw==\"\n"
                + "    b { versions = [{ version = 1, source = \"env:B\" }], primary = 2 }\n"
                + "    c { versions = [] }\n"
                + "  }\n"
                + "  tables = [{ name = t, input { path = a }, output { path = b }, columns { x = keep } }]\n"
                + "}\n");
    assertEquals(3, p.size(), p::toString);
    assertTrue(
        p.get(0).startsWith("job.conf:3: Invalid key source: expected one of env:NAME"), p.get(0));
    assertTrue(
        p.stream().noneMatch(s -> s.contains("c2VjcmV0")), "the inline secret must not be echoed");
    assertTrue(
        p.get(1)
            .startsWith("job.conf:4: Invalid key b: primary version 2 is not among its versions"),
        p.get(1));
    assertTrue(p.get(2).startsWith("job.conf:5: Invalid key c: expected versions"), p.get(2));
  }

  /** Issue 20, finding 12: a key version may be marked compromised, with true or false. */
  @Test
  void keyHygieneAVersionMayBeMarkedCompromised() throws IOException {
    String tables =
        "  tables = [{ name = t, input { path = a }, output { path = b }, columns { x = keep } }]\n}\n";
    JobConfig c =
        JobConfigLoader.load(
            write(
                "veil {\n  keys {\n"
                    + "    a { versions = [{ version = 1, source = \"env:A1\", compromised = true },"
                    + " { version = 2, source = \"env:A2\" }], primary = 2 }\n  }\n"
                    + tables));
    List<KeyConfig.Version> versions = c.keys().get("a").versions();
    assertEquals(
        List.of(true, false), versions.stream().map(KeyConfig.Version::compromised).toList());
    List<String> p =
        problems(
            "veil {\n  keys {\n"
                + "    a { versions = [{ version = 1, source = \"env:A1\", compromised = yes-please }], primary = 1 }\n  }\n"
                + tables);
    assertEquals(
        List.of(
            "job.conf:3: Invalid 'compromised' in a version of key a: expected true or false, got a"
                + " string."),
        p);
  }

  @Test
  void missingFileAndMissingTables() throws IOException {
    InvalidConfigException e =
        assertThrows(
            InvalidConfigException.class, () -> JobConfigLoader.load(dir.resolve("nope.conf")));
    assertTrue(
        e.getMessage().contains("nope.conf: Cannot read config: no such file"), e.getMessage());
    List<String> p = problems("veil { }\n");
    assertEquals(
        List.of("job.conf:1: Missing tables: veil.tables lists no table to anonymize."),
        p.stream()
            .map(s -> s.replaceFirst("reference.conf:\\d+", "job.conf:1"))
            .collect(Collectors.toList()));
  }

  @Test
  void nestedGroupsAndShorthands() throws IOException {
    JobConfig c =
        JobConfigLoader.load(
            write(
                HEADER
                    + "      address { city = keep, street { op = mask } }\n"
                    + "      \"contacts[].phone\" = drop\n"
                    + "      \"`odd.name`\" = keep\n"
                    + FOOTER));
    List<String> paths =
        c.tables().get(0).rules().stream()
            .map(r -> r.path().toString())
            .collect(Collectors.toList());
    assertEquals(
        List.of("address.city", "address.street", "contacts[].phone", "`odd.name`"), paths);
  }

  @Test
  void aRepeatedColumnKeyIsRefusedNotMerged() throws IOException {
    // HOCON lets the later key win: the e-mails would be published in clear.
    List<String> p =
        problems(
            HEADER
                + "      email { op = replace, with = pseudonym, key = pii }\n" // 8
                + "      phone { op = mask }\n" // 9
                + "      email = keep\n" // 10
                + FOOTER);
    assertEquals(
        List.of(
            "job.conf:10: Invalid column email of table customers: it is ruled twice"
                + " (job.conf:8 and job.conf:10); a repeated key would let the later rule win."),
        p);
  }

  @Test
  void aRuleSplitOverTwoBlocksOrPathsIsRuledTwice() throws IOException {
    List<String> p =
        problems(
            HEADER
                + "      email { op = mask }\n" // 8
                + "      email { preset = email }\n" // 9
                + "      address.city = keep\n" // 10
                + "      address { city = drop }\n" // 11
                + "      phone.op = mask\n" // 12
                + "      phone.keep-last = 4\n" // 13
                + FOOTER);
    assertEquals(
        List.of(
            "job.conf:9: Invalid column email of table customers: it is ruled twice (job.conf:8 and job.conf:9);"
                + " a repeated key would let the later rule win.",
            "job.conf:11: Invalid column address.city of table customers: it is ruled twice (job.conf:10 and"
                + " job.conf:11); a repeated key would let the later rule win.",
            "job.conf:13: Invalid column phone of table customers: it is ruled twice (job.conf:12 and job.conf:13);"
                + " a repeated key would let the later rule win."),
        p);
  }

  @Test
  void oneColumnUnderTwoSpellingsIsRuledTwice() throws IOException {
    List<String> p =
        problems(
            HEADER
                + "      \"address.city\" = keep\n" // 8
                + "      address { city = drop }\n" // 9
                + "      \"`email`\" = keep\n" // 10
                + "      email { op = mask }\n" // 11
                + "      contacts { \"`phone`\" = keep }\n" // 12
                + "      \"contacts.phone\" = drop\n" // 13
                + "      \"`a.b`\" = keep\n" // 14: one column named a.b
                + "      a { b = keep }\n" // 15: field b of column a
                + FOOTER);
    String why = ", under two spellings of its path.";
    assertEquals(
        List.of(
            "job.conf:9: Invalid column address.city of table customers: it is ruled twice (job.conf:8 and job.conf:9)"
                + why,
            "job.conf:11: Invalid column email of table customers: it is ruled twice (job.conf:10 and job.conf:11)"
                + why,
            "job.conf:13: Invalid column contacts.phone of table customers: it is ruled twice (job.conf:12 and job.conf:13)"
                + why),
        p);
  }

  @Test
  void aRepeatedSettingAnywhereInTheJobIsRefused() throws IOException {
    // Problems come in the order of their lines.
    List<String> p =
        problems(
            "veil {\n" // 1
                + "  keys { pii = \"env:A\" }\n" // 2
                + "  tables = [{\n" // 3
                + "    name = customers\n" // 4
                + "    input { path = in }\n" // 5
                + "    output { path = out }\n" // 6
                + "    columns { email { op = replace, with = pseudonym, key = pii, key = pii } }\n" // 7
                + "    output { path = other, mode = overwrite }\n" // 8
                + "  }]\n" // 9
                + "}\n" // 10
                + "veil.keys.pii = \"env:B\"\n"); // 11
    assertEquals(
        List.of(
            "job.conf:7: Invalid 'key' in column email of table customers: it is set twice (job.conf:7 and job.conf:7);"
                + " a repeated key would let the later value win.",
            "job.conf:8: Invalid 'path' in output of table customers: it is set twice (job.conf:6 and job.conf:8);"
                + " a repeated key would let the later value win.",
            "job.conf:11: Invalid 'pii' in veil.keys: it is set twice (job.conf:2 and job.conf:11);"
                + " a repeated key would let the later value win."),
        p);
  }

  @Test
  void mergesThatOverrideNothingAreAccepted() throws IOException {
    // HOCON's object merge loses no setting: each still has one line, which veil check names.
    JobConfig c =
        JobConfigLoader.load(
            write(
                "veil.keys.pii = \"env:VEIL_TEST_KEY\"  # a key = \"env:X\" in a comment\n"
                    + "veil {\n"
                    + "  keys { other = \"env:OTHER\" }\n"
                    + "  tables = [{\n"
                    + "    name = customers\n"
                    + "    input { path = in }\n"
                    + "    output { path = out }\n"
                    + "    columns {\n"
                    + "      address { city = keep }\n"
                    + "      // email = keep\n"
                    + "      email { op = replace, with = constant, value = \"\"\"email = keep\n"
                    + "phone = keep\"\"\" }\n"
                    + "      address { street = drop }\n"
                    + "    }\n"
                    + "    output { mode = overwrite }\n"
                    + "  }]\n"
                    + "  tables += { name = orders, input { path = in2 }, output { path = out2 }, columns { email = drop } }\n"
                    + "}\n"));
    assertEquals(
        List.of("other", "pii"), c.keys().keySet().stream().sorted().collect(Collectors.toList()));
    TableConfig customers = c.tables().get(0);
    assertEquals(TableConfig.OutputMode.OVERWRITE, customers.outputMode());
    assertEquals(
        List.of("address.city", "address.street", "email"),
        customers.rules().stream()
            .map(r -> r.path().toString())
            .sorted()
            .collect(Collectors.toList()));
    assertEquals(
        List.of("customers", "orders"),
        c.tables().stream().map(TableConfig::name).collect(Collectors.toList()));
  }

  @Test
  void includesAreRefused() throws IOException {
    Files.writeString(dir.resolve("more.conf"), "veil.tables = []\n");
    List<String> p = problems("include \"more.conf\"\n" + HEADER + "      email = keep\n" + FOOTER);
    assertEquals(
        List.of(
            "job.conf:1: Invalid include: a job file cannot include other files; Veil checks"
                + " that no rule or setting overrides another in the one file it reads, so write them there."),
        p);
  }

  @Test
  void aDirectoryGivenAsTheConfigSaysSo() {
    InvalidConfigException e =
        assertThrows(InvalidConfigException.class, () -> JobConfigLoader.load(dir));
    assertEquals(
        List.of(dir + ": Cannot read config: " + dir + " is a directory"),
        e.problems().stream().map(ConfigProblem::toString).collect(Collectors.toList()));
  }

  @Test
  void numbersTooLargeForTheirSettingAreOutOfRange() throws IOException {
    // HOCON reads a whole number beyond a long as text, and 1e23 as a double: both are numbers
    // out of range, not strings or fractions.
    List<String> p =
        problems(
            HEADER
                + "      a { op = mask, keep-first = 12345678901234567890 }\n" // 8
                + "      b { op = mask, keep-last = 1e23 }\n" // 9
                + "      c { op = replace, with = pseudonym, key = pii, length = -99999999999999999999 }\n" // 10
                + "      d { op = mask, keep-first = 2.5 }\n" // 11
                + FOOTER);
    assertEquals(
        List.of(
            "job.conf:8: Invalid 'keep-first' in column a of table customers: 12345678901234567890 is out of range 0..1000000.",
            "job.conf:9: Invalid 'keep-last' in column b of table customers: 1e23 is out of range 0..1000000.",
            "job.conf:10: Invalid 'length' in column c of table customers: -99999999999999999999 is out of range 20..64.",
            "job.conf:11: Invalid 'keep-first' in column d of table customers: expected a whole number, got a number."),
        p);
  }

  @Test
  void truncateWidthsBeyondWhatSparkComputesExactlyAreConfigProblems() throws IOException {
    List<String> p =
        problems(
            HEADER
                + "      a { op = truncate, width = 1e23 }\n" // 8
                + "      b { op = truncate, width = 1e-19 }\n" // 9
                + "      c { op = truncate, width = 1000000000000000001 }\n" // 10
                + "      d { op = truncate, width = 1e999999999999 }\n" // 11
                + FOOTER);
    String why = " is out of range: a width is at most 1e18 and has at most 18 decimal places.";
    assertEquals(
        List.of(
            "job.conf:8: Invalid 'width' in column a of table customers: 1e23" + why,
            "job.conf:9: Invalid 'width' in column b of table customers: 1e-19" + why,
            "job.conf:10: Invalid 'width' in column c of table customers: 1000000000000000001"
                + why,
            "job.conf:11: Invalid 'width' in column d of table customers: 1e999999999999" + why),
        p);
    JobConfig c =
        JobConfigLoader.load(
            write(
                HEADER
                    + "      a { op = truncate, width = 1e18 }\n"
                    + "      b { op = truncate, width = 0.000000000000000001 }\n"
                    + "      c { op = truncate, width = 12345678901234567.25 }\n"
                    + FOOTER));
    assertEquals(
        List.of("1000000000000000000", "0.000000000000000001", "12345678901234567.25"),
        c.tables().get(0).rules().stream()
            .map(r -> ((TruncateDefinition.ToWidth) r.settings()).width().toPlainString())
            .collect(Collectors.toList()));
  }
}
