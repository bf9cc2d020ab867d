package io.veil.job.scan;

import io.veil.scan.ColumnClassifier;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code veil scan}: samples a table with Spark, then classifies each leaf's sampled values on the
 * driver with the Spark-free detectors of {@code io.veil.scan}.
 */
public final class TableScanner {
  private final TableSampler sampler;
  private final ColumnClassifier classifier;

  public TableScanner(SparkSession spark) {
    this(spark, new ColumnClassifier());
  }

  public TableScanner(SparkSession spark, ColumnClassifier classifier) {
    this.sampler = new TableSampler(spark);
    this.classifier = classifier;
  }

  /**
   * @param rows how many rows to sample at most
   * @throws UnreadableTableException when {@code path} cannot be read as {@code format}
   */
  public ScanReport scan(String path, String format, int rows) {
    TableSampler.Sample sample = sampler.sample(path, format, rows);
    List<ColumnFinding> findings = new ArrayList<>();
    for (ColumnSample column : sample.columns()) {
      findings.add(classifier.classify(column));
    }
    return new ScanReport(
        path, format, sample.tableRows(), sample.sampledRows(), sample.leaves(), findings);
  }
}
