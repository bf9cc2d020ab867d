package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.Masker;
import io.veil.testing.SharedSpark;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ColumnRewriterTest {
  private static Dataset<Row> people;

  @BeforeAll
  static void data() {
    SparkSession spark = SharedSpark.get();
    people =
        spark.sql(
            "SELECT * FROM VALUES "
                + "(1, 'Zhang Wei', named_struct('city', 'Beijing', 'street', '1 Chang An', 'zip', '100000'),"
                + "  array(named_struct('kind', 'home', 'phone', '13812345678')), array('vip', 'web'),"
                + "  map('channel', 'web'), 'CN'),"
                + "(2, NULL, NULL, NULL, NULL, NULL, 'US') "
                + "AS t(id, name, address, contacts, tags, attributes, `country.code`)");
  }

  static ColumnOperation mask() {
    Masker m = Masker.positional(1, 0, '*');
    return new StringOperation(
        "mask", "veil_mask", m::mask, StringOperation.containsOtherThan('*'));
  }

  /** A keep-first mask's settings, as the config reader makes them. */
  static ColumnAction masking() {
    return ColumnAction.transform(
        io.veil.spark.op.Operations.fromRecord(
            Map.of("op", "mask", "char", "*", "keep-first", 1, "keep-last", 0)),
        mask());
  }

  static Map<ColumnPath, ColumnAction> rules(Object... pairs) {
    Map<ColumnPath, ColumnAction> r = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      r.put(ColumnPath.parse((String) pairs[i]), (ColumnAction) pairs[i + 1]);
    }
    return r;
  }

  static Dataset<Row> apply(ColumnRewriter.Plan plan) {
    assertTrue(plan.problems().isEmpty(), () -> plan.problems().toString());
    return people.select(plan.columns().toArray(new Column[0]));
  }

  @Test
  void rewritesNestedFieldsArraysAndMaps() {
    ColumnAction m = masking();
    ColumnRewriter.Plan plan =
        ColumnRewriter.plan(
            people.schema(),
            rules(
                "id",
                ColumnAction.KEEP,
                "name",
                m,
                "address.city",
                ColumnAction.KEEP,
                "address.street",
                m,
                "address.zip",
                ColumnAction.DROP,
                "contacts[].kind",
                ColumnAction.KEEP,
                "contacts[].phone",
                m,
                "tags[]",
                m,
                "attributes{}",
                m,
                "`country.code`",
                ColumnAction.KEEP),
            UnlistedColumns.FAIL);
    Dataset<Row> out = apply(plan);
    assertEquals(
        List.of("id", "name", "address", "contacts", "tags", "attributes", "country.code"),
        Arrays.asList(out.columns()));
    Row r = out.orderBy("id").first();
    assertEquals("Z********", r.getString(1));
    Row address = r.getStruct(2);
    assertEquals("Beijing", address.getString(0));
    assertEquals("1*********", address.getString(1));
    assertEquals(2, address.length()); // zip dropped, field order kept
    assertEquals(
        "1**********", r.getList(3).stream().map(x -> ((Row) x).getString(1)).findFirst().get());
    // Three letters with the first kept would hide two: masked whole (issue 20, finding 4).
    assertEquals(List.of("***", "***"), r.getList(4));
    assertEquals("***", r.getJavaMap(5).get("channel"));
    Row nulls = out.orderBy("id").collectAsList().get(1);
    assertNull(nulls.get(1));
    assertNull(nulls.get(2));
    assertNull(nulls.get(3));
    assertEquals(List.of("address.zip"), plan.droppedPaths());
    assertEquals(List.of("id", "country.code"), plan.untouchedColumns());
  }

  @Test
  void recordsWhatWasDoneInColumnMetadata() {
    ColumnRewriter.Plan plan =
        ColumnRewriter.plan(
            people.schema(),
            rules("name", masking(), "address.street", masking()),
            UnlistedColumns.KEEP);
    Dataset<Row> out = apply(plan);
    Metadata name = field(out, "name").metadata().getMetadata(ColumnRewriter.METADATA_KEY);
    Metadata t = name.getMetadataArray("transforms")[0];
    assertEquals("name", t.getString("path"));
    assertEquals("mask", t.getString("op"));
    assertEquals(1, t.getLong("keep-first"));
    assertEquals("string", t.getString("original_type"));
    Metadata address = field(out, "address").metadata().getMetadata(ColumnRewriter.METADATA_KEY);
    assertEquals("address.street", address.getMetadataArray("transforms")[0].getString("path"));
    assertTrue(!field(out, "id").metadata().contains(ColumnRewriter.METADATA_KEY));
  }

  @Test
  void unlistedPolicy() {
    ColumnRewriter.Plan fail =
        ColumnRewriter.plan(
            people.schema(),
            rules("id", ColumnAction.KEEP, "address.city", ColumnAction.KEEP),
            UnlistedColumns.FAIL);
    List<String> unlisted =
        fail.problems().stream()
            .filter(p -> p.kind() == SchemaProblem.Kind.UNLISTED_COLUMN)
            .map(SchemaProblem::path)
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "name",
            "address.street",
            "address.zip",
            "contacts",
            "tags",
            "attributes",
            "`country.code`"),
        unlisted);
    ColumnRewriter.Plan drop =
        ColumnRewriter.plan(
            people.schema(),
            rules("id", ColumnAction.KEEP, "address.city", ColumnAction.KEEP),
            UnlistedColumns.DROP);
    Dataset<Row> out = apply(drop);
    assertEquals(List.of("id", "address"), Arrays.asList(out.columns()));
    assertEquals(1, out.first().getStruct(1).length());
  }

  @Test
  void reportsMissingMistypedAndConflictingRules() {
    ColumnRewriter.Plan plan =
        ColumnRewriter.plan(
            people.schema(),
            rules(
                "Name", ColumnAction.KEEP,
                "address.town", ColumnAction.KEEP,
                "id", masking(),
                "contacts.phone", ColumnAction.KEEP,
                "tags", ColumnAction.KEEP,
                "tags[]", ColumnAction.KEEP),
            UnlistedColumns.KEEP);
    List<String> messages =
        plan.problems().stream().map(SchemaProblem::message).collect(Collectors.toList());
    assertTrue(
        messages.contains("Missing column Name (did you mean name? names are case-sensitive)"),
        messages::toString);
    assertTrue(messages.contains("Missing column address.town"), messages::toString);
    assertTrue(
        messages.contains("Cannot apply mask to id of type int: mask takes strings"),
        messages::toString);
    assertTrue(
        messages.contains(
            "Invalid path contacts.phone: contacts is an array; write contacts[].phone"),
        messages::toString);
    assertTrue(
        messages.stream().anyMatch(m -> m.startsWith("Conflicting rules: tags has op keep")),
        messages::toString);
  }

  private static StructField field(Dataset<Row> df, String name) {
    return df.schema().apply(name);
  }
}
