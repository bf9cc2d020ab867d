package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.spark.ColumnRewriter;
import io.veil.spark.sql.VeilFunctions;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replace with = fake: keyed fakes from dictionaries, equal to what veil_fake gives in SQL. */
class FakeReplacementJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String keySource;
  static String input;
  static String output;

  static Path job(String name, String columns) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n  keys { people = \""
            + keySource
            + "\" }\n"
            + "  tables = [{ name = customers, input { path = \""
            + input
            + "\" }, output { path = \""
            + dir.resolve(name + "-out")
            + "\" },\n    unlisted-columns = keep\n    columns {\n"
            + columns
            + "    }\n  }]\n}\n");
    return f;
  }

  @BeforeAll
  static void run() throws IOException {
    spark = SharedSpark.get();
    keySource = JobTestConf.peopleKeySource(); // in the session's static conf too, for veil_fake
    input = SharedSpark.projectDir().resolve("sample-data/customers").toString();
    output = dir.resolve("fake-out").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "fake",
                    "      name { op = replace, with = fake, key = people, dictionary = name-latin }\n"
                        + "      email { op = replace, with = fake, key = people, dictionary = email }\n"
                        + "      \"address.city\" { op = replace, with = fake, key = people, dictionary = city }\n")
                .toString());
    assertEquals(0, r.code, r::toString);
  }

  @Test
  void fakesAreKeyedDeterministicAndEqualVeilFakeInSql() {
    Dataset<Row> in = spark.read().parquet(input);
    Dataset<Row> out = spark.read().parquet(output);
    in.createOrReplaceTempView("fake_in");
    out.createOrReplaceTempView("fake_out");
    VeilFunctions.register(spark);
    Dataset<Row> pairs =
        spark.sql(
            "SELECT i.name AS i_name, o.name AS o_name, i.email AS i_email, o.email AS o_email,"
                + " i.address.city AS i_city, o.address.city AS o_city,"
                + " veil_fake(i.name, 'people', 'name-latin') AS f_name, veil_fake(i.email, 'people', 'email') AS f_email,"
                + " veil_fake(i.address.city, 'people', 'city') AS f_city"
                + " FROM fake_in i JOIN fake_out o USING (customer_id)");
    long rows = in.count();
    assertEquals(rows, pairs.count());
    assertEquals(
        rows,
        pairs.where("o_name <=> f_name AND o_email <=> f_email AND o_city <=> f_city").count());
    assertEquals(in.where("name IS NULL").count(), out.where("name IS NULL").count());
    assertTrue(pairs.where("i_email = o_email").count() == 0);
    assertEquals(
        out.where("email IS NOT NULL").count(),
        out.where("email RLIKE '^[a-z]+\\\\.[a-z]+[0-9]{1,2}@[a-z.]*example[a-z.]*$'").count());
    // One input, one fake: as many distinct fakes as distinct inputs, give or take collisions.
    long distinctIn = in.select("email").distinct().count();
    assertTrue(out.select("email").distinct().count() > distinctIn * 0.98);
    Metadata t =
        out.schema()
            .apply("email")
            .metadata()
            .getMetadata(ColumnRewriter.METADATA_KEY)
            .getMetadataArray("transforms")[0];
    assertEquals("fake", t.getString("with"));
    assertEquals("email", t.getString("dictionary"));
    assertEquals("people", t.getString("key"));
  }

  @Test
  void configProblemsNameTheDictionaryAndTheAcceptedOnes() throws IOException {
    CliRun r =
        CliRun.of(
            "check",
            job(
                    "bad",
                    "      name { op = replace, with = fake, key = people, dictionary = planets }\n"
                        + "      email { op = replace, with = pseudonym, key = people, dictionary = email }\n"
                        + "      phone { op = replace, with = fake, key = people }\n")
                .toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("planets is not a valid dictionary"), r.err);
    assertTrue(
        r.err.contains(
            "Accepted values are name-zh, name-latin, first-name, last-name, city, street, email,"
                + " word."),
        r.err);
    assertTrue(r.err.contains("Invalid 'dictionary'"), r.err);
    assertTrue(r.err.contains("replace with pseudonym takes context, key, length, prefix."), r.err);
    assertTrue(r.err.contains("Missing 'dictionary' in "), r.err);
  }
}
