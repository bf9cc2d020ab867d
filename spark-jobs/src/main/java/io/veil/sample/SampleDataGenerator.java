package io.veil.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.timestamp_micros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes the fake-PII sample tables {@code customers} and {@code orders}.
 *
 * <p>Generation is distributed: each table starts from {@code spark.range} and every executor
 * builds its rows from (seed, row id) alone, so the driver holds no rows and the same seed gives
 * the same values whatever the number of partitions.
 */
public final class SampleDataGenerator {

  /** The customers table, in column order; {@code country} is its partition column. */
  public static final StructType CUSTOMERS_SCHEMA =
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
              new StructType()
                  .add("street", DataTypes.StringType)
                  .add("city", DataTypes.StringType)
                  .add("postcode", DataTypes.StringType))
          .add("notes", DataTypes.StringType)
          .add(
              "contacts",
              DataTypes.createArrayType(
                  new StructType()
                      .add("kind", DataTypes.StringType)
                      .add("phone", DataTypes.StringType)))
          .add("tags", DataTypes.createArrayType(DataTypes.StringType))
          .add("attributes", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
          .add("country", DataTypes.StringType);

  /** The orders table, in column order. */
  public static final StructType ORDERS_SCHEMA =
      new StructType()
          .add("order_id", DataTypes.LongType)
          .add("customer_id", DataTypes.LongType)
          .add("email", DataTypes.StringType)
          .add("amount", DataTypes.createDecimalType(10, 2))
          .add("order_ts", DataTypes.TimestampType)
          .add("status", DataTypes.StringType);

  /** Rows per generation task: one task's share of a 1M-row table on two cores. */
  static final long ROWS_PER_PARTITION = 500_000;

  private static final long MIN_FILES = 4;
  private static final long MIN_ROWS_PER_FILE = 50_000;

  private static final String USAGE =
      "Usage: SampleDataGenerator --rows N --out DIR [--seed S] [--master URL]";

  private SampleDataGenerator() {}

  /**
   * The customers table: {@code rows} rows with {@code customer_id} 1 to {@code rows}, built in
   * {@code partitions} tasks.
   */
  public static Dataset<Row> customers(SparkSession spark, long rows, long seed, int partitions) {
    checkSize(rows, partitions);
    // Dates and timestamps travel as epoch days and microseconds and are converted by Spark, so
    // the rows hold no java.sql or java.time objects: same result whatever the JVM time zone or
    // spark.sql.datetime.java8API.enabled, and no sun.util.calendar access is needed.
    Dataset<Row> raw =
        spark
            .range(0, rows, 1, partitions)
            .map(
                (MapFunction<Long, Row>) row -> customerRow(FakeCustomers.customer(seed, row)),
                Encoders.row(transportSchema(CUSTOMERS_SCHEMA)));
    return raw.select(columnsOf(CUSTOMERS_SCHEMA));
  }

  /**
   * The orders table: {@code 2 * customerRows} orders, each for a random customer among the {@code
   * customerRows} customers of the same seed, carrying that customer's e-mail.
   */
  public static Dataset<Row> orders(
      SparkSession spark, long customerRows, long seed, int partitions) {
    checkSize(customerRows, partitions);
    long rows = FakeOrders.ORDERS_PER_CUSTOMER * customerRows;
    Dataset<Row> raw =
        spark
            .range(0, rows, 1, partitions)
            .map(
                (MapFunction<Long, Row>) row -> orderRow(FakeOrders.order(seed, row, customerRows)),
                Encoders.row(transportSchema(ORDERS_SCHEMA)));
    return raw.select(columnsOf(ORDERS_SCHEMA));
  }

  /**
   * Writes {@code outDir/customers} (partitioned by {@code country}) and {@code outDir/orders} as
   * snappy Parquet, replacing whatever those two directories held.
   */
  public static void writeAll(SparkSession spark, String outDir, long rows, long seed) {
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(outDir);
    customers(spark, rows, seed, partitionsFor(rows))
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "snappy")
        .partitionBy("country")
        .parquet(new org.apache.hadoop.fs.Path(out, "customers").toString());
    long orderRows = FakeOrders.ORDERS_PER_CUSTOMER * rows;
    orders(spark, rows, seed, partitionsFor(orderRows))
        .write()
        .mode(SaveMode.Overwrite)
        .option("compression", "snappy")
        .parquet(new org.apache.hadoop.fs.Path(out, "orders").toString());
  }

  /**
   * Each task writes one file per country it holds, so fewer, larger tasks mean fewer files: a
   * 2,000-row sample is one file per country, 5M rows make 10 tasks.
   */
  static int partitionsFor(long rows) {
    long byShare = (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION;
    // Benchmark-sized tables get at least four files, so that reading them keeps every core of a
    // small machine busy; a one-file table would time one core, not Veil.
    long byCores = Math.min(MIN_FILES, (rows + MIN_ROWS_PER_FILE - 1) / MIN_ROWS_PER_FILE);
    return (int) Math.max(1, Math.max(byShare, byCores));
  }

  /**
   * {@code --rows N --out DIR [--seed S] [--master URL]}; without {@code --master} and without a
   * {@code spark.master} setting the run is local on every core. Exits 2 on bad usage.
   */
  public static void main(String[] args) {
    Map<String, String> options;
    long rows;
    long seed;
    try {
      options = parseOptions(args);
      rows = parseLong(options, "--rows", null);
      seed = parseLong(options, "--seed", "42");
      if (rows < 1) {
        throw new IllegalArgumentException("Invalid --rows: must be at least 1");
      }
      if (!options.containsKey("--out")) {
        throw new IllegalArgumentException("Missing --out DIR");
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    String outDir = options.get("--out");

    SparkSession.Builder builder = SparkSession.builder().appName("veil sample-data");
    if (options.containsKey("--master")) {
      builder.master(options.get("--master"));
    } else if (!new SparkConf().contains("spark.master")) {
      builder.master("local[*]");
    }
    SparkSession spark = builder.getOrCreate();
    try {
      Instant start = Instant.now();
      writeAll(spark, outDir, rows, seed);
      removeLocalMarkerFiles(spark, outDir);
      System.out.printf(
          "Wrote %d customers and %d orders (seed %d) under %s in %.1f s%n",
          rows,
          FakeOrders.ORDERS_PER_CUSTOMER * rows,
          seed,
          outDir,
          Duration.between(start, Instant.now()).toMillis() / 1000.0);
    } finally {
      spark.stop();
    }
  }

  private static Row customerRow(FakeCustomers.Customer c) {
    FakeCustomers.Address a = c.address();
    Row[] contacts = new Row[c.contacts().size()];
    for (int i = 0; i < contacts.length; i++) {
      FakeCustomers.Contact contact = c.contacts().get(i);
      contacts[i] = RowFactory.create(contact.kind(), contact.phone());
    }
    return RowFactory.create(
        c.customerId(),
        c.name(),
        c.email(),
        c.phone(),
        c.idCard(),
        (int) c.birthDate().toEpochDay(),
        epochMicros(c.signupTs()),
        c.salary(),
        c.cardNumber(),
        c.ipAddress(),
        RowFactory.create(a.street(), a.city(), a.postcode()),
        c.notes(),
        contacts,
        c.tags().toArray(new String[0]),
        CollectionConverters.asScala(c.attributes()),
        c.country());
  }

  private static Row orderRow(FakeOrders.Order o) {
    return RowFactory.create(
        o.orderId(), o.customerId(), o.email(), o.amount(), epochMicros(o.orderTs()), o.status());
  }

  private static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /** The schema rows are encoded with: dates as epoch days (int), timestamps as micros (long). */
  private static StructType transportSchema(StructType schema) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      DataType type = f.dataType();
      if (type.equals(DataTypes.DateType)) {
        type = DataTypes.IntegerType;
      } else if (type.equals(DataTypes.TimestampType)) {
        type = DataTypes.LongType;
      }
      fields.add(new StructField(f.name(), type, f.nullable(), f.metadata()));
    }
    return DataTypes.createStructType(fields);
  }

  private static Column[] columnsOf(StructType schema) {
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      String name = schema.fields()[i].name();
      DataType type = schema.fields()[i].dataType();
      if (type.equals(DataTypes.DateType)) {
        columns[i] = date_from_unix_date(col(name)).as(name);
      } else if (type.equals(DataTypes.TimestampType)) {
        columns[i] = timestamp_micros(col(name)).as(name);
      } else {
        columns[i] = col(name);
      }
    }
    return columns;
  }

  private static void checkSize(long rows, int partitions) {
    if (rows < 0) {
      throw new IllegalArgumentException("Invalid row count " + rows + ": must not be negative");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "Invalid partition count " + partitions + ": must be at least 1");
    }
  }

  /**
   * Spark's local file system leaves a {@code .crc} beside every file and a {@code _SUCCESS}
   * marker; in a directory committed to git they are noise, so a local run removes them.
   */
  private static void removeLocalMarkerFiles(SparkSession spark, String outDir) {
    try {
      org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(outDir);
      FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!(fs instanceof LocalFileSystem)) {
        return;
      }
      Path root = ((LocalFileSystem) fs).pathToFile(fs.makeQualified(out)).toPath();
      for (String table : new String[] {"customers", "orders"}) {
        try (Stream<Path> files = Files.walk(root.resolve(table))) {
          for (Path file : (Iterable<Path>) files::iterator) {
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file) && (name.endsWith(".crc") || name.equals("_SUCCESS"))) {
              Files.delete(file);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove marker files under " + outDir, e);
    }
  }

  private static Map<String, String> parseOptions(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!List.of("--rows", "--out", "--seed", "--master").contains(name)) {
        throw new IllegalArgumentException(
            "Invalid argument " + name + ": accepted options are --rows, --out, --seed, --master");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("Missing value after " + name);
      }
      options.put(name, args[++i]);
    }
    return options;
  }

  private static long parseLong(Map<String, String> options, String name, String fallback) {
    String value = options.getOrDefault(name, fallback);
    if (value == null) {
      throw new IllegalArgumentException("Missing " + name);
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + name + ": not a whole number");
    }
  }
}
