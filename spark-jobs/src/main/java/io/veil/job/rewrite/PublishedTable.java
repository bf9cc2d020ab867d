package io.veil.job.rewrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A table Veil published, checked against its own report: the report records how many data files
 * and bytes the verified table had, so a table that lost files after the fact (a copy-and-delete
 * that stopped halfway, say) is told apart from a whole one with one listing and no reads.
 */
final class PublishedTable {
  private PublishedTable() {}

  /** The data files of a table directory: what Spark reads (not "_" or "." files). */
  record DataFiles(long files, long bytes) {}

  static DataFiles measure(FileSystem fs, Path table) throws IOException {
    long files = 0;
    long bytes = 0;
    for (FileStatus s : fs.listStatus(table)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (s.isDirectory()) {
        DataFiles inner = measure(fs, s.getPath());
        files += inner.files();
        bytes += inner.bytes();
      } else {
        files++;
        bytes += s.getLen();
      }
    }
    return new DataFiles(files, bytes);
  }

  /**
   * Whether {@code table} holds a published Veil table with every data file its report counts.
   * False when the report is missing, unreadable, from a version of Veil that did not count files,
   * or disagrees with the listing.
   */
  static boolean isWhole(FileSystem fs, Path table) throws IOException {
    Path report = new Path(table, TableRewriter.REPORT_FILE);
    if (!fs.isFile(report)) {
      return false;
    }
    JsonNode json;
    try (InputStream in = fs.open(report)) {
      json = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      return false;
    }
    JsonNode files = json.at("/output/data_files");
    JsonNode bytes = json.at("/output/data_bytes");
    if (!"published".equals(json.path("status").asText())
        || !files.isIntegralNumber()
        || !bytes.isIntegralNumber()) {
      return false;
    }
    DataFiles actual = measure(fs, table);
    return actual.files() == files.asLong() && actual.bytes() == bytes.asLong();
  }
}
