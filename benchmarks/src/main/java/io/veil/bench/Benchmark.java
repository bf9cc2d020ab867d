package io.veil.bench;

import io.veil.crypto.Alphabet;
import io.veil.keys.KeyMaterial;
import io.veil.keys.Keyset;
import io.veil.ops.ColumnCipher;
import io.veil.ops.DateShift;
import io.veil.ops.FormatPreservingEncryption;
import io.veil.ops.KeyedNoise;
import io.veil.ops.Masker;
import io.veil.ops.Pseudonymizer;
import io.veil.ops.TextRedactor;
import io.veil.sample.SampleDataGenerator;
import io.veil.spark.ColumnEncryption;
import io.veil.spark.ColumnOperation;
import io.veil.spark.EncryptOperation;
import io.veil.spark.NoiseOperation;
import io.veil.spark.OnInvalid;
import io.veil.spark.PseudonymOperation;
import io.veil.spark.RedactOperation;
import io.veil.spark.ShiftOffsets;
import io.veil.spark.ShiftOperation;
import io.veil.spark.StringOperation;
import io.veil.spark.TruncateOperation;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;

/**
 * Veil's speed against the two things a user would otherwise run: a plain Parquet copy of the same
 * table (the floor: read, write, compress) and Spark's built-in functions on the same columns.
 * Every job reads the same generated table and writes all its columns; each runs once to warm up
 * and then {@code runs} times, and the median counts. Ratios from one run on one machine are what
 * to compare: these machines are shared and noisy.
 */
public final class Benchmark {
  private static final String[] MASKED = {"name", "email", "phone", "id_card"};
  private static final String[] ENCRYPTED = {"name", "email", "phone"};
  private static final String[] FPE = {"phone", "id_card", "card_number"};
  private static final String SPARK_KEEP_FIRST_LAST = "spark keep-first/last mask";

  /** The columns shift moves: the customers' date and timestamp, by their customer_id. */
  static final String[] SHIFTED = {"birth_date", "signup_ts"};

  /** The column noise changes: the customers' one numeric column other than their id. */
  static final String[] NOISED = {"salary"};

  /** The pseudonym job on name, email and phone, which shift and noise are also compared with. */
  static final String PSEUDONYM = "veil pseudonym";

  static final String SHIFT = "veil shift";
  static final String NOISE = "veil noise";

  /**
   * Pseudonyms of the columns shift moves: the same number of HMACs a row over inputs of about the
   * same length (a date's text against a customer_id's), shift's baseline.
   */
  static final String PSEUDONYM_SHIFTED = "veil pseudonym (shift's columns)";

  /** Pseudonyms of the column noise changes, over the same text noise hashes: its baseline. */
  static final String PSEUDONYM_NOISED = "veil pseudonym (noise's columns)";

  /** The plain copy: the job every ratio is taken against, so it always runs. */
  static final String COPY = "copy";

  /**
   * The plain copy of the notes: the free-text jobs' ratios are taken against it, so it runs
   * whenever one of them does.
   */
  static final String NOTES_COPY = "copy notes";

  /** The seed of the timed tables; the warm-up tables' is the next one. */
  static final long SEED = 42;

  private final SparkSession spark;
  private final String data;
  private final String scratch;
  private final int runs;
  private final List<Result> results = new ArrayList<>();
  private final List<Planned> planned = new ArrayList<>();
  private long peakRetainedHeap;
  private long timedCompilations;

  /**
   * A job to time, how to warm it up, and how to run it once; for a free-text job, the rows and the
   * UTF-8 bytes of text it reads (0 for the others).
   */
  private record Planned(
      BenchJob job, Runnable warmUp, Runnable action, long textRows, long textBytes) {
    Planned(BenchJob job, Runnable warmUp, Runnable action) {
      this(job, warmUp, action, 0, 0);
    }
  }

