package io.veil.job.rewrite;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Replaces the output directory with the staged one by two renames ({@link AtomicRename}): the old
 * table aside into the staging directory, the staged one into place. Each rename happens whole or
 * not at all, so readers see the old table or the new one; between the two the path briefly does
 * not exist. When the second rename fails the old table is put back; when even that fails, the
 * message says where it is, and the next run puts it back ({@link Leftovers}).
 */
final class Publisher {
  private Publisher() {}

  /**
   * @return a warning when the new table is published but the old one could not be deleted (the
   *     next run deletes it, since the published table is whole), else null
   * @throws IOException when nothing was published; the old table is then at the output path, or
   *     where the message says
   */
  static String publish(FileSystem fs, Path staged, Path output, String runId) throws IOException {
    Path previous = null;
    if (fs.exists(output)) {
      previous = StagingPaths.previous(output, runId);
      try {
        AtomicRename.move(fs, output, previous);
      } catch (IOException e) {
        throw new IOException(
            "Cannot move the previous table aside (nothing was changed): " + e.getMessage(), e);
      }
    } else if (!fs.exists(output.getParent())) {
      fs.mkdirs(output.getParent());
    }
    try {
      AtomicRename.move(fs, staged, output);
    } catch (IOException e) {
      if (previous != null) {
        try {
          AtomicRename.move(fs, previous, output);
        } catch (IOException back) {
          throw new IOException(
              "Cannot publish ("
                  + e.getMessage()
                  + ") nor put the previous table back ("
                  + back.getMessage()
                  + "): the previous table is whole at "
                  + previous
                  + "; the next run puts it back, or move it to "
                  + output
                  + " yourself",
              e);
        }
      }
      throw new IOException(
          "Cannot publish: " + e.getMessage() + "; the previous table is in place", e);
    }
    if (previous == null) {
      return null;
    }
    try {
      if (fs.delete(previous, true) || !fs.exists(previous)) {
        return null;
      }
    } catch (IOException e) {
      // reported below: the new table is published whatever happens to the old one
    }
    return "published, but the previous table at "
        + previous
        + " could not be deleted; the next run deletes it";
  }
}
