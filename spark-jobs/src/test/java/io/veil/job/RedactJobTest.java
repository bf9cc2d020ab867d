package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op = redact} on a top-level text and on texts inside an array, through the job. */
class RedactJobTest {
  @TempDir Path dir;

  @Test
  void spansAreReplacedLinkedToThePseudonymColumnAndCountedInTheReport() throws Exception {
    SparkSession spark = SharedSpark.get();
    byte[] key = new byte[32];
    new Random(8).nextBytes(key);
    Path keyFile = dir.resolve("pii.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
    String in = dir.resolve("in").toString();
    spark
        .sql(
            "SELECT 1 AS id, 'a.b@example.com' AS email,"
                + " '来电 13812345678，邮件 a.b@example.com 😀' AS note,"
                + " array('from 10.1.2.3', CAST(NULL AS STRING), 'none') AS comments"
                + " UNION ALL SELECT 2, 'c@example.org', 'nothing personal', array()")
        .write()
        .parquet(in);
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil {\n  keys { pii = \"file:"
            + keyFile
            + "\" }\n  tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve("out")
            + "\" }\n    columns {\n"
            + "      id = keep\n"
            + "      email { op = replace, with = pseudonym, key = pii }\n"
            + "      note { op = redact, with = pseudonym, key = pii }\n"
            + "      \"comments[]\" { op = redact, types = [ip-address] }\n"
            + "    }\n  }]\n}\n");
    CliRun r = CliRun.of("run", conf.toString(), "--report", dir.resolve("r.json").toString());
    assertEquals(0, r.code, r::toString);
    List<Row> rows =
        spark.read().parquet(dir.resolve("out").toString()).orderBy("id").collectAsList();
    Pseudonymizer p = new Pseudonymizer(KeyMaterial.of(key), "", 20);
    Row first = rows.get(0);
    assertEquals(
        "来电 [PHONE:" + p.pseudonym("13812345678") + "]，邮件 [EMAIL:" + first.getAs("email") + "] 😀",
        first.getAs("note"),
        "the e-mail's pseudonym is the email column's");
    assertEquals(
        List.of("from [IP_ADDRESS]", "none"),
        first.getList(first.fieldIndex("comments")).stream().filter(x -> x != null).toList());
    assertEquals("nothing personal", rows.get(1).getAs("note"));
    JsonNode note =
        new ObjectMapper()
            .readTree(Files.readString(dir.resolve("r.json")))
            .findValue("operation_metrics")
            .get("note");
    assertEquals(1, note.get("spans_email").asLong(), note.toString());
    assertEquals(1, note.get("spans_phone").asLong(), note.toString());
    assertEquals(0, note.get("spans_iban").asLong(), note.toString());
    JsonNode unchanged =
        new ObjectMapper()
            .readTree(Files.readString(dir.resolve("r.json")))
            .findValue("unchanged_values");
    assertEquals(0, unchanged.get("note").asLong(), unchanged.toString());
    assertTrue(unchanged.has("comments[]"), unchanged.toString());
  }
}
