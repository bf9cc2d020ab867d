package io.veil.job.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.spark.ColumnPath;
import io.veil.spark.TransformedField;
import io.veil.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.Serializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The leak count is exact whatever the filters let through: with no candidate (the join skipped),
 * with every value a candidate (tiny filters), collected or too many to collect; and the filters'
 * sizing.
 */
class LeakCheckTest {
  static final int ROWS = 3000;
  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.IntegerType)
          .add("name", DataTypes.StringType)
          .add("phones", DataTypes.createArrayType(DataTypes.StringType))
          .add("n", DataTypes.LongType);
  static final List<TransformedField> FIELDS =
      List.of(
          field("name", DataTypes.StringType),
          field("phones[]", DataTypes.createArrayType(DataTypes.StringType)),
          field("n", DataTypes.LongType));

  static SparkSession spark;
  static Dataset<Row> input;

  @BeforeAll
  static void data() {
    spark = SharedSpark.get();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(
          RowFactory.create(i, "name-" + i, Arrays.asList("+1-" + i, null, "+2-" + i), (long) i));
    }
    input = spark.createDataFrame(rows, SCHEMA);
  }

  static TransformedField field(String path, org.apache.spark.sql.types.DataType type) {
    return new TransformedField(ColumnPath.parse(path), null, null, type, type);
  }

  /**
   * Output where row i's values are changed, except: rows divisible by 100 get the next row's name
   * (30 leaks: an input value of the column, though not the row's own), rows divisible by 7 keep
   * their second phone (429 leaks), and no n leaks.
   */
  static Dataset<Row> written() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      String name = i % 100 == 0 ? "name-" + (i + 1) : "masked-" + i;
      String second = i % 7 == 0 ? "+2-" + i : "+9-" + i;
      rows.add(RowFactory.create(i, name, Arrays.asList("+0-" + i, null, second), -1L - i));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /**
   * Redacted notes: the leak check compares the personal data found in them, not the notes. An
   * e-mail redacted from one row's note and written again in another row's note is a leak, as is a
   * phone redacted from the notes array and left in place; redacted notes and notes only equal to
   * other notes are not.
   */
  @Test
  void redactedNotesAreCheckedForTheirPiecesAnywhereInTheColumn() {
    StructType schema =
        new StructType()
            .add("note", DataTypes.StringType)
            .add("notes", DataTypes.createArrayType(DataTypes.StringType));
    io.veil.ops.TextRedactor redactor =
        new io.veil.ops.TextRedactor(
            io.veil.ops.TextRedactor.Style.TYPE, io.veil.ops.TextRedactor.TYPES);
    io.veil.spark.RedactOperation op =
        new io.veil.spark.RedactOperation(redactor, io.veil.ops.TextRedactor.TYPES);
    List<Row> in = new ArrayList<>();
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String mail = "user" + i + "@example.com";
      String note = "Customer wrote from " + mail + " about order " + i;
      String phone = "call 1381234" + String.format("%04d", i);
      in.add(RowFactory.create(note, Arrays.asList(phone, "same words")));
      String kept = i % 50 == 0 ? "Reply sent to user" + (i + 1) + "@example.com today" : "";
      String redactedNote = redactor.redact(note) + " " + kept;
      String phoneOut = i % 40 == 0 ? phone : redactor.redact(phone);
      out.add(RowFactory.create(redactedNote, Arrays.asList(phoneOut, "same words")));
    }
    List<TransformedField> fields =
        List.of(
            new TransformedField(
                ColumnPath.parse("note"), null, op, DataTypes.StringType, DataTypes.StringType),
            new TransformedField(
                ColumnPath.parse("notes[]"),
                null,
                op,
                DataTypes.createArrayType(DataTypes.StringType),
                DataTypes.createArrayType(DataTypes.StringType)));
    Dataset<Row> input = spark.createDataFrame(in, schema);
    Dataset<Row> written = spark.createDataFrame(out, schema);
    for (long collect : new long[] {200_000, 0}) {
      assertArrayEquals(
          new long[] {4, 5},
          LeakCheck.count(input, written, fields, new long[] {64, 64}, collect),
          "collect " + collect);
      assertArrayEquals(
          new long[] {4, 5},
          LeakCheck.count(input, written, fields, null, collect),
          "collect " + collect + ", no filters for the other fields");
    }
  }

  long[] count(long bits, long broadcast) {
    return LeakCheck.count(input, written(), FIELDS, new long[] {bits, bits, bits}, broadcast);
  }

  @Test
  void countsExactlyWithFiltersSizedForTheTable() {
    assertArrayEquals(
        new long[] {30, 429, 0}, count(LeakCheck.filterBits(new long[] {2 * ROWS})[0], 200_000));
  }

  @Test
  void countsExactlyWhenEveryValueIsACandidate() {
    // One block of 256 bits for 3,000 values: every bit set, so every output value passes.
    // 12,000 distinct candidates (3,000 names, 6,000 phones, 3,000 n) in two partitions.
    assertArrayEquals(new long[] {30, 429, 0}, count(64, 200_000), "collected and broadcast");
    assertArrayEquals(
        new long[] {30, 429, 0},
        count(64, 8_000),
        "too many once the tasks' candidates are merged");
    assertArrayEquals(new long[] {30, 429, 0}, count(64, 5_000), "too many within a task");
    assertArrayEquals(new long[] {30, 429, 0}, count(64, 0), "none collected: fingerprints");
  }

  @Test
  void countsExactlyByFingerprintsWithoutFilters() {
    List<Integer> all = List.of(0, 1, 2);
    assertArrayEquals(
        new long[] {30, 429, 0},
        LeakCheck.count(input, written(), FIELDS, null, 200_000),
        "matches looked up by text");
    assertArrayEquals(
        new long[] {30, 429, 0},
        FingerprintMatch.count(input, written(), FIELDS, all, 100_000_000, 0),
        "matches counted by fingerprint, in many ranges");
  }

  @Test
  void fingerprintsSharedByUnequalValuesAreToldApartByText() {
    // Four-bit fingerprints: 16 of them for 3,000 names, so every output value's fingerprint is
    // some input value's, and only the texts tell the 30 leaks apart.
    List<Integer> all = List.of(0, 1, 2);
    assertArrayEquals(
        new long[] {30, 429, 0},
        FingerprintMatch.count(input, written(), FIELDS, all, 0, 200_000, 0xFL));
    long[] byFingerprint = FingerprintMatch.count(input, written(), FIELDS, all, 0, 10, 0xFL);
    assertArrayEquals(
        new long[] {3000, 6000, 3000},
        byFingerprint,
        "over the cap, the fingerprints' count: every value here");
  }

  @Test
  void noCandidateNoJoin() throws Exception {
    List<TransformedField> n = List.of(FIELDS.get(2));
    long sized = LeakCheck.filterBits(new long[] {ROWS})[0];
    int[] jobs = new int[2];
    jobs[0] =
        sparkJobs(
            () ->
                assertArrayEquals(
                    new long[] {0},
                    LeakCheck.count(input, written(), n, new long[] {sized}, 200_000)));
    jobs[1] =
        sparkJobs(
            () ->
                assertArrayEquals(
                    new long[] {0},
                    LeakCheck.count(input, written(), n, new long[] {64}, 200_000)));
    // Without candidates the input is read once, for the filters; with them, again for the join.
    assertTrue(
        jobs[0] < jobs[1],
        () -> "Spark jobs without and with candidates: " + Arrays.toString(jobs));
  }

  static int sparkJobs(Runnable r) throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener counter =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            jobs.incrementAndGet();
          }
        };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(counter);
    try {
      r.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    return jobs.get();
  }

  @Test
  void sizingAimsAtFewFalsePositivesWithinTheBudget() {
    // Small tables: about 0.05 expected false positives per field, so the match rarely runs.
    long[] small = {1000, 200_000, 1_000_000, 2_000_000};
    long[] bits = LeakCheck.filterBits(small);
    for (int i = 0; i < small.length; i++) {
      double rate = BlockedBloomFilter.falsePositiveRate((double) bits[i] / small[i]);
      assertTrue(rate * small[i] <= 0.05, small[i] + " values: " + bits[i] + " bits");
    }
    // Large tables: the budget is shared in proportion to the values, one rate for all fields,
    // and the false positives stay few enough to collect (customers at 5M rows: 27.5M values).
    long[] large = {5_000_000, 5_000_000, 12_000_000, 5_000_000, 5_000_000};
    long[] shared = LeakCheck.filterBits(large);
    assertTrue(Arrays.stream(shared).sum() <= LeakCheck.BUDGET_BITS, Arrays.toString(shared));
    assertTrue(Arrays.stream(shared).sum() > LeakCheck.BUDGET_BITS * 0.99, Arrays.toString(shared));
    double rate = BlockedBloomFilter.falsePositiveRate((double) shared[0] / large[0]);
    assertEquals(
        rate, BlockedBloomFilter.falsePositiveRate((double) shared[2] / large[2]), rate * 0.1);
    assertTrue(rate * Arrays.stream(large).sum() < 200_000 / 4, "1 in " + (long) (1 / rate));
    // Many fields: never below 1% at 5M values a field, whatever the budget says.
    long[] many = new long[100];
    Arrays.fill(many, 50_000_000);
    assertEquals(BlockedBloomFilter.bitsFor(5_000_000, 0.01), LeakCheck.filterBits(many)[99]);
    // Filters serve while their false positives stay few: customers at 5M rows, not at 10M.
    assertTrue(LeakCheck.filtersFit(large, shared));
    long[] tenMillion = {10_000_000, 10_000_000, 24_000_000, 10_000_000, 10_000_000};
    assertTrue(!LeakCheck.filtersFit(tenMillion, LeakCheck.filterBits(tenMillion)));
  }

  @Test
  void fingerprintMatchesSurviveEitherSerializerAndMergeWithinTheCap() {
    FingerprintMatch.Matches a = new FingerprintMatch.Matches(2, 3);
    a.add(0, 7L, 2);
    a.add(1, 9L, 1);
    SparkConf conf = new SparkConf();
    for (Serializer serializer : List.of(new JavaSerializer(conf), new KryoSerializer(conf))) {
      SerializerInstance instance = serializer.newInstance();
      ClassTag<FingerprintMatch.Matches> tag =
          ClassTag$.MODULE$.apply(FingerprintMatch.Matches.class);
      FingerprintMatch.Matches copy = instance.deserialize(instance.serialize(a, tag), tag);
      String name = serializer.getClass().getSimpleName();
      assertArrayEquals(new long[] {2, 1}, copy.counts, name);
      assertTrue(copy.sets.get(0).contains(7L), name);
      ClassTag<FingerprintMatch.Block> blockTag =
          ClassTag$.MODULE$.apply(FingerprintMatch.Block.class);
      FingerprintMatch.Block block =
          FingerprintMatch.Block.of(1, new long[] {3, 3, 5, 8}, 0, 4, true);
      FingerprintMatch.Block back =
          instance.deserialize(instance.serialize(block, blockTag), blockTag);
      assertArrayEquals(new long[] {3, 5, 8}, back.hashes, name);
      assertArrayEquals(new long[] {2, 1, 1}, back.counts, name);
    }
    FingerprintMatch.Matches b = new FingerprintMatch.Matches(2, 3);
    b.add(0, 7L, 1);
    b.add(1, 4L, 3);
    a.merge(b); // 7, 9, 4: three distinct, the cap
    assertArrayEquals(new long[] {3, 4}, a.counts);
    FingerprintMatch.Matches c = new FingerprintMatch.Matches(2, 3);
    c.add(1, 5L, 1);
    a.merge(c); // a fourth: over the cap, the fingerprints dropped and the counts kept
    assertArrayEquals(new long[] {3, 5}, a.counts);
    assertEquals(null, a.sets);
  }

  @Test
  void candidatesSurviveEitherSerializerAndMergeWithinTheCap() {
    LeakCheck.Candidates a = new LeakCheck.Candidates(2, 3);
    // Values arrive pointing into a row's buffer, which the next row overwrites: a kept one is a
    // copy.
    byte[] buffer = "x".getBytes(StandardCharsets.UTF_8);
    a.add(0, UTF8String.fromBytes(buffer), 1);
    buffer[0] = 'q';
    a.add(0, UTF8String.fromString("x"), 1);
    a.add(1, UTF8String.fromString("y"), 1);
    assertEquals(2L, a.values.get(0).get(UTF8String.fromString("x")));
    assertEquals(null, a.values.get(0).get(UTF8String.fromString("q")));
    SparkConf conf = new SparkConf();
    for (Serializer serializer : List.of(new JavaSerializer(conf), new KryoSerializer(conf))) {
      SerializerInstance instance = serializer.newInstance();
      ClassTag<LeakCheck.Candidates> tag = ClassTag$.MODULE$.apply(LeakCheck.Candidates.class);
      LeakCheck.Candidates copy = instance.deserialize(instance.serialize(a, tag), tag);
      assertArrayEquals(new long[] {2, 1}, copy.counts, serializer.getClass().getSimpleName());
      assertEquals(
          2L,
          copy.values.get(0).get(UTF8String.fromString("x")),
          serializer.getClass().getSimpleName());
    }
    LeakCheck.Candidates b = new LeakCheck.Candidates(2, 3);
    b.add(0, UTF8String.fromString("x"), 1);
    b.add(1, UTF8String.fromString("z"), 1);
    a.merge(b); // x, y, z: three distinct, the cap
    assertArrayEquals(new long[] {3, 2}, a.counts);
    assertEquals(3L, a.values.get(0).get(UTF8String.fromString("x")));
    LeakCheck.Candidates c = new LeakCheck.Candidates(2, 3);
    c.add(1, UTF8String.fromString("w"), 5);
    a.merge(c); // a fourth: over the cap, the values are dropped and the counts kept
    assertArrayEquals(new long[] {3, 7}, a.counts);
    assertEquals(null, a.values);
  }
}
