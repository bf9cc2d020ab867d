package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every job in src/test/resources/bad-inputs through the CLI. Each file says, in its header,
 * the exit code it must give, fragments its message must hold (what, and where: file and line or
 * table), and values that must not appear. No message may hold a cell value of the input.
 */
class BadInputCorpusTest {
  @TempDir static Path dir;
  static Path data;
  static Path keys;
  static List<String> cellValues;

  static final String CANARY = "CANARY-cell-7f3a9c";

  static Stream<Path> cases() throws IOException {
    Path corpus = SharedSpark.projectDir().resolve("spark-jobs/src/test/resources/bad-inputs");
    return Files.list(corpus).filter(p -> p.toString().endsWith(".conf")).sorted();
  }

  @BeforeAll
  static void fixtures() throws Exception {
    SparkSession spark = SharedSpark.get();
    data = Files.createDirectories(dir.resolve("data"));
    keys = Files.createDirectories(dir.resolve("keys"));
    Path sample = SharedSpark.projectDir().resolve("sample-data");
    Dataset<Row> customers = spark.read().parquet(sample.resolve("customers").toString());
    customers.write().partitionBy("country").parquet(data.resolve("customers").toString());
    customers.limit(10).write().parquet(data.resolve("customers-copy").toString());
    cellValues = new ArrayList<>();
    for (Row r : customers.select("name", "email", "phone", "id_card").limit(200).collectAsList()) {
      for (int i = 0; i < r.length(); i++) {
        if (r.get(i) != null && r.getString(i).length() >= 6) {
          cellValues.add(r.getString(i));
        }
      }
    }
    cellValues.add(CANARY);

    Files.createDirectories(data.resolve("empty"));
    Path corrupt = Files.createDirectories(data.resolve("corrupt"));
    Files.write(
        corrupt.resolve("part-00000.parquet"),
        "PAR1 this is not a parquet file PAR1".getBytes(StandardCharsets.UTF_8));
    Files.writeString(data.resolve("a-file"), "a file where a directory should be");
    Files.createSymbolicLink(data.resolve("alias"), data); // the data directory under another name
    // A partitioned table with one truncated data file among good ones.
    customers.write().partitionBy("country").parquet(data.resolve("truncated").toString());
    try (Stream<Path> files = Files.walk(data.resolve("truncated"))) {
      Path victim =
          files.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
      byte[] whole = Files.readAllBytes(victim);
      Files.write(victim, java.util.Arrays.copyOf(whole, whole.length / 2));
      Files.deleteIfExists(victim.resolveSibling("." + victim.getFileName() + ".crc"));
    }
    // CSV files whose headers disagree, read with FAILFAST: Spark fails while the table is written.
    Path csv = Files.createDirectories(data.resolve("csv-headers"));
    Files.writeString(csv.resolve("a.csv"), "id,amount\n1,10\n2,20\n");
    Files.writeString(csv.resolve("b.csv"), "id,amt\n3," + CANARY + "\n");
    Files.writeString(
        Files.createDirectories(data.resolve("foreign")).resolve("notes.txt"), "not Veil's");
    Files.createSymbolicLink(
        data.resolve("link-out"), Files.createDirectories(data.resolve("empty-out")));

    spark
        .sql(
            "SELECT 1 AS id, '"
                + CANARY
                + "' AS `first name`, 12.5BD AS `order.total`, 'v' AS `we``ird`,"
                + " named_struct('c d', '"
                + CANARY
                + "') AS `a.b`")
        .write()
        .parquet(data.resolve("odd-names").toString());
    spark.conf().set("spark.sql.caseSensitive", "true");
    spark
        .sql("SELECT 1 AS id, '" + CANARY + "' AS Name, 'lower' AS name")
        .write()
        .parquet(data.resolve("case-twins").toString());

    StringBuilder wide = new StringBuilder("SELECT ");
    for (int i = 0; i < 1000; i++) {
      wide.append(i == 0 ? "" : ", ")
          .append("concat('v', id, '-")
          .append(i)
          .append("') AS c")
          .append(i);
    }
    spark.sql(wide + " FROM range(50)").write().parquet(data.resolve("wide").toString());

    spark
        .sql(
            "SELECT id, concat('"
                + CANARY
                + "', repeat('x', 1048576)) AS text, repeat('y', 1048576) AS copy FROM range(6)")
        .repartition(2)
        .write()
        .parquet(data.resolve("big-strings").toString());

    StructType binary =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("payload", DataTypes.BinaryType)
            .add("copy", DataTypes.BinaryType);
    List<Row> blobs = new ArrayList<>();
    Random random = new Random(5);
    for (long i = 0; i < 100; i++) {
      byte[] b = new byte[16 + random.nextInt(32)];
      random.nextBytes(b);
      b[0] = (byte) 0xC3; // a lead byte followed by no continuation: invalid UTF-8
      b[1] = (byte) 0x28;
      blobs.add(RowFactory.create(i, b, b));
    }
    spark.createDataFrame(blobs, binary).write().parquet(data.resolve("binary").toString());

    spark
        .sql("SELECT id, cast(id * 37 % 10000 AS string) AS code FROM range(20)")
        .write()
        .parquet(data.resolve("short-codes").toString());

    writeKey("aes-256.key", 32);
    writeKey("aes-128.key", 16);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] password = "right-password".toCharArray();
    store.setEntry(
        "pii",
        new KeyStore.SecretKeyEntry(new SecretKeySpec(new byte[32], "AES")),
        new KeyStore.PasswordProtection(password));
    try (OutputStream out = Files.newOutputStream(keys.resolve("keys.p12"))) {
      store.store(out, password);
    }
  }

  static void writeKey(String name, int bytes) throws IOException {
    byte[] b = new byte[bytes];
    new Random(bytes).nextBytes(b);
    Files.writeString(keys.resolve(name), Base64.getEncoder().encodeToString(b));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runs(Path file) throws IOException {
    String text = Files.readString(file);
    Path out = dir.resolve("out-" + file.getFileName());
    String job = substitute(text, out);
    Path conf = dir.resolve(file.getFileName());
    Files.writeString(conf, job);
    Map<String, List<String>> expect = header(substitute(text, out));
    List<String> args = new ArrayList<>(List.of("run", conf.toString()));
    for (String a : expect.getOrDefault("expect-args", List.of())) {
      args.addAll(List.of(a.split(" ")));
    }
    CliRun r = CliRun.of(args.toArray(new String[0]));
    int code = Integer.parseInt(expect.get("expect-exit").get(0));
    assertEquals(code, r.code, r::toString);
    String all = r.out + r.err;
    for (String fragment : expect.getOrDefault("expect-message", List.of())) {
      assertTrue(r.err.contains(fragment), () -> "message lacks <" + fragment + ">\n" + r);
    }
    for (String fragment : expect.getOrDefault("expect-where", List.of())) {
      assertTrue(
          r.err.contains(fragment), () -> "message does not say where: <" + fragment + ">\n" + r);
    }
    for (String absent : expect.getOrDefault("expect-absent", List.of())) {
      assertFalse(all.contains(absent), () -> "output repeats <" + absent + ">\n" + r);
    }
    for (String value : cellValues) {
      assertFalse(all.contains(value), () -> "output holds a cell value\n" + r);
    }
    if (code != 0) {
      assertEquals(1, r.err.lines().filter(l -> l.startsWith("veil: ")).count(), r::toString);
    } else {
      assertTrue(
          Files.exists(out)
              || Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("out-")),
          r::toString);
    }
  }

  private static String substitute(String text, Path out) {
    return text.replace("@DATA@", data.toString())
        .replace("@OUT@", out.toString())
        .replace("@KEYS@", keys.toString());
  }

  private static Map<String, List<String>> header(String text) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (String line :
        text.lines().takeWhile(l -> l.startsWith("#")).collect(Collectors.toList())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.startsWith("# expect-")) {
        m.computeIfAbsent(line.substring(2, colon).trim(), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
    }
    return m;
  }
}
