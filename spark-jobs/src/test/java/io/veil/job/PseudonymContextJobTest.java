package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.ColumnRewriter;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, finding 8: a pseudonym rule's {@code context} keeps two columns holding the same values
 * from linking; without one, both columns' pseudonyms are the same (joins work).
 */
class PseudonymContextJobTest {
  @TempDir Path dir;

  @Test
  void pseudonymsWithAContextDoNotLinkAcrossColumns() throws Exception {
    SparkSession spark = SharedSpark.get();
    byte[] key = new byte[32];
    new Random(4).nextBytes(key);
    Path k = dir.resolve("pii.key");
    Files.writeString(k, Base64.getEncoder().encodeToString(key));
    String in = dir.resolve("in").toString();
    spark
        .sql(
            "SELECT 1 AS id, 'a@example.com' AS crm_email, 'a@example.com' AS order_email,"
                + " 'a@example.com' AS plain")
        .write()
        .parquet(in);
    String out = dir.resolve("out").toString();
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil { keys { pii = \"file:"
            + k
            + "\" }, tables = [{ name = t,"
            + " input { path = \""
            + in
            + "\" }, output { path = \""
            + out
            + "\" }, columns { id = keep,\n"
            + " crm_email { op = replace, with = pseudonym, key = pii, context = \"crm.email\" }\n"
            + " order_email { op = replace, with = pseudonym, key = pii, context = \"orders.email\" }\n"
            + " plain { op = replace, with = pseudonym, key = pii } } }] }");
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(0, r.code, r::toString);
    Row row = spark.read().parquet(out).first();
    KeyMaterial material = KeyMaterial.of(key);
    assertEquals(
        new Pseudonymizer(material, "", 20, "crm.email").pseudonym("a@example.com"),
        row.getAs("crm_email"));
    assertEquals(
        new Pseudonymizer(material, "", 20).pseudonym("a@example.com"), row.getAs("plain"));
    assertNotEquals((String) row.getAs("crm_email"), row.getAs("order_email"));
    Metadata m =
        spark
            .read()
            .parquet(out)
            .schema()
            .apply("crm_email")
            .metadata()
            .getMetadata(ColumnRewriter.METADATA_KEY)
            .getMetadataArray("transforms")[0];
    assertEquals("crm.email", m.getString("context"));
  }
}
