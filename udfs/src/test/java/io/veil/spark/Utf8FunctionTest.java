package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.MaskPreset;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's functions on Spark's bytes write exactly what the Java UDFs (the SQL functions) write:
 * ASCII, other text, supplementary characters, null, and strings whose bytes are not UTF-8 at all,
 * in generated code and inside a lambda (which Spark evaluates without code generation).
 */
class Utf8FunctionTest {
  private static Dataset<Row> values;

  @BeforeAll
  static void data() {
    SparkSession spark = SharedSpark.get();
    List<String> strings = new ArrayList<>(SparkMaskCompatibilityTest.randomStrings(2000, 9));
    strings.addAll(List.of("zhang.wei@example.com", "13812345678", "", "ab", "😀 emoji 😀", "王伟"));
    strings.add(null);
    Dataset<Row> text = spark.createDataset(strings, Encoders.STRING()).toDF("s");
    // Bytes that are not UTF-8 (an overlong form, a lone continuation byte, a surrogate): Parquet
    // files written by other tools can hold such strings.
    Dataset<Row> broken = spark.sql("SELECT CAST(unhex(h) AS STRING) AS s FROM VALUES ('41C080'), ('80'),"
        + " ('6162EDA080'), ('414243FF44454647') AS t(h)");
    values = text.unionByName(broken).cache();
  }

  private static void assertSameValues(ColumnOperation onBytes, ColumnOperation udf) {
    Column s = values.col("s");
    List<Row> rows = values.select(onBytes.apply(s, DataTypes.StringType), udf.apply(s, DataTypes.StringType),
        functions.transform(functions.array(s), x -> onBytes.apply(x, DataTypes.StringType)).getItem(0),
        functions.transform(functions.array(s), x -> udf.apply(x, DataTypes.StringType)).getItem(0)).collectAsList();
    assertEquals(values.count(), rows.size());
    int nulls = 0;
    for (Row r : rows) {
      assertEquals(r.getString(1), r.getString(0));
      assertEquals(r.getString(1), r.getString(2), "in a lambda");
      assertEquals(r.getString(3), r.getString(2), "in a lambda");
      nulls += r.isNullAt(0) ? 1 : 0;
    }
    assertEquals(1, nulls);
  }

  @Test
  void masksOnBytesAreTheUdfMasks() {
    for (Masker m : List.of(Masker.positional(3, 4, '*'), Masker.positional(1, 0, 0x2022),
        Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER),
        Masker.byClass(2, 1, Masker.KEEP, 'x', '9', '_', '?'))) {
      assertSameValues(StringOperation.mask("veil_mask", m, Map.of(), null),
          new StringOperation("mask", "veil_mask", m::mask, Map.of(), null));
    }
  }

  @Test
  void presetsOnBytesAreTheUdfPresets() {
    for (MaskPreset p : MaskPreset.values()) {
      assertSameValues(StringOperation.preset("veil_mask_preset", p, '#', Map.of(), null),
          new StringOperation("mask", "veil_mask_preset", v -> p.mask(v, '#'), Map.of(), null));
    }
  }

  @Test
  void classMaskOnBytesIsSparksMask() {
    Masker sparkLike = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    Dataset<Row> text = values.where("s IS NULL OR s NOT RLIKE '[\\\\x{10000}-\\\\x{10FFFF}]'"); // see Masker
    Column s = text.col("s");
    List<Row> rows = text.select(StringOperation.mask("veil_mask", sparkLike, Map.of(), null)
        .apply(s, DataTypes.StringType), functions.call_function("mask", s)).collectAsList();
    for (Row r : rows) {
      assertEquals(r.getString(1), r.getString(0));
    }
  }

  @Test
  void pseudonymsOnBytesAreTheUdfPseudonyms() {
    KeyMaterial key = KeyMaterial.random(32);
    Pseudonymizer p = new Pseudonymizer(key, "c_", 20);
    assertSameValues(PseudonymOperation.onBytes(p, "pii", 1, "c_", 20), new PseudonymOperation(p, "pii", 1, "c_", 20));
  }

  @Test
  void planNamesTheFunctionAndHoldsNoKey() {
    byte[] keyBytes = KeyMaterial.random(32).copyBytes();
    Pseudonymizer p = new Pseudonymizer(KeyMaterial.of(keyBytes), "", 20);
    Dataset<Row> out = values.select(PseudonymOperation.onBytes(p, "pii", 1, "", 20)
        .apply(values.col("s"), DataTypes.StringType).as("p"));
    String plans = out.queryExecution().toString() + out.queryExecution().executedPlan().treeString();
    assertTrue(plans.contains("veil_pseudonym"), plans);
    assertFalse(plans.toLowerCase().contains(HexFormat.of().formatHex(keyBytes)), plans);
    assertFalse(plans.contains(Base64.getEncoder().encodeToString(keyBytes)), plans);
    assertEquals(0, out.where("p IS NULL").count() - values.where("s IS NULL").count());
  }
}
