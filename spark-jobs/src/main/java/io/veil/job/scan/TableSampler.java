package io.veil.job.scan;

import io.veil.scan.ColumnSample;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.PathValues;
import io.veil.spark.SparkErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;

/**
 * Takes a bounded random sample of a table's rows and returns every leaf's values as text.
 *
 * <p>The table is counted (for Parquet and ORC Spark reads only the files' footers for that), a
 * Bernoulli sample a little larger than wanted is drawn with a fixed seed, and {@code limit} cuts
 * it to the requested rows: no shuffle, no sort, and the driver receives only the sampled rows,
 * already projected to one text value (or an array of them) per leaf. Arrays and maps contribute at
 * most {@value #MAX_ELEMENTS_PER_ROW} values per row and strings at most {@value #MAX_CHARS}
 * characters, so a row of huge arrays or documents cannot flood the driver.
 */
public final class TableSampler {
  static final long SEED = 42L;
  static final int MAX_ELEMENTS_PER_ROW = 20;
  static final int MAX_CHARS = 2000;

  /** Drawn above the wanted share so that, after Bernoulli's variance, limit still has enough. */
  static final double OVERSAMPLE = 1.2;

  /** The sampled values of every leaf, with the table's and the sample's row counts. */
  public record Sample(
      long tableRows, long sampledRows, List<LeafField> leaves, List<ColumnSample> columns) {}

  private final SparkSession spark;

  public TableSampler(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * @throws UnreadableTableException when {@code path} cannot be read as {@code format}
   */
  public Sample sample(String path, String format, int rows) {
    try {
      return read(path, format, rows);
    } catch (UnreadableTableException e) {
      throw e;
    } catch (
        RuntimeException e) { // a file that breaks while the sample is read: corrupt, truncated
      throw new UnreadableTableException(
          "Cannot scan " + path + " as " + format + ": " + SparkErrors.describe(e));
    }
  }

  private Sample read(String path, String format, int rows) {
    Dataset<Row> table;
    try {
      table = spark.read().format(format).load(path);
    } catch (Exception e) { // AnalysisException is checked, and thrown undeclared from Scala
      // Not Spark's message: schema inference of CSV and JSON reads rows, which it can quote.
      String reason = SparkErrors.describe(e);
      throw new UnreadableTableException("Cannot scan " + path + " as " + format + ": " + reason);
    }
    return sample(table, rows);
  }

  /**
   * A sample of a table already read (a DataFrame handed over by the Python package), as {@link
   * #sample(String, String, int)} draws it from a path.
   */
  public Sample sample(Dataset<Row> table, int rows) {
    List<LeafField> leaves = LeafField.of(table.schema());
    long total = table.count();
    Dataset<Row> sampled = table;
    if (total > rows) {
      sampled = table.sample(false, Math.min(1.0, OVERSAMPLE * rows / total), SEED);
    }
    sampled = sampled.limit(rows);

    List<Column> projections = new ArrayList<>();
    List<Integer> scanned = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafField leaf = leaves.get(i);
      if (leaf.kind() != ColumnSample.Kind.UNSCANNED) {
        projections.add(asText(leaf).as("v" + i));
        scanned.add(i);
      }
    }
    List<List<String>> values = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      values.add(new ArrayList<>());
    }
    long sampledRows = 0;
    if (!projections.isEmpty()) {
      List<Row> collected = sampled.select(projections.toArray(new Column[0])).collectAsList();
      sampledRows = collected.size();
      for (Row row : collected) {
        for (int k = 0; k < scanned.size(); k++) {
          List<String> into = values.get(scanned.get(k));
          if (row.isNullAt(k)) {
            into.add(null);
          } else if (PathValues.isMulti(leaves.get(scanned.get(k)).path())) {
            into.addAll(row.<String>getList(k));
          } else {
            into.add(row.getString(k));
          }
        }
      }
    } else {
      sampledRows = sampled.count();
    }
    List<ColumnSample> columns = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      LeafField leaf = leaves.get(i);
      columns.add(
          new ColumnSample(leaf.path().toString(), leaf.fieldName(), leaf.kind(), values.get(i)));
    }
    return new Sample(total, sampledRows, leaves, columns);
  }

  /**
   * The leaf's values as text: one string, or an array of them for paths through arrays or maps.
   */
  private static Column asText(LeafField leaf) {
    Column top = functions.col(ColumnRewriter.quoteForColumn(leaf.path().column()));
    Column values = PathValues.of(top, leaf.path());
    if (PathValues.isMulti(leaf.path())) {
      return functions.transform(
          functions.slice(values, 1, MAX_ELEMENTS_PER_ROW), x -> text(x, leaf.type()));
    }
    return text(values, leaf.type());
  }

  private static Column text(Column c, DataType type) {
    Column s = type instanceof StringType ? c : c.cast("string");
    return functions.substring(s, 1, MAX_CHARS);
  }
}
