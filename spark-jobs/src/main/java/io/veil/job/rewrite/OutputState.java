package io.veil.job.rewrite;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What is at an output path before a run replaces it. {@code overwrite} replaces only a table Veil
 * wrote (its report inside) or an empty directory: anything else there (a regular file, a directory
 * of other data, another tool's table) is refused unless the table config says {@code
 * output.replace-foreign = true}.
 */
enum OutputState {
  ABSENT,
  VEIL_TABLE,
  EMPTY_DIRECTORY,
  FOREIGN_FILE,
  FOREIGN_DIRECTORY;

  static OutputState of(FileSystem fs, Path output) throws IOException {
    FileStatus status;
    try {
      status = fs.getFileStatus(output);
    } catch (java.io.FileNotFoundException e) {
      return ABSENT;
    }
    if (!status.isDirectory()) {
      return FOREIGN_FILE;
    }
    if (fs.isFile(new Path(output, TableRewriter.REPORT_FILE))) {
      return VEIL_TABLE;
    }
    return fs.listStatus(output).length == 0 ? EMPTY_DIRECTORY : FOREIGN_DIRECTORY;
  }

  /** For messages: what the path holds. */
  String describe() {
    switch (this) {
      case FOREIGN_FILE:
        return "a file, not a table";
      case FOREIGN_DIRECTORY:
        return "a directory that is not a table Veil wrote (it has no "
            + TableRewriter.REPORT_FILE
            + ")";
      case EMPTY_DIRECTORY:
        return "an empty directory";
      case VEIL_TABLE:
        return "a table Veil wrote";
      default:
        return "nothing";
    }
  }
}
