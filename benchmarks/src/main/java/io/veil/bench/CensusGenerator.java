package io.veil.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A census-like table for the privacy model's benchmark: people with one or two visits each, their
 * age, five-digit zip and sex (the same on every visit: they are the person's), and per visit a
 * diagnosis (categorical) and its cost (numeric), the sensitive attributes.
 *
 * <p>The distributions are chosen so that the table is not anonymous as it is (five-digit zips
 * single out most people) but becomes so a few levels up, as real census data does: ages are
 * bell-shaped around 40 (a sum of three uniforms, sd about 22; 90 and over are 90, as census
 * releases top-code them, and below 0 is 0), zips have 800 three-digit areas whose populations fall
 * off steeply (a few dense cities, a long rural tail) and 100 five-digit zips in each, and
 * diagnoses are skewed (the commonest a quarter of visits, the rarest under 1%), so that
 * l-diversity bites only in small classes.
 *
 * <p>Every value is a function of the row's id and the seed (Spark's xxhash64), computed in Spark's
 * generated code: 10M rows take seconds, the same on every run and cluster.
 */
public final class CensusGenerator {
  /** The table's columns, the quasi-identifiers first. */
  static final String[] COLUMNS = {"person_id", "age", "zip", "sex", "diagnosis", "cost"};

  static final String[] DIAGNOSES = {
    "flu",
    "cold",
    "back pain",
    "hypertension",
    "asthma",
    "diabetes",
    "migraine",
    "fracture",
    "depression",
    "allergy",
    "pneumonia",
    "hiv"
  };

  /** Visits per person on average: person i has the rows whose id * 5/8 rounds down to i. */
  static final double ROWS_PER_PERSON = 1.6;

  private CensusGenerator() {}

  /** {@code rows} visits, in {@code files} partitions of about equal size. */
  public static Dataset<Row> table(SparkSession spark, long rows, long seed, int files) {
    Column id = functions.col("id");
    Column person = functions.floor(id.divide(ROWS_PER_PERSON)).as("person_id");
    Dataset<Row> people = spark.range(0, rows, 1, files).select(id, person);
    Column p = functions.col("person_id");
    Column ageSum = uniform(p, seed, 1).plus(uniform(p, seed, 2)).plus(uniform(p, seed, 3));
    Column age =
        functions.least(
            functions.lit(90),
            functions.greatest(
                functions.lit(0),
                functions.floor(ageSum.minus(1.5).multiply(44).plus(40)).cast("int")));
    // u^3 crowds the areas toward the low numbers: area 100 holds some 60 times area 899's people.
    Column area =
        functions.floor(functions.pow(uniform(p, seed, 4), 3).multiply(800)).plus(100).cast("int");
    Column local = functions.floor(uniform(p, seed, 5).multiply(100)).cast("int");
    Column zip = functions.format_string("%03d%02d", area, local);
    Column sex = functions.when(uniform(p, seed, 6).lt(0.5), "F").otherwise("M");
    Column diagnosis =
        functions.element_at(
            functions.array(
                java.util.Arrays.stream(DIAGNOSES).map(functions::lit).toArray(Column[]::new)),
            functions
                .floor(functions.pow(uniform(id, seed, 7), 2).multiply(DIAGNOSES.length))
                .cast("int")
                .plus(1));
    Column cost = functions.floor(functions.exp(uniform(id, seed, 8).multiply(8))).cast("int");
    return people.select(
        p, age.as("age"), zip.as("zip"), sex.as("sex"), diagnosis.as("diagnosis"), cost.as("cost"));
  }

  /** A uniform double in [0, 1) from {@code c}, the seed and a stream number. */
  private static Column uniform(Column c, long seed, int stream) {
    Column h = functions.xxhash64(c, functions.lit(seed), functions.lit(stream));
    return functions.pmod(h, functions.lit(1L << 40)).cast("double").divide((double) (1L << 40));
  }
}
