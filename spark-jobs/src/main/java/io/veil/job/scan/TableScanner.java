package io.veil.job.scan;

import io.veil.scan.ColumnClassifier;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import io.veil.scan.PiiType;
import io.veil.scan.QuasiIdentifierSearch;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
    return report(path, format, sampler.sample(path, format, rows));
  }

  /**
   * {@link #scan(String, String, int)} of a table already read, named {@code name} in the report
   * and as the input path of a suggested config (whose format says parquet, the job's default).
   */
  public ScanReport scan(Dataset<Row> table, String name, int rows) {
    return report(name, "parquet", sampler.sample(table, rows));
  }

  private ScanReport report(String path, String format, TableSampler.Sample sample) {
    List<ColumnFinding> findings = new ArrayList<>();
    for (ColumnSample column : sample.columns()) {
      findings.add(classifier.classify(column));
    }
    return new ScanReport(
        path, format, sample.tableRows(), sample.sampledRows(), sample.leaves(), findings);
  }

  /**
   * {@link #scan}, then the combinations of up to {@code maxColumns} single-valued columns that
   * single out sampled rows (or entities) in classes below k ({@link QuasiIdentifierSearch}).
   *
   * @throws IllegalArgumentException when {@code entity} names no single-valued sampled column
   */
  public ScanReport scan(
      String path, String format, int rows, int k, String entity, int maxColumns, int top) {
    TableSampler.Sample sample = sampler.sample(path, format, rows);
    ScanReport report = report(path, format, sample);
    List<ColumnSample> aligned = new ArrayList<>();
    java.util.Set<String> excluded = new java.util.HashSet<>();
    java.util.Set<String> quasi = new java.util.HashSet<>();
    for (int i = 0; i < sample.columns().size(); i++) {
      ColumnSample column = sample.columns().get(i);
      ColumnFinding f = report.findings().get(i);
      LeafField leaf = sample.leaves().get(i);
      if (leaf.kind() == ColumnSample.Kind.UNSCANNED
          || io.veil.spark.PathValues.isMulti(leaf.path())) {
        continue; // one value per row is what a class is made of
      }
      aligned.add(column);
      if (f.isPii()) {
        (QUASI_TYPES.contains(f.type()) ? quasi : excluded).add(column.column());
      }
    }
    if (entity != null && aligned.stream().noneMatch(c -> c.column().equals(entity))) {
      throw new IllegalArgumentException(
          "--entity " + entity + " names no column with one value per row in " + path);
    }
    List<QuasiIdentifierSearch.Combination> combinations =
        QuasiIdentifierSearch.find(aligned, excluded, quasi, entity, k, maxColumns, top);
    return report.with(new ScanReport.QuasiIdentifiers(k, entity, maxColumns, combinations));
  }

  /** Personal data that is a quasi-identifier rather than a direct identifier. */
  private static final java.util.Set<PiiType> QUASI_TYPES =
      java.util.EnumSet.of(PiiType.BIRTH_DATE, PiiType.GEO_COORDINATES, PiiType.POSTAL_ADDRESS);
}
