package io.veil.job.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What the input looks like on disk, so the output can look the same: its directory partitioning
 * ({@code country=CN/...}) and its Parquet compression codec.
 */
public final class InputLayout {
  private final List<String> partitionColumns;
  private final String codec;

  private InputLayout(List<String> partitionColumns, String codec) {
    this.partitionColumns = partitionColumns;
    this.codec = codec;
  }

  public static InputLayout of(Configuration conf, String location, String format) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      List<String> partitions = new ArrayList<>();
      Path dir = path;
      while (fs.getFileStatus(dir).isDirectory()) {
        Path next = null;
        for (FileStatus s : fs.listStatus(dir, p -> !isHidden(p.getName()))) {
          int eq = s.getPath().getName().indexOf('=');
          if (s.isDirectory() && eq > 0) {
            partitions.add(s.getPath().getName().substring(0, eq));
            next = s.getPath();
            break;
          }
        }
        if (next == null) {
          break;
        }
        dir = next;
      }
      String codec = "parquet".equals(format) ? parquetCodec(fs, path, conf) : null;
      return new InputLayout(partitions, codec == null ? "snappy" : codec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A catalog table's layout: its partition columns as the catalog records them; the codec is left
   * to the output format's default (snappy for Parquet data files).
   */
  public static InputLayout ofCatalogTable(org.apache.spark.sql.SparkSession spark, String table) {
    List<String> partitions = new ArrayList<>();
    try {
      for (org.apache.spark.sql.catalog.Column c :
          spark.catalog().listColumns(table).collectAsList()) {
        if (c.isPartition()) {
          partitions.add(c.name());
        }
      }
    } catch (Exception e) {
      // A catalog that cannot list columns (a v2 table without partition info): unpartitioned.
    }
    return new InputLayout(partitions, "snappy");
  }

  private static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static String parquetCodec(FileSystem fs, Path path, Configuration conf)
      throws IOException {
    Path file = firstParquetFile(fs, path);
    if (file == null) {
      return null;
    }
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        if (!block.getColumns().isEmpty()) {
          return block.getColumns().get(0).getCodec().name().toLowerCase(Locale.ROOT);
        }
      }
      return null;
    }
  }

  private static Path firstParquetFile(FileSystem fs, Path path) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    if (!status.isDirectory()) {
      return path;
    }
    for (FileStatus s : fs.listStatus(path, p -> !isHidden(p.getName()))) {
      Path found = s.isDirectory() ? firstParquetFile(fs, s.getPath()) : s.getPath();
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Directory partition columns, outermost first; empty when the input is not partitioned. */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** The input's Parquet codec (snappy when unknown or not Parquet). */
  public String codec() {
    return codec;
  }
}
