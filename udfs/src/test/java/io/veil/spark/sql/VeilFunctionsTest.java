package io.veil.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The registry as users meet it: every function described and its examples true, installing twice
 * harmless, bad calls answered with Spark-style messages, null in giving null out.
 */
class VeilFunctionsTest {
  static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SqlTestKeys.session();
  }

  /**
   * Issue 20, finding 6: the documented read of envelope = spark put the key's bytes in the SQL
   * text. veil_decrypt reads Spark's layout under a named key, with the context as the AAD.
   */
  @Test
  void veilDecryptReadsSparksEnvelopeUnderANamedKey() {
    SparkSession spark = SqlTestKeys.session();
    String bytes =
        "unbase64('" + java.util.Base64.getEncoder().encodeToString(SqlTestKeys.PII) + "')";
    Row r =
        spark
            .sql(
                "SELECT veil_decrypt(base64(aes_encrypt('alice', "
                    + bytes
                    + ", 'GCM', 'DEFAULT', '',"
                    + " 'customers.name')), 'pii', 'customers.name', 'spark') AS ctx,"
                    + " veil_decrypt(base64(aes_encrypt('bob', "
                    + bytes
                    + ", 'GCM')), 'pii', NULL, 'spark') AS none")
            .first();
    assertEquals("alice", r.getString(0));
    assertEquals("bob", r.getString(1));
    assertThrows(
        Exception.class,
        () ->
            spark
                .sql(
                    "SELECT veil_decrypt(base64(aes_encrypt('alice', "
                        + bytes
                        + ", 'GCM', 'DEFAULT', '', 'customers.name')), 'pii', 'customers.email', 'spark')")
                .collect());
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> spark.sql("SELECT veil_decrypt('x', 'pii', NULL, 'tink')").collect());
    assertTrue(e.getMessage().contains("envelope"), e.getMessage());
  }

  @Test
  void everyFunctionIsDescribedWithUsageArgumentsAndAnExample() {
    assertEquals(
        List.of(
            "veil_mask",
            "veil_mask_classes",
            "veil_mask_email",
            "veil_truncate",
            "veil_shift",
            "veil_unshift",
            "veil_noise",
            "veil_generalize",
            "veil_redact",
            "veil_pseudonym",
            "veil_fake",
            "veil_encrypt",
            "veil_encrypt_deterministic",
            "veil_decrypt",
            "veil_fpe_encrypt",
            "veil_fpe_decrypt"),
        VeilFunctions.names());
    for (String name : VeilFunctions.names()) {
      String described =
          spark.sql("DESCRIBE FUNCTION EXTENDED " + name).collectAsList().stream()
              .map(r -> r.getString(0))
              .collect(Collectors.joining("\n"));
      assertTrue(described.contains("Function: " + name), described);
      assertTrue(described.contains("Usage: " + name + "("), described);
      assertTrue(described.contains("Arguments:"), described);
      assertTrue(described.contains("Examples:\n      > SELECT "), described);
      assertFalse(described.contains("_FUNC_"), described);
    }
  }

  /** Spark's ExpressionInfoSuite, for Veil: each documented query returns its documented result. */
  @Test
  void everyDocumentedExampleGivesItsDocumentedResult() {
    int checked = 0;
    for (VeilFunction f : VeilFunctions.all()) {
      List<String[]> examples = examples(f.info());
      assertFalse(examples.isEmpty(), f.name());
      for (String[] e : examples) {
        assertEquals(e[1], single(e[0]), f.name() + ": " + e[0]);
        checked++;
      }
    }
    assertTrue(checked >= 30, "examples checked: " + checked);
  }

  /** (query, result) pairs from the Examples section, in Spark's layout. */
  static List<String[]> examples(ExpressionInfo info) {
    List<String[]> out = new ArrayList<>();
    String[] lines = info.getExamples().split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.startsWith("> ")) {
        String query = line.substring(2).replaceAll(";$", "");
        out.add(new String[] {query, lines[i + 1].trim()});
      }
    }
    return out;
  }

  /** The query's one value as Spark casts it to text, NULL for null. */
  static String single(String query) {
    Dataset<Row> df = spark.sql(query).toDF("v");
    Row r = df.select(df.col("v").cast("string")).first();
    return r.isNullAt(0) ? "NULL" : r.getString(0);
  }

  @Test
  void installingTwiceChangesNothing() {
    FunctionRegistry registry = spark.sessionState().functionRegistry();
    List<Object> before = new ArrayList<>();
    for (VeilFunction f : VeilFunctions.all()) {
      before.add(registry.lookupFunction(f.identifier()).get());
    }
    // The session has the extensions; registering by hand as well, twice, keeps the same entries.
    VeilFunctions.register(spark);
    VeilFunctions.register(spark);
    for (int i = 0; i < before.size(); i++) {
      VeilFunction f = VeilFunctions.all().get(i);
      assertSame(before.get(i), registry.lookupFunction(f.identifier()).get(), f.name());
      assertSame(f.builder(), registry.lookupFunctionBuilder(f.identifier()).get(), f.name());
    }
    assertEquals("138****5678", single("SELECT veil_mask('13812345678', 3, 4)"));

    // The extensions listed twice inject the same objects twice into a fresh registry.
    SparkSessionExtensions extensions = new SparkSessionExtensions();
    new VeilExtensions().apply(extensions);
    new VeilExtensions().apply(extensions);
    FunctionRegistry fresh = FunctionRegistry.builtin().clone();
    extensions.registerFunctions(fresh);
    VeilFunctions.register(fresh);
    for (VeilFunction f : VeilFunctions.all()) {
      assertSame(f.info(), fresh.lookupFunction(f.identifier()).get(), f.name());
    }
  }

  /** Issue 20, finding 4: the SQL masks follow the same minimum as the job's. */
  @Test
  void sqlMasksHideTooLittleOnShortValues() {
    assertEquals("********", single("SELECT veil_mask('12345678', 3, 4)"));
    assertEquals("138****5678", single("SELECT veil_mask('13812345678', 3, 4)"));
    assertEquals("*****@gmail.com", single("SELECT veil_mask_email('li.na@gmail.com')"));
    assertEquals("***************", single("SELECT veil_mask_email('wei@example.com')"));
  }

  @Test
  void wrongArgumentCountsNameTheFunctionAndItsForms() {
    AnalysisException e = analysisError("SELECT veil_mask('13812345678')");
    assertEquals("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", e.getCondition());
    assertEquals("42605", e.getSqlState());
    assertTrue(
        e.getMessage()
            .startsWith(
                "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The veil_mask(str, keep_first, keep_last[,"
                    + " char]) requires 3 to 4 parameters but the actual number is 1."),
        e.getMessage());
    assertMessage(
        "SELECT veil_truncate('x')",
        "The veil_truncate(str, keep_first[, keep_last]) or"
            + " veil_truncate(date_or_timestamp, unit) or veil_truncate(number, width) requires 2 to 3 parameters but the"
            + " actual number is 1.");
    assertMessage(
        "SELECT veil_fake('x', 'pii')",
        "The veil_fake(value, key_name, dictionary) requires 3 parameters"
            + " but the actual number is 2.");
  }

  @Test
  void wrongArgumentTypesAndNonConstantParametersAreRefusedSparkStyle() {
    AnalysisException e = analysisError("SELECT veil_mask('13812345678', 'three', 4)");
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.getCondition());
    assertTrue(
        e.getMessage()
            .startsWith(
                "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve"
                    + " \"veil_mask('13812345678', 'three', 4)\" due to data type mismatch: The second parameter requires the"
                    + " \"INT\" type, however \"'three'\" has the type \"STRING\"."),
        e.getMessage());
    assertMessage(
        "SELECT veil_mask(array('a'), 1, 1)", "The first parameter requires the \"STRING\" type");
    assertMessage(
        "SELECT veil_pseudonym(map('a', 'b'), 'pii')",
        "The first parameter requires the \"atomic (not ARRAY, MAP or STRUCT)\" type");
    e = analysisError("SELECT veil_encrypt(s, s) FROM VALUES ('pii') AS t(s)");
    assertEquals("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", e.getCondition());
    assertTrue(
        e.getMessage()
            .contains(
                "the input `key_name` should be a foldable \"STRING\" expression; however,"
                    + " got \"t.s\""),
        e.getMessage());
    assertMessage(
        "SELECT veil_mask(s, n, 1) FROM VALUES ('abc', 1) AS t(s, n)",
        "the input `keep_first` should be a foldable \"INT\" expression");
  }

  @Test
  void invalidParameterValuesSayWhatIsAccepted() {
    assertMessage(
        "SELECT veil_mask('abc', -1, 0)",
        "Cannot resolve \"veil_mask('abc', -1, 0)\" due to data type"
            + " mismatch: The `keep_first` must be between [0, 1000000] (current value = -1).");
    assertMessage("SELECT veil_mask('abc', 1, 0, 'ab')", "Length of `char` should be 1.");
    assertMessage("SELECT veil_mask('abc', 1, 0, NULL)", "The `char` must not be null.");
    assertMessage("SELECT veil_encrypt('abc', 'pii', NULL)", "The `context` must not be null.");
    assertMessage(
        "SELECT veil_pseudonym('abc', 'pii', '', 8)",
        "The `length` must be between [20, 64] (current value = 8).");
    assertMessage(
        "SELECT veil_fake('abc', 'pii', 'planets')",
        "[DATATYPE_MISMATCH.INVALID_ARG_VALUE] Cannot resolve"
            + " \"veil_fake('abc', 'pii', 'planets')\" due to data type mismatch: The `dictionary` value must to be a"
            + " \"STRING\" literal of 'name-zh', 'name-latin', 'first-name', 'last-name', 'city', 'street', 'email',"
            + " 'word', but got 'planets'.");
    assertMessage(
        "SELECT veil_truncate(DATE'2020-02-02', 'week')",
        "The `unit` value must to be a \"STRING\" literal"
            + " of 'year', 'month', 'day', 'hour', but got 'week'.");
    assertMessage(
        "SELECT veil_truncate(DATE'2020-02-02', 'hour')",
        "[INVALID_PARAMETER_VALUE.PATTERN] The value of"
            + " parameter(s) `unit` in `veil_truncate` is invalid: a date has no time of day: use unit = year or month"
            + " (got DATE).");
    assertMessage(
        "SELECT veil_truncate(17, 2.5)",
        "The value of parameter(s) `width` in `veil_truncate` is invalid: an"
            + " integer column needs a whole width (got INT).");
    assertMessage(
        "SELECT veil_truncate(DATE'2020-02-02', 'year', 1)",
        "The value of parameter(s) `keep_last` in"
            + " `veil_truncate` is invalid: applies to strings only, not DATE.");
    assertMessage(
        "SELECT veil_truncate('abc', 0)",
        "The value of parameter(s) `keep_first` in `veil_truncate` is"
            + " invalid: keep_first or keep_last must be above 0.");
    assertMessage(
        "SELECT veil_fpe_encrypt('123456', 'pii', 'aa')",
        "The value of parameter(s) `alphabet` in"
            + " `veil_fpe_encrypt` is invalid: Invalid alphabet: U+0061 appears more than once; use digits, hex,"
            + " alphanumeric or the characters themselves.");
    assertMessage(
        "SELECT veil_pseudonym('abc', 'p.i.i')",
        "The value of parameter(s) `key_name` in `veil_pseudonym` is"
            + " invalid: Invalid key name 'p.i.i' for veil_pseudonym: key names are letters, digits, '_' and '-'.");
  }

  @Test
  void nullInGivesNullOut() {
    String[] calls = {
      "veil_mask(v, 3, 4)",
      "veil_mask_classes(v)",
      "veil_mask_classes(v, 'X', 'x', 'n', NULL, NULL)",
      "veil_mask_email(v)",
      "veil_truncate(v, 3)",
      "veil_truncate(CAST(v AS DATE), 'year')",
      "veil_truncate(CAST(v AS TIMESTAMP), 'hour')",
      "veil_truncate(CAST(v AS INT), 10)",
      "veil_shift(CAST(v AS DATE), 'p', 'pii', 30)",
      "veil_shift(DATE'2024-01-01', v, 'pii', 30)",
      "veil_unshift(CAST(v AS TIMESTAMP), 'p', 'pii', 30, 2)",
      "veil_noise(CAST(v AS INT), 'pii', 'laplace', 5)",
      "veil_generalize(CAST(v AS INT), 'bands=0,18,65')",
      "veil_generalize(v, 'keep-first=2')",
      "veil_redact(v)",
      "veil_redact(v, 'pseudonym', 'pii')",
      "veil_noise(CAST(v AS DECIMAL(10,2)), 'pii', 'gaussian', 5, 'p')",
      "veil_pseudonym(v, 'pii')",
      "veil_pseudonym(CAST(v AS BIGINT), 'pii')",
      "veil_fake(v, 'pii', 'city')",
      "veil_encrypt(v, 'pii')",
      "veil_encrypt_deterministic(v, 'pii_siv')",
      "veil_decrypt(v, 'pii')",
      "veil_fpe_encrypt(v, 'pii')",
      "veil_fpe_decrypt(v, 'pii')"
    };
    Dataset<Row> df =
        spark.sql(
            "SELECT " + String.join(", ", calls) + " FROM VALUES (CAST(NULL AS STRING)) AS t(v)");
    Row r = df.first();
    for (int i = 0; i < calls.length; i++) {
      assertNull(r.get(i), calls[i]);
    }
    for (String name : VeilFunctions.names()) {
      assertTrue(String.join(" ", calls).contains(name + "("), "null tested for " + name);
    }
  }

  /** Issue 20, finding 8: 64-bit pseudonyms collide at scale; the least length is 20 hex digits. */
  @Test
  void sqlPseudonymsAsShortAs16HexDigitsCollide() {
    assertMessage(
        "SELECT veil_pseudonym('abc', 'pii', '', 16)",
        "The `length` must be between [20, 64] (current value = 16).");
    assertEquals("20", single("SELECT length(veil_pseudonym('abc', 'pii', '', 20))"));
  }

  /** Issue 20, finding 8: an optional context keeps pseudonyms from linking across columns. */
  @Test
  void sqlPseudonymsWithAContextDoNotLinkAcrossColumns() {
    assertEquals(
        "false",
        single(
            "SELECT veil_pseudonym('a@example.com', 'pii', '', 20, 'crm.email')"
                + " = veil_pseudonym('a@example.com', 'pii', '', 20, 'orders.email')"));
    assertEquals(
        "false",
        single(
            "SELECT veil_pseudonym('a@example.com', 'pii', '', 20, 'crm.email')"
                + " = veil_pseudonym('a@example.com', 'pii')"));
    assertMessage(
        "SELECT veil_pseudonym('abc', 'pii', '', 20, '')",
        "The value of parameter(s) `context` in"
            + " `veil_pseudonym` is invalid: Invalid pseudonym context: it is empty (leave it out for none)");
  }

  /** Keyed functions show their key name and parameters; masks only the value (no per-row cost). */
  @Test
  void columnNamesNameTheFunctionAndForKeyedOnesTheKey() {
    Dataset<Row> df =
        spark.sql(
            "SELECT veil_mask(s, 3, 4), veil_pseudonym(s, 'pii', 'u_'), veil_encrypt(s, 'pii', 'c')"
                + " FROM VALUES ('13812345678') AS t(s)");
    assertEquals(
        List.of("veil_mask(s)", "veil_pseudonym(s, pii, u_)", "veil_encrypt(s, pii, c)"),
        List.of(df.columns()));
  }

  /**
   * The functions compute with the expression the job builds for the same op: an {@code Invoke} on
   * Spark's bytes, not a second implementation as a Java UDF.
   */
  @Test
  void functionsRunTheJobsExpressionOnBytes() {
    Dataset<Row> df =
        spark.sql(
            "SELECT veil_mask(s, 3, 4), veil_pseudonym(s, 'pii'), veil_encrypt(s, 'pii'),"
                + " veil_mask_classes(s, 'X', 'x', 'n', NULL, NULL)"
                + " FROM VALUES ('13812345678') AS t(s)");
    List<Expression> projected =
        CollectionConverters.asJava(df.queryExecution().analyzed().expressions());
    assertEquals(4, projected.size());
    for (Expression e : projected) {
      Expression computation = e.children().head().children().head();
      assertEquals(
          "Invoke", computation.getClass().getSimpleName(), computation.getClass().getName());
    }
    assertEquals(4, df.first().size());
  }

  /** Plans travel to executors serialized: every function's expression must serialize. */
  @Test
  void everyFunctionsExpressionSerializes() throws Exception {
    Dataset<Row> df =
        spark.sql(
            "SELECT veil_mask(s, 3, 4) AS a, veil_shift(DATE'2024-01-01', s, 'pii', 30) AS b,"
                + " veil_redact(s) AS c, veil_noise(7, 'pii', 'laplace', 1) AS d"
                + " FROM VALUES ('13812345678'), ('x') AS t(s) ORDER BY a");
    for (Expression e : CollectionConverters.asJava(df.queryExecution().analyzed().expressions())) {
      try (java.io.ObjectOutputStream out =
          new java.io.ObjectOutputStream(new java.io.ByteArrayOutputStream())) {
        out.writeObject(e);
      }
    }
    assertEquals(2, df.collectAsList().size()); // with a shuffle: the plan goes to tasks
  }

  /** Inside a lambda the person comes from the row, as outside it. */
  @Test
  void shiftInsideALambdaUsesTheRowsPerson() {
    List<Row> rows =
        spark
            .sql(
                "SELECT veil_pseudonym(p, 'pii') AS p,"
                    + " transform(array(DATE'2024-01-01', DATE'2024-01-05'),"
                    + " x -> veil_shift(x, p, 'pii', 300))[1],"
                    + " veil_shift(DATE'2024-01-05', p, 'pii', 300)"
                    + " FROM VALUES ('a'), ('b'), ('c'), ('d') AS t(p)")
            .collectAsList();
    for (Row r : rows) {
      assertEquals(r.get(2), r.get(1));
    }
  }

  static AnalysisException analysisError(String query) {
    return assertThrows(AnalysisException.class, () -> spark.sql(query).collect());
  }

  static void assertMessage(String query, String expected) {
    String message = analysisError(query).getMessage();
    assertTrue(message.contains(expected), () -> "expected '" + expected + "' in: " + message);
  }
}
