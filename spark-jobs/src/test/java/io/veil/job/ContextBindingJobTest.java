package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, finding 3: with no context, a ciphertext copied into another column under the same key
 * decrypted there. Randomized encryption now binds table and column path by default; deterministic
 * and format-preserving encryption need the context said, or {@code none}.
 */
class ContextBindingJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String input;
  static String keys;

  @BeforeAll
  static void setUp() throws IOException {
    spark = SharedSpark.get();
    input = SharedSpark.projectDir().resolve("sample-data/customers").toString();
    byte[] b = new byte[32];
    new Random(11).nextBytes(b);
    Path aes = dir.resolve("aes.key");
    Files.writeString(aes, Base64.getEncoder().encodeToString(b));
    byte[] s = new byte[64];
    new Random(12).nextBytes(s);
    Path siv = dir.resolve("siv.key");
    Files.writeString(siv, Base64.getEncoder().encodeToString(s));
    keys = "  keys { data = \"file:" + aes + "\", join = \"file:" + siv + "\" }\n";
  }

  static Path job(String name, String in, String out, String columns) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + keys
            + "  tables = [{ name = customers, input { path = \""
            + in
            + "\" }, output { path = \""
            + out
            + "\" },\n"
            + "    unlisted-columns = keep\n    columns {\n"
            + columns
            + "\n    }\n  }]\n}\n");
    return f;
  }

  static String run(String name, String in, String columns) throws IOException {
    String out = dir.resolve(name).toString();
    CliRun r = CliRun.of("run", job(name, in, out, columns).toString());
    assertEquals(0, r.code, r::toString);
    return out;
  }

  @Test
  void aRandomizedCiphertextCopiedIntoAnotherColumnDoesNotDecryptThere() throws IOException {
    String encrypted =
        run(
            "moved-enc",
            input,
            "name { op = encrypt, key = data }\n email { op = encrypt, key = data }");
    Dataset<Row> enc = spark.read().parquet(encrypted);
    Metadata nameMeta = enc.schema().apply("name").metadata();
    assertTrue(nameMeta.json().contains("\"context\":\"customers.name\""), nameMeta.json());
    // The e-mails' ciphertexts under the name column's own metadata, as a copy between columns
    // makes it.
    String moved = dir.resolve("moved").toString();
    enc.withColumn("name", enc.col("email").as("name", nameMeta)).write().parquet(moved);
    String out = dir.resolve("moved-dec").toString();
    CliRun r =
        CliRun.of(
            "run", job("moved-dec", moved, out, "name { op = decrypt, key = data }").toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("does not authenticate"), r.err);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void deterministicAndFormatPreservingEncryptionNeedTheirContextSaid() throws IOException {
    for (String rule :
        new String[] {
          "email { op = encrypt, mode = deterministic, key = join }",
          "phone { op = encrypt, mode = format-preserving, key = data }"
        }) {
      CliRun r =
          CliRun.of(
              "check", job("unsaid", input, dir.resolve("unsaid").toString(), rule).toString());
      assertEquals(2, r.code, r::toString);
      assertTrue(r.err.contains("Missing 'context' in column"), r.err);
      assertTrue(r.err.contains("context = none"), r.err);
    }
    // Said either way, they run: none lets equal values match across columns, as before; two
    // contexts keep them apart.
    String twins = dir.resolve("twins").toString();
    spark
        .read()
        .parquet(input)
        .withColumn("email_copy", org.apache.spark.sql.functions.col("email"))
        .write()
        .parquet(twins);
    String none =
        run(
            "said-none",
            twins,
            "email { op = encrypt, mode = deterministic, key = join, context = none }\n"
                + " email_copy { op = encrypt, mode = deterministic, key = join, context = none }");
    Dataset<Row> t = spark.read().parquet(none);
    long emails = t.where("email is not null").count();
    assertTrue(emails > 0);
    assertEquals(emails, t.where("email = email_copy").count());
    assertTrue(t.schema().apply("email").metadata().json().contains("\"context\":null"));
    String apart =
        run(
            "said-two",
            twins,
            "email { op = encrypt, mode = deterministic, key = join, context = a }\n"
                + " email_copy { op = encrypt, mode = deterministic, key = join, context = b }");
    assertEquals(0, spark.read().parquet(apart).where("email = email_copy").count());
    // A table without a recorded context, as earlier versions wrote them, still decrypts.
    String back =
        run(
            "said-none-back",
            none,
            "email { op = decrypt, key = join }\n email_copy { op = decrypt, key = join }");
    assertEquals(
        0,
        spark
            .read()
            .parquet(twins)
            .select("customer_id", "email", "email_copy")
            .exceptAll(spark.read().parquet(back).select("customer_id", "email", "email_copy"))
            .count());
  }

  @Test
  void aRenamedColumnNeedsTheContextItWasEncryptedUnder() throws IOException {
    String encrypted = run("renamed-enc", input, "email { op = encrypt, key = data }");
    String renamed = dir.resolve("renamed").toString();
    spark.read().parquet(encrypted).withColumnRenamed("email", "contact").write().parquet(renamed);
    String out = dir.resolve("renamed-dec").toString();
    CliRun r =
        CliRun.of(
            "run",
            job("renamed-dec", renamed, out, "contact { op = decrypt, key = data }").toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("records the encryption of column email, not of this one"), r.err);
    assertTrue(r.err.contains("context = \"customers.email\""), r.err);
    String back =
        run(
            "renamed-dec-ok",
            renamed,
            "contact { op = decrypt, key = data, context = \"customers.email\" }");
    assertEquals(
        0,
        spark
            .read()
            .parquet(input)
            .selectExpr("customer_id", "email AS contact")
            .exceptAll(spark.read().parquet(back).select("customer_id", "contact"))
            .count());
  }
}
