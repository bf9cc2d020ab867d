package io.veil.sample;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.validate.ChineseIdNumber;
import io.veil.ops.validate.Luhn;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {

  private static final long ROWS = 1_000;
  private static final long SEED = 42;

  private static SparkSession spark;
  private static Dataset<Row> customers;

  @BeforeAll
  static void generate() {
    spark = SharedSpark.get();
    customers = SampleDataGenerator.customers(spark, ROWS, SEED, 3).cache();
  }

  @Test
  void customersHaveTheExactSchema() {
    StructType expected =
        new StructType()
            .add("customer_id", DataTypes.LongType)
            .add("name", DataTypes.StringType)
            .add("email", DataTypes.StringType)
            .add("phone", DataTypes.StringType)
            .add("id_card", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType)
            .add("signup_ts", DataTypes.TimestampType)
            .add("salary", DataTypes.IntegerType)
            .add("card_number", DataTypes.StringType)
            .add("ip_address", DataTypes.StringType)
            .add(
                "address",
                DataTypes.createStructType(
                    List.of(
                        DataTypes.createStructField("street", DataTypes.StringType, true),
                        DataTypes.createStructField("city", DataTypes.StringType, true),
                        DataTypes.createStructField("postcode", DataTypes.StringType, true))))
            .add("notes", DataTypes.StringType)
            .add(
                "contacts",
                DataTypes.createArrayType(
                    new StructType()
                        .add("kind", DataTypes.StringType)
                        .add("phone", DataTypes.StringType),
                    true))
            .add("tags", DataTypes.createArrayType(DataTypes.StringType, true))
            .add(
                "attributes",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true))
            .add("country", DataTypes.StringType);
    assertEquals(expected, customers.schema());
    assertEquals(expected, SampleDataGenerator.CUSTOMERS_SCHEMA);
    assertEquals(ROWS, customers.count());
    assertEquals(ROWS, customers.select("customer_id").distinct().count(), "customer_id is unique");
    assertEquals(
        1L, customers.agg(org.apache.spark.sql.functions.min("customer_id")).first().getLong(0));
  }

  @Test
  void everyIdCardIsValidAndCarriesTheBirthDate() {
    List<Row> rows =
        customers
            .selectExpr("id_card", "date_format(birth_date, 'yyyyMMdd')", "year(birth_date)")
            .collectAsList();
    for (Row row : rows) {
      String id = row.getString(0);
      assertTrue(ChineseIdNumber.isValid(id), id);
      assertEquals(row.getString(1), id.substring(6, 14), id);
      assertTrue(row.getInt(2) >= 1940 && row.getInt(2) <= 2007);
    }
  }

  @Test
  void everyCardNumberPassesLuhn() {
    for (Row row : customers.select("card_number").collectAsList()) {
      String digits = row.getString(0).replace(" ", "");
      assertTrue(digits.matches("\\d{16}") && Luhn.isValid(digits), row.getString(0));
    }
  }

  @Test
  void everyEmailDomainIsAReservedOne() {
    Set<String> domains = Set.copyOf(SampleDictionaries.lines("email-domains.txt"));
    for (Row row : customers.select("email").collectAsList()) {
      String email = row.getString(0);
      assertTrue(domains.contains(email.substring(email.indexOf('@') + 1)), email);
    }
  }

  @Test
  void chineseNamesAreBetweenHalfAndSeventyPercent() {
    long chinese = customers.filter(col("name").rlike("^\\p{IsHan}+$")).count();
    assertTrue(chinese >= ROWS * 0.5 && chinese <= ROWS * 0.7, "Chinese names: " + chinese);
    long cn = customers.filter(col("country").equalTo("CN")).count();
    assertTrue(cn >= ROWS * 0.5 && cn <= ROWS * 0.7, "CN rows: " + cn);
  }

  @Test
  void sameSeedGivesIdenticalRowsWhateverThePartitioning() {
    List<String> again = asJson(SampleDataGenerator.customers(spark, ROWS, SEED, 1));
    assertEquals(asJson(customers), again);
    List<String> ordersA = asJson(SampleDataGenerator.orders(spark, ROWS, SEED, 2));
    List<String> ordersB = asJson(SampleDataGenerator.orders(spark, ROWS, SEED, 5));
    assertEquals(ordersA, ordersB);
  }

  @Test
  void anotherSeedGivesOtherRows() {
    List<String> ours = asJson(customers);
    List<String> theirs = asJson(SampleDataGenerator.customers(spark, ROWS, SEED + 1, 3));
    long same = 0;
    for (int i = 0; i < ours.size(); i++) {
      if (ours.get(i).equals(theirs.get(i))) {
        same++;
      }
    }
    assertEquals(0, same);
    assertNotEquals(
        customers.select("email").collectAsList(),
        SampleDataGenerator.customers(spark, ROWS, SEED + 1, 3).select("email").collectAsList());
  }

  @Test
  void ordersCarryTheirCustomersEmail() {
    Dataset<Row> orders = SampleDataGenerator.orders(spark, ROWS, SEED, 2);
    assertEquals(2 * ROWS, orders.count());
    assertEquals(2 * ROWS, orders.select("order_id").distinct().count());
    Dataset<Row> joined =
        orders.as("o").join(customers.as("c"), col("o.customer_id").equalTo(col("c.customer_id")));
    assertEquals(2 * ROWS, joined.count(), "every order references a customer");
    assertEquals(0, joined.filter(col("o.email").notEqual(col("c.email"))).count());
    assertEquals(0, joined.filter(col("o.order_ts").lt(col("c.signup_ts"))).count());
    assertEquals(
        new StructType()
            .add("order_id", DataTypes.LongType)
            .add("customer_id", DataTypes.LongType)
            .add("email", DataTypes.StringType)
            .add("amount", DataTypes.createDecimalType(10, 2))
            .add("order_ts", DataTypes.TimestampType)
            .add("status", DataTypes.StringType),
        orders.schema());
  }

  @Test
  void writeAllWritesPartitionedCustomersAndOrders(@TempDir Path dir) throws IOException {
    SampleDataGenerator.writeAll(spark, dir.toString(), 300, SEED);

    Dataset<Row> customersBack = spark.read().parquet(dir.resolve("customers").toString());
    assertEquals(SampleDataGenerator.CUSTOMERS_SCHEMA, customersBack.schema());
    assertEquals(300, customersBack.count());
    assertEquals(asJson(SampleDataGenerator.customers(spark, 300, SEED, 1)), asJson(customersBack));
    Set<String> partitions;
    try (Stream<Path> list = Files.list(dir.resolve("customers"))) {
      partitions =
          list.filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .collect(Collectors.toSet());
    }
    assertEquals(
        Set.of("country=CN", "country=US", "country=GB", "country=DE", "country=FR"), partitions);
    for (String partition : partitions) {
      try (Stream<Path> files = Files.list(dir.resolve("customers").resolve(partition))) {
        assertEquals(
            1, files.filter(p -> p.toString().endsWith(".snappy.parquet")).count(), partition);
      }
    }

    Dataset<Row> ordersBack = spark.read().parquet(dir.resolve("orders").toString());
    assertEquals(SampleDataGenerator.ORDERS_SCHEMA, ordersBack.schema());
    assertEquals(600, ordersBack.count());
  }

  @Test
  void committedSampleIsWhatTheGeneratorWrites() {
    // sample-data/ is regenerated with --rows 2000 --seed 42 (see its README); this pins it to
    // the code, so a generator change that forgets to regenerate it fails here.
    Path sample = Path.of(System.getProperty("veil.project.dir", ".."), "sample-data");
    Dataset<Row> committed = spark.read().parquet(sample.resolve("customers").toString());
    assertEquals(SampleDataGenerator.CUSTOMERS_SCHEMA, committed.schema());
    assertEquals(asJson(SampleDataGenerator.customers(spark, 2_000, 42, 1)), asJson(committed));
    Dataset<Row> committedOrders = spark.read().parquet(sample.resolve("orders").toString());
    assertEquals(asJson(SampleDataGenerator.orders(spark, 2_000, 42, 1)), asJson(committedOrders));
  }

  @Test
  void partitionCountGrowsWithRows() {
    assertEquals(1, SampleDataGenerator.partitionsFor(0));
    assertEquals(1, SampleDataGenerator.partitionsFor(2_000));
    assertEquals(1, SampleDataGenerator.partitionsFor(50_000));
    assertEquals(4, SampleDataGenerator.partitionsFor(200_000));
    assertEquals(4, SampleDataGenerator.partitionsFor(1_000_000));
    assertEquals(10, SampleDataGenerator.partitionsFor(5_000_000));
  }

  /** Rows as JSON in id order: comparable even with map columns, which Spark cannot compare. */
  private static List<String> asJson(Dataset<Row> table) {
    String id = table.columns()[0];
    return table.orderBy(id).toJSON().collectAsList();
  }
}
