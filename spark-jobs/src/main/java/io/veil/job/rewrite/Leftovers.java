package io.veil.job.rewrite;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Cleans up after runs that were killed (or failed) while rewriting the same output. Called under
 * the output lock, so whatever it finds belongs to a dead run. Staged tables that were never
 * published are removed. A previous table moved aside is the only copy of the old output, so it is
 * never deleted unless the table published in its place is whole, checked against its own report
 * ({@link PublishedTable}); otherwise it is put back, and the incomplete table moved aside first.
 */
final class Leftovers {
  private Leftovers() {}

  /**
   * @return a line describing what was cleaned, or null when there was nothing
   * @throws IOException naming where the previous table is, when it cannot be put back
   */
  static String recover(FileSystem fs, Path output) throws IOException {
    Path dir = StagingPaths.directory(output);
    if (!fs.exists(dir)) {
      return null;
    }
    String run = Pattern.quote(output.getName()) + "-\\d{8}T\\d{6}-[0-9a-f]{8}";
    Pattern staged = Pattern.compile(run + "(-incomplete)?");
    Pattern previous = Pattern.compile(run + "-previous");
    Pattern brokenLocks = Pattern.compile(Pattern.quote(output.getName()) + "\\.lock\\.broken-.*");
    List<String> done = new ArrayList<>();
    int removed = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (previous.matcher(name).matches()) {
        done.add(previousTable(fs, s.getPath(), output));
      } else if (staged.matcher(name).matches()) {
        fs.delete(s.getPath(), true);
        removed++;
      } else if (brokenLocks.matcher(name).matches()) {
        fs.delete(s.getPath(), false);
      }
    }
    if (removed > 0) {
      done.add(
          "removed "
              + removed
              + " leftover staging "
              + (removed == 1 ? "directory" : "directories"));
    }
    return done.isEmpty() ? null : String.join("; ", done);
  }

  /** What becomes of a previous table a dead run moved aside. */
  private static String previousTable(FileSystem fs, Path previous, Path output)
      throws IOException {
    if (fs.exists(output) && PublishedTable.isWhole(fs, output)) {
      // The run was killed after publishing: the old table was already replaced by a whole one.
      try {
        if (fs.delete(previous, true) || !fs.exists(previous)) {
          return "removed the table a killed run had replaced";
        }
      } catch (IOException e) {
        // said below; the published table is whole, so the run can go on
      }
      return "could not delete "
          + previous
          + ", the table a killed run had replaced (delete it yourself)";
    }
    Path incomplete = null;
    if (fs.exists(output)) {
      if (OutputState.of(fs, output) != OutputState.VEIL_TABLE) {
        throw new IOException(
            "Cannot clean up after a killed run: the previous table of "
                + output
                + " is whole at "
                + previous
                + ", and the output path now holds something Veil did not write;"
                + " move one of them away, then run again");
      }
      incomplete =
          new Path(previous.getParent(), previous.getName().replace("-previous", "-incomplete"));
      AtomicRename.move(fs, output, incomplete);
    }
    try {
      AtomicRename.move(fs, previous, output);
    } catch (IOException e) {
      if (incomplete != null) {
        AtomicRename.move(fs, incomplete, output);
      }
      throw new IOException(
          "Cannot put back the previous table of "
              + output
              + ", which a killed run moved aside: "
              + e.getMessage()
              + ". It is whole at "
              + previous
              + "; move it to "
              + output
              + " yourself",
          e);
    }
    if (incomplete != null) {
      fs.delete(incomplete, true);
      return "put back the previous table in place of an incomplete one a failed run had published";
    }
    return "restored the previous table a killed run had moved aside";
  }
}