  /** The median of one job, and what it is compared with. */
  public static final class Result {
    public final String name;
    public final String columns;
    public final String baseline;
    public final double medianSeconds;
    public final double[] seconds;

    /** For a free-text job, the rows of the notes table; 0 for the others. */
    public final long textRows;

    /** For a free-text job, the UTF-8 bytes of text it reads; 0 for the others. */
    public final long textBytes;

    Result(String name, String columns, String baseline, double[] seconds) {
      this(name, columns, baseline, seconds, 0, 0);
    }

    Result(
        String name,
        String columns,
        String baseline,
        double[] seconds,
        long textRows,
        long textBytes) {
      this.name = name;
      this.columns = columns;
      this.baseline = baseline;
      this.seconds = seconds;
      this.textRows = textRows;
      this.textBytes = textBytes;
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      this.medianSeconds = sorted[sorted.length / 2];
    }
  }

  /**
   * Rows of the warm-up tables: enough for the JIT to compile every hot path (C2 compiles a method
   * after some 10,000 calls or loop iterations) and for Spark to generate and cache each job's
   * code, which does not depend on the table's size. Warming up on the full table cost a fourth
   * round of every job: at 200,000 rows, 47 of the run's 145 seconds.
   */
  static final long WARM_UP_ROWS = 50_000;

  /** The warm-up tables of the benchmark tables under {@code data}: the same tables, fewer rows. */
  public static String warmUpData(String data) {
    return data + "/warm-up";
  }

  public Benchmark(SparkSession spark, String data, String scratch, int runs) {
    this.spark = spark;
    this.data = data;
    this.scratch = scratch;
    this.runs = runs;
  }

  /** The flat table the operation jobs read: the customers' scalar columns, no free text. */
  public static final String FLAT = "customers-flat";

  /** The free-text table the redact jobs read: {@link NotesGenerator}'s notes. */
  public static final String NOTES = "notes";

  /**
   * Notes in the timed table: one for every ten rows of the others (at least 1,000, at most as
   * many): a note holds about 1.7 kB of UTF-8 text, 20 times a flat row, so at 5M rows the notes
   * are some 850 MB.
   */
  static long notesRows(long rows) {
    return Math.min(rows, Math.max(1000, rows / 10));
  }

  /**
   * Notes in the warm-up table (about 33 MB of text), more than the other tables' share: on one
   * thread redact's code reached its final compiled form only after some 60 MB (on a busy 2-core
   * machine; {@link TextRedactorThroughput#megabytesPerCpuSecond}), which a tenth of the warm-up
   * rows (5,000 notes, 8 MB) would leave far from done.
   */
  static final long WARM_UP_NOTES = 20_000;

  private static final String[] FLAT_COLUMNS = {
    "customer_id",
    "name",
    "email",
    "phone",
    "id_card",
    "birth_date",
    "signup_ts",
    "salary",
    "card_number",
    "ip_address",
    "country"
  };

  /**
   * Writes the benchmark tables with the sample-data generator: customers and orders (for the
   * sample job end to end), and a flat copy of the customers' scalar columns for the operation
   * jobs, so that a job's time is mostly the operation's, not the nested columns' encoding.
   *
   * <p>The flat table is written as files of equal size, a multiple of the cores in number and each
   * read as one task, so that every core works to the end of every job. Read as it comes from the
   * generator, 200,000 rows were two tasks of 155,116 and 44,884 rows, and one core sat idle for a
   * third of each job; 5M rows were five tasks on two cores. Spark puts files into one task up to
   * 128 MB (counting 4 MB per file), so files of about 80 to 105 MB (a million rows per core, at
   * about 83 bytes a row) are read one per task.
   */
  public static void generate(SparkSession spark, String data, long rows) {
    write(spark, data, rows, SEED);
    generateWarmUp(spark, data, rows);
    generateNotes(spark, data, rows);
  }

