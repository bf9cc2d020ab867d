package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.veil.testing.SharedSpark;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example jobs in conf/ run as documented: encryption.conf then decryption.conf round trip. */
class ExampleConfigsTest {
  @TempDir Path dir;

  @Test
  void encryptionThenDecryptionGivesTheSampleBack() {
    SparkSession spark = SharedSpark.get();
    String out = dir.toString();
    CliRun enc = CliRun.of("run", SampleJob.config("encryption.conf", dir, out, t -> t).toString());
    assertEquals(0, enc.code, enc::toString);
    CliRun dec = CliRun.of("run", SampleJob.config("decryption.conf", dir, out, t -> t).toString());
    assertEquals(0, dec.code, dec::toString);
    String[] cols = {"customer_id", "email", "phone", "id_card", "name", "salary", "country"};
    Dataset<Row> in =
        spark
            .read()
            .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
            .selectExpr(cols);
    Dataset<Row> back = spark.read().parquet(out + "/decrypted/customers").selectExpr(cols);
    assertEquals(0, in.exceptAll(back).count());
    assertEquals(0, back.exceptAll(in).count());
  }
}
