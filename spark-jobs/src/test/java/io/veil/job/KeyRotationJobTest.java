package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, finding 1: rekey wrote the ciphertext's type (string) as the original type, so every
 * non-string column decrypted to a string of raw bytes. Encrypt, rekey twice, decrypt: every type
 * encrypt takes, top-level and nested, comes back equal and typed.
 */
class KeyRotationJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String input;
  static String[] keys = new String[4];

  /** One column of every type encrypt takes, and the same inside a struct and an array. */
  static final String TABLE =
      "SELECT id,"
          + " CAST(concat('name ', id) AS STRING) AS s,"
          + " CAST(concat('bytes', id) AS BINARY) AS bin,"
          + " id % 2 = 0 AS flag,"
          + " CAST(id % 100 AS TINYINT) AS tiny,"
          + " CAST(id * 7 AS SMALLINT) AS small,"
          + " CAST(id * 1000 AS INT) AS i,"
          + " id * 1000000007 AS big,"
          + " CAST(id / 3.0 AS FLOAT) AS f,"
          + " id / 7.0D AS d,"
          + " CAST(id * 12.34 AS DECIMAL(10,2)) AS dec_small,"
          + " CAST(id * 1.000000000123 AS DECIMAL(38,18)) AS dec_big,"
          + " date_add(DATE'1970-01-01', CAST(id * 97 AS INT)) AS day,"
          + " timestamp_micros(id * 86400123456) AS ts,"
          + " CAST(timestamp_micros(id * 3600000001) AS TIMESTAMP_NTZ) AS ntz,"
          + " named_struct('amount', id * 1.5D, 'born', date_add(DATE'1950-01-01', CAST(id AS INT))) AS inner,"
          + " array(named_struct('price', CAST(id * 2.25 AS DECIMAL(12,4)))) AS items"
          + " FROM range(1, 401)";

  static final String[] PATHS = {
    "s",
    "bin",
    "flag",
    "tiny",
    "small",
    "i",
    "big",
    "f",
    "d",
    "dec_small",
    "dec_big",
    "day",
    "ts",
    "ntz",
    "inner.amount",
    "inner.born",
    "items[].price"
  };

  @BeforeAll
  static void table() throws IOException {
    spark = SharedSpark.get();
    for (int v = 1; v <= 3; v++) {
      byte[] b = new byte[32];
      new Random(v).nextBytes(b);
      Path f = dir.resolve("v" + v + ".key");
      Files.writeString(f, Base64.getEncoder().encodeToString(b));
      keys[v] = "file:" + f;
    }
    input = dir.resolve("plain").toString();
    // Nulls too: every column is null in one row.
    Dataset<Row> rows = spark.sql(TABLE);
    Dataset<Row> nulls = spark.sql(TABLE.replace("FROM range(1, 401)", "FROM range(401, 402)"));
    for (String c : rows.columns()) {
      if (!c.equals("id")) {
        nulls = nulls.withColumn(c, functions.lit(null).cast(rows.schema().apply(c).dataType()));
      }
    }
    rows.unionByName(nulls).write().parquet(input);
  }

  static String keysConf(int... versions) {
    StringBuilder list = new StringBuilder();
    for (int v : versions) {
      list.append(list.length() == 0 ? "" : ", ")
          .append("{ version = ")
          .append(v)
          .append(", source = \"")
          .append(keys[v])
          .append("\" }");
    }
    return "  keys { data { versions = ["
        + list
        + "], primary = "
        + versions[versions.length - 1]
        + " } }\n";
  }

  static Path job(String name, String keys, String in, String out, String rule) throws IOException {
    StringBuilder columns = new StringBuilder();
    for (String p : PATHS) {
      columns
          .append("      \"")
          .append(p)
          .append("\" { ")
          .append(rule.replace("@P@", p))
          .append(" }\n");
    }
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + keys
            + "  tables = [{ name = all_types, input { path = \""
            + in
            + "\" }, output { path = \""
            + out
            + "\" },\n"
            + "    unlisted-columns = keep\n    columns {\n"
            + columns
            + "    }\n  }]\n}\n");
    return f;
  }

  static String run(String name, String keys, String in, String rule) throws IOException {
    String out = dir.resolve(name).toString();
    CliRun r = CliRun.of("run", job(name, keys, in, out, rule).toString());
    assertEquals(0, r.code, r::toString);
    return out;
  }

  static void assertSameTable(String expected, String actual) {
    Dataset<Row> a = spark.read().parquet(expected);
    Dataset<Row> b = spark.read().parquet(actual);
    assertEquals(a.schema().simpleString(), b.schema().simpleString());
    assertEquals(0, a.exceptAll(b).count());
    assertEquals(0, b.exceptAll(a).count());
  }

  private void rotateTwiceThenDecrypt(String name, String encryptRule) throws IOException {
    String encrypted = run(name + "-v1", keysConf(1), input, encryptRule);
    String v2 = run(name + "-v2", keysConf(1, 2), encrypted, "op = rekey, key = data");
    String v3 = run(name + "-v3", keysConf(2, 3), v2, "op = rekey, key = data");
    JsonNode report = new ObjectMapper().readTree(Path.of(v3, "_veil_report.json").toFile());
    for (JsonNode c : report.get("transformed")) {
      assertEquals(3, c.get("key_version").asInt(), c::toString);
    }
    assertEquals(
        400, report.at("/operation_metrics/d/values_from_version_2").asLong(), report::toString);
    String decrypted = run(name + "-plain", keysConf(3), v3, "op = decrypt, key = data");
    assertSameTable(input, decrypted);
  }

  @Test
  void everyTypeDecryptsToItselfAfterRandomizedRekeys() throws IOException {
    rotateTwiceThenDecrypt("gcm", "op = encrypt, key = data");
  }

  @Test
  void everyTypeDecryptsToItselfAfterBinaryRekeys() throws IOException {
    rotateTwiceThenDecrypt(
        "gcm-binary", "op = encrypt, key = data, encoding = binary, context = \"ctx-@P@\"");
  }

  @Test
  void rekeyKeepsEveryFieldOfTheRecord() throws IOException {
    String encrypted =
        run("record-v1", keysConf(1), input, "op = encrypt, key = data, context = \"c-@P@\"");
    String v2 = run("record-v2", keysConf(1, 2), encrypted, "op = rekey, key = data");
    Metadata before = spark.read().parquet(encrypted).schema().apply("dec_big").metadata();
    Metadata after = spark.read().parquet(v2).schema().apply("dec_big").metadata();
    Metadata b = before.getMetadata("veil").getMetadataArray("transforms")[0];
    Metadata a = after.getMetadata("veil").getMetadataArray("transforms")[0];
    assertEquals("decimal(38,18)", a.getString("original_type"));
    assertEquals("rekey", a.getString("op"));
    assertEquals(2, a.getLong("key_version"));
    for (String field :
        new String[] {"mode", "envelope", "encoding", "context", "key", "result_type"}) {
      assertEquals(b.getString(field), a.getString(field), field);
    }
  }

  /**
   * A table rekeyed before the fix records string for a double column: decrypt refuses its values
   * (exit 3) instead of writing their raw bytes as text.
   */
  @Test
  void decryptRefusesPlaintextThatCannotBeTheRecordedType() throws IOException {
    String encrypted = run("mislabelled-v1", keysConf(1), input, "op = encrypt, key = data");
    Dataset<Row> enc = spark.read().parquet(encrypted);
    Column d = enc.col("d").as("d", relabel(enc.schema().apply("d").metadata(), "string"));
    Column dec =
        enc.col("dec_small")
            .as("dec_small", relabel(enc.schema().apply("dec_small").metadata(), "decimal(4,1)"));
    String mislabelled = dir.resolve("mislabelled").toString();
    enc.withColumn("d", d).withColumn("dec_small", dec).write().parquet(mislabelled);
    for (String path : new String[] {"d", "dec_small"}) {
      String out = dir.resolve("mislabelled-out-" + path).toString();
      Path conf = dir.resolve("mislabelled-" + path + ".conf");
      Files.writeString(
          conf,
          "veil {\n"
              + keysConf(1)
              + "  tables = [{ name = all_types, input { path = \""
              + mislabelled
              + "\" }, output { path = \""
              + out
              + "\" },\n"
              + "    unlisted-columns = keep\n    columns { "
              + path
              + " { op = decrypt, key = data } }\n  }]\n}\n");
      CliRun r = CliRun.of("run", conf.toString());
      assertEquals(3, r.code, r::toString);
      assertTrue(
          r.err.contains("Invalid value in column " + path + " of table all_types (key data)"),
          r.err);
      assertTrue(r.err.contains("give decrypt original-type"), r.err);
      assertFalse(Files.exists(Path.of(out)));
    }
  }

  private static Metadata relabel(Metadata column, String originalType) {
    Metadata veil = column.getMetadata("veil");
    Metadata t = veil.getMetadataArray("transforms")[0];
    Metadata changed =
        new MetadataBuilder().withMetadata(t).putString("original_type", originalType).build();
    Metadata newVeil =
        new MetadataBuilder()
            .withMetadata(veil)
            .putMetadataArray("transforms", new Metadata[] {changed})
            .build();
    return new MetadataBuilder().withMetadata(column).putMetadata("veil", newVeil).build();
  }
}
