package io.veil.job.rewrite;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Replaces the output directory with the staged one by renames. On HDFS and local disks a
 * directory rename is atomic, so readers see the old table or the new one, never a mix; between
 * the two renames the path briefly does not exist.
 */
final class Publisher {
  private Publisher() {}

  static void publish(FileSystem fs, Path staged, Path output, String runId) throws IOException {
    Path previous = null;
    if (fs.exists(output)) {
      previous = StagingPaths.previous(output, runId);
      if (!fs.rename(output, previous)) {
        throw new IOException("Cannot move the previous table aside: rename of " + output + " failed");
      }
    } else if (!fs.exists(output.getParent())) {
      fs.mkdirs(output.getParent());
    }
    if (!fs.rename(staged, output)) {
      if (previous != null) {
        fs.rename(previous, output); // put the old table back
      }
      throw new IOException("Cannot publish: rename of the staged table to " + output + " failed");
    }
    if (previous != null) {
      fs.delete(previous, true);
    }
  }
}