  /**
   * Writes the warm-up tables: the same generator with another seed, so that the warm-up's values
   * are not the timed runs' values.
   */
  public static void generateWarmUp(SparkSession spark, String data, long rows) {
    write(spark, warmUpData(data), Math.min(rows, WARM_UP_ROWS), SEED + 1);
  }

  /**
   * Writes the notes tables, timed and warm-up ({@link #notesRows}, {@link #WARM_UP_NOTES} rows),
   * the warm-up one last. As the flat table, each is files of equal size, a multiple of the cores
   * in number, so that every core works to the end of every job: about 50,000 notes a file (85 MB
   * of text, some 20 MB once compressed: the sentences repeat).
   */
  public static void generateNotes(SparkSession spark, String data, long rows) {
    long notes = notesRows(rows);
    writeNotes(spark, data, notes, SEED);
    writeNotes(spark, warmUpData(data), Math.min(notes, WARM_UP_NOTES), SEED + 1);
  }

  private static void writeNotes(SparkSession spark, String dir, long rows, long seed) {
    int cores = spark.sparkContext().defaultParallelism();
    int files = cores * (int) Math.max(1, rows / (cores * 50_000L));
    NotesGenerator.table(spark, rows, seed, files)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir + "/" + NOTES);
  }

  private static void write(SparkSession spark, String dir, long rows, long seed) {
    SampleDataGenerator.writeAll(spark, dir, rows, seed);
    int cores = spark.sparkContext().defaultParallelism();
    int files = cores * (int) Math.max(1, rows / (cores * 1_000_000L));
    spark
        .read()
        .parquet(dir + "/customers")
        .select(FLAT_COLUMNS[0], Arrays.copyOfRange(FLAT_COLUMNS, 1, FLAT_COLUMNS.length))
        .repartition(files)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(dir + "/" + FLAT);
  }

  public List<Result> results() {
    return results;
  }

  /**
   * Larger heap still in use after a full GC, after the warm-ups or the last round: what the driver
   * keeps.
   */
  public long peakRetainedHeap() {
    return peakRetainedHeap;
  }

  /**
   * Classes Spark compiled for generated code during the timed rounds; 0 when the warm-up did it
   * all.
   */
  public long timedCompilations() {
    return timedCompilations;
  }

  /**
   * Adds every job whose name contains one of {@code only} (all jobs when it is empty); the copy
   * always runs, since every ratio is against it, and the copy of the notes whenever a free-text
   * job does.
   */
  public void addJobs(List<String> only) {
    // Resolved once for every job: each run still reads all the files, but the listing and the
    // footer read that infer the schema (a Spark job of its own) happen once.
    Dataset<Row> input = spark.read().parquet(data + "/" + FLAT);
    Dataset<Row> warmUpInput = spark.read().parquet(warmUpData(data) + "/" + FLAT);
    for (BenchJob job : jobs()) {
      if (job.name.equals(COPY) || selected(job.name, only)) {
        planned.add(
            new Planned(
                job,
                () -> writeOut(job.transform.apply(warmUpInput)),
                () -> writeOut(job.transform.apply(input))));
      }
    }
    if (textJobsSelected(only)) {
      Dataset<Row> notes = spark.read().parquet(data + "/" + NOTES);
      Dataset<Row> warmUpNotes = spark.read().parquet(warmUpData(data) + "/" + NOTES);
      Row size =
          notes
              .agg(
                  functions.count(functions.lit(1)),
                  functions.sum(functions.octet_length(notes.col("notes"))))
              .first();
      for (BenchJob job : textJobs()) {
        if (job.name.equals(NOTES_COPY) || selected(job.name, only)) {
          planned.add(
              new Planned(
                  job,
                  () -> writeOut(job.transform.apply(warmUpNotes)),
                  () -> writeOut(job.transform.apply(notes)),
                  size.getLong(0),
                  size.getLong(1)));
        }
      }
    }
  }

  /** Whether {@code only} selects a free-text job (so the notes tables are needed). */
  public static boolean textJobsSelected(List<String> only) {
    return textJobNames().stream().anyMatch(n -> selected(n, only));
  }

  private static List<String> textJobNames() {
    return List.of(REDACT_TYPE, REDACT_PSEUDONYM);
  }

  private static final String REDACT_TYPE = "veil redact (type)";
  private static final String REDACT_PSEUDONYM = "veil redact (pseudonym)";

  /**
   * The free-text jobs on the notes: their copy, then redact as {@code veil_redact(notes)} and
   * {@code veil_redact(notes, 'pseudonym', key)} apply it (the same operation the job's {@code op =
   * redact} binds: a Java UDF per note), every type, under a random key.
   */
  private static List<BenchJob> textJobs() {
    List<BenchJob> jobs = new ArrayList<>();
    jobs.add(new BenchJob(NOTES_COPY, "notes (and note_id)", null, df -> df));
    jobs.add(
        new BenchJob(
            REDACT_TYPE,
            "notes",
            NOTES_COPY,
            veil(
                new String[] {"notes"},
                new RedactOperation(TextRedactorThroughput.byType(), TextRedactor.TYPES))));
    jobs.add(
        new BenchJob(
            REDACT_PSEUDONYM,
            "notes",
            NOTES_COPY,
            veil(
                new String[] {"notes"},
                new RedactOperation(TextRedactorThroughput.byPseudonym(), TextRedactor.TYPES))));
    return jobs;
  }

  private void writeOut(Dataset<Row> df) {
    df.write().mode(SaveMode.Overwrite).parquet(scratch + "/out");
  }

  /**
   * The job named {@code name} is one of those asked for: its name holds a word of {@code only}, or
   * {@code only} names none to include (empty, or only words to leave out); and its name holds no
   * word to leave out ({@code -word}).
   */
  public static boolean selected(String name, List<String> only) {
    boolean anyToInclude = false;
    boolean included = false;
    for (String w : only) {
      if (w.startsWith("-")) {
        if (name.contains(w.substring(1))) {
          return false;
        }
      } else {
        anyToInclude = true;
        included |= name.contains(w);
      }
    }
    return included || !anyToInclude;
  }

  /**
   * Adds a whole job run (the sample config end to end) on the tables under a directory: {@code
   * warmUp} runs it on the warm-up tables, {@code action} on the timed ones. It is compared with
   * the job named {@code baseline} (null for none) besides the copy.
   */
  public void addAction(
      String name, String columns, String baseline, Runnable warmUp, Runnable action) {
    planned.add(new Planned(new BenchJob(name, columns, baseline, null), warmUp, action));
  }

  /**
   * Adds the floor for the sample job end to end: its two input tables copied as they are,
   * customers partitioned by country as the job writes them.
   */
  public void addSampleTablesCopy(String name) {
    addAction(
        name,
        "customers and orders, as they are",
        null,
        () -> copyTables(warmUpData(data)),
        () -> copyTables(data));
  }

  private void copyTables(String from) {
    spark
        .read()
        .parquet(from + "/customers")
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("country")
        .parquet(scratch + "/copy/customers");
    spark
        .read()
        .parquet(from + "/orders")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(scratch + "/copy/orders");
  }

  /**
   * Runs every added job once on the warm-up tables (the JIT compiles the hot code, Spark generates
   * and caches each job's code), then {@code runs} rounds of one timed run of each. Interleaving
   * the rounds spreads whatever else loads a shared machine over all jobs alike: timing each job's
   * runs back to back let a busy minute land on one job and move its ratio by a third. Spark's
   * compilations during the timed rounds are counted, so that the report shows whether the warm-up
   * left any code to compile.
   */
  public void run(java.io.PrintStream progress) {
    for (Planned p : planned) {
      p.warmUp.run();
      progress.printf("[veil bench] %-34s warm-up done%n", p.job.name);
    }
    peakRetainedHeap = Math.max(peakRetainedHeap, retainedHeap());
    long compilationsBefore = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    double[][] seconds = new double[planned.size()][runs];
    for (int r = 0; r < runs; r++) {
      for (int j = 0; j < planned.size(); j++) {
        long start = System.nanoTime();
        planned.get(j).action.run();
        seconds[j][r] = (System.nanoTime() - start) / 1e9;
        progress.printf(
            "[veil bench] %-34s run %d: %.2f s%n", planned.get(j).job.name, r + 1, seconds[j][r]);
      }
    }
    // After the warm-ups and after the last round: what the driver holds once everything is
    // loaded, and whether it grew over the rounds. Each look costs two full GCs and a pause.
    peakRetainedHeap = Math.max(peakRetainedHeap, retainedHeap());
    timedCompilations = CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compilationsBefore;
    for (int j = 0; j < planned.size(); j++) {
      Planned p = planned.get(j);
      results.add(
          new Result(
              p.job.name, p.job.columns, p.job.baseline, seconds[j], p.textRows, p.textBytes));
    }
    planned.clear();
  }

  private List<BenchJob> jobs() {
    KeyMaterial aes = KeyMaterial.random(32);
    KeyMaterial siv = KeyMaterial.random(64);
    String rawKey = "unbase64('" + Base64.getEncoder().encodeToString(aes.copyBytes()) + "')";
    List<BenchJob> jobs = new ArrayList<>();
    jobs.add(new BenchJob(COPY, "all", null, df -> df));
    jobs.add(
        new BenchJob(
            "spark mask()",
            cols(MASKED),
            null,
            df -> replace(df, MASKED, c -> functions.call_function("mask", c))));
    Masker sparkLike = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    jobs.add(
        new BenchJob(
            "veil mask (classes, = mask())",
            cols(MASKED),
            "spark mask()",
            veil(MASKED, StringOperation.mask("veil_mask", sparkLike, null))));
    jobs.add(
        new BenchJob(
            SPARK_KEEP_FIRST_LAST,
            cols(MASKED),
            null,
            df -> replace(df, MASKED, c -> keepFirstLast(c, 3, 4, "*"))));
    Masker positional = Masker.positional(3, 4, '*');
    jobs.add(
        new BenchJob(
            "veil mask (keep-first/last)",
            cols(MASKED),
            SPARK_KEEP_FIRST_LAST,
            veil(MASKED, StringOperation.mask("veil_mask", positional, null))));
    jobs.add(
        new BenchJob(
            "veil truncate",
            "name, birth_date, salary",
            null,
            df -> {
              Dataset<Row> out = apply(df, "name", TruncateOperation.keep(1, 0));
              out = apply(out, "birth_date", TruncateOperation.toUnit(TruncateOperation.Unit.YEAR));
              return apply(out, "salary", TruncateOperation.toWidth(BigDecimal.valueOf(1000)));
            }));
    jobs.add(
        new BenchJob(
            "spark sha2()",
            cols(ENCRYPTED),
            null,
            df -> replace(df, ENCRYPTED, c -> functions.sha2(c, 256))));
    PseudonymOperation pseudonym = PseudonymOperation.onBytes(new Pseudonymizer(aes, "", 20));
    jobs.add(new BenchJob(PSEUDONYM, cols(ENCRYPTED), "spark sha2()", veil(ENCRYPTED, pseudonym)));
    jobs.addAll(newOperations(aes, pseudonym));
    jobs.add(
        new BenchJob(
            "spark aes_encrypt() GCM",
            cols(ENCRYPTED),
            null,
            df ->
                replace(
                    df,
                    ENCRYPTED,
                    c ->
                        functions.base64(
                            functions.expr("aes_encrypt(" + c + ", " + rawKey + ", 'GCM')")))));
    jobs.add(
        new BenchJob(
            "veil encrypt randomized",
            cols(ENCRYPTED),
            "spark aes_encrypt() GCM",
            veil(
                ENCRYPTED,
                encryption(
                    ColumnCipher.create(
                        ColumnCipher.Mode.RANDOMIZED,
                        ColumnCipher.Envelope.VEIL,
                        keyset(aes),
                        null),
                    "randomized"))));
    jobs.add(
        new BenchJob(
            "veil encrypt deterministic",
            cols(ENCRYPTED),
            "spark aes_encrypt() GCM",
            veil(
                ENCRYPTED,
                encryption(
                    ColumnCipher.create(
                        ColumnCipher.Mode.DETERMINISTIC,
                        ColumnCipher.Envelope.VEIL,
                        keyset(siv),
                        null),
                    "deterministic"))));
    FormatPreservingEncryption ff1 = new FormatPreservingEncryption(aes, Alphabet.DIGITS, null);
    jobs.add(
        new BenchJob(
            "veil encrypt format-preserving",
            cols(FPE),
            null,
            veil(
                FPE,
                new EncryptOperation(
                    t -> ColumnEncryption.formatPreserving(ff1, "bench", true),
                    true,
                    false,
                    false,
                    false))));
    return jobs;
  }

  /**
   * Shift and noise as the job and {@code veil_shift}/{@code veil_noise} apply them, each after the
   * pseudonym of the same columns, its baseline (the target: at most the pseudonym's cost
   * on the same columns). Shift moves the date and the timestamp by up to a year either way, keyed
   * by customer_id ({@code veil_shift(c, customer_id, key, 365)}, by days, null without an id);
   * noise is the sample job's on the salary ({@code op = noise, scale = 2000, round-to = 1000, min
   * = 0}, Laplace, no {@code by}): one HMAC of the value's text each, as a pseudonym of it.
   */
  static List<BenchJob> newOperations(KeyMaterial key, PseudonymOperation pseudonym) {
    List<BenchJob> jobs = new ArrayList<>();
    jobs.add(
        new BenchJob(
            PSEUDONYM_SHIFTED, cols(SHIFTED) + " (as text)", null, veil(SHIFTED, pseudonym)));
    ShiftOperation shift =
        new ShiftOperation(
            "shift",
            new ShiftOffsets(new DateShift(key, 1, 365), false, "customer_id"),
            ShiftOperation.Unit.DAYS,
            functions.col("customer_id"),
            new OnInvalid(OnInvalid.Remedy.NULL, "the bench's table", ""));
    jobs.add(
        new BenchJob(
            SHIFT,
            cols(SHIFTED) + " by customer_id, up to 365 days",
            PSEUDONYM_SHIFTED,
            veil(SHIFTED, shift)));
    jobs.add(
        new BenchJob(PSEUDONYM_NOISED, cols(NOISED) + " (as text)", null, veil(NOISED, pseudonym)));
    NoiseOperation noise =
        new NoiseOperation(
            new NoiseOperation.Shape(
                new KeyedNoise(key, KeyedNoise.Distribution.LAPLACE),
                BigDecimal.valueOf(2000),
                null,
                BigDecimal.valueOf(1000),
                BigDecimal.ZERO,
                null),
            null);
    jobs.add(
        new BenchJob(
            NOISE,
            cols(NOISED) + ", Laplace 2000, rounded to 1000",
            PSEUDONYM_NOISED,
            veil(NOISED, noise)));
    return jobs;
  }

  /**
   * Spark has no keep-first/last mask, so the baseline is the expression a user would write with
   * built-ins. It gives exactly Veil's positional mask (a value on which the mask would hide fewer
   * than 4 of its letters and digits, or less than a third of them, is masked whole), so both jobs
   * write the same bytes and the ratio compares only the functions. {@code maskChar} must not be a
   * letter or digit.
   */
  static Column keepFirstLast(Column c, int first, int last, String maskChar) {
    Column length = functions.length(c); // characters (code points), as Veil counts them
    Column middle = functions.substring(c, first + 1, Integer.MAX_VALUE);
    middle = functions.call_function("left", middle, length.minus(first + last));
    Column hidden = lettersAndDigits(middle);
    Column masked =
        functions.concat(
            functions.call_function("left", c, functions.lit(first)),
            functions.call_function("repeat", functions.lit(maskChar), length.minus(first + last)),
            functions.call_function("right", c, functions.lit(last)));
    Column showsEnds =
        length.gt(first + last).and(hidden.geq(4)).and(hidden.multiply(3).geq(lettersAndDigits(c)));
    return functions
        .when(showsEnds, masked)
        .otherwise(functions.call_function("repeat", functions.lit(maskChar), length));
  }

  /** Letters and digits in {@code c}, as Java's {@code Character.isLetterOrDigit} counts them. */
  private static Column lettersAndDigits(Column c) {
    return functions.length(functions.regexp_replace(c, "[^\\p{L}\\p{Nd}]", ""));
  }

  private static Keyset keyset(KeyMaterial k) {
    return new Keyset("bench", Map.of(1, k), 1);
  }

  private static ColumnOperation encryption(ColumnCipher cipher, String mode) {
    return EncryptOperation.onBytes(
        t -> ColumnEncryption.of(cipher, t, false, "bench", false),
        false,
        false,
        false,
        mode.equals("randomized"));
  }

  private static String cols(String[] names) {
    return String.join(", ", names);
  }

  private static java.util.function.UnaryOperator<Dataset<Row>> veil(
      String[] names, ColumnOperation op) {
    return df -> {
      Dataset<Row> out = df;
      for (String n : names) {
        out = apply(out, n, op);
      }
      return out;
    };
  }

  private static Dataset<Row> apply(Dataset<Row> df, String name, ColumnOperation op) {
    DataType type = df.schema().apply(name).dataType();
    return df.withColumn(name, op.apply(df.col(name), type));
  }

  private static Dataset<Row> replace(Dataset<Row> df, String[] names, Function<Column, Column> f) {
    Dataset<Row> out = df;
    for (String n : names) {
      out = out.withColumn(n, f.apply(out.col(n)));
    }
    return out;
  }

  /**
   * Heap in use after a full GC. Spark's ContextCleaner frees the blocks of garbage-collected
   * broadcasts and shuffles asynchronously once a GC has found them, so collect, let it run, and
   * collect again; what remains is what the driver keeps. The cleaner polls its queue every 100 ms
   * and removes blocks in local calls, so a quarter second is enough: a longer pause made the
   * 200k-row run spend half a minute asleep.
   */
  private static long retainedHeap() {
    System.gc();
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** FF1 encryptions per second on one thread, 11-digit values, median of three measurements. */
  public static double ff1ValuesPerSecond() {
    double[] m = new double[3];
    for (int i = 0; i < m.length; i++) {
      m[i] = FormatPreservingCipherThroughput.measurePerCpuSecond(Alphabet.DIGITS, 11, 500_000);
    }
    Arrays.sort(m);
    return m[1];
  }

  /**
   * MB of UTF-8 text per second of CPU time that {@link TextRedactor#redact} does on one thread,
   * with = type and with = pseudonym, over the first 2,000 of the timed notes (about 3.3 MB): ten
   * seconds of CPU time to warm up (three were too few on this machine), then the median of five
   * measurements of three passes once two in a row agree.
   */
  public static double[] redactMegabytesPerSecond() {
    String[] notes = TextRedactorThroughput.notes(2_000);
    return new double[] {
      TextRedactorThroughput.megabytesPerCpuSecond(
          TextRedactorThroughput.byType(), notes, 3, 10_000),
      TextRedactorThroughput.megabytesPerCpuSecond(
          TextRedactorThroughput.byPseudonym(), notes, 3, 10_000)
    };
  }

  static Map<String, Result> byName(List<Result> results) {
    Map<String, Result> m = new LinkedHashMap<>();
    for (Result r : results) {
      m.put(r.name, r);
    }
    return m;
  }
}
