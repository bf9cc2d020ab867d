package io.veil.job.rewrite;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Cleans up after runs that were killed while rewriting the same output. Called under the output
 * lock, so whatever it finds belongs to a dead run. A previous table moved aside by a run killed
 * between its two publishing renames is put back before anything else happens.
 */
final class Leftovers {
  private Leftovers() {}

  /** @return a line describing what was cleaned, or null when there was nothing */
  static String recover(FileSystem fs, Path output) throws IOException {
    Path dir = StagingPaths.directory(output);
    if (!fs.exists(dir)) {
      return null;
    }
    Pattern ours = Pattern.compile(Pattern.quote(output.getName()) + "-\\d{8}T\\d{6}-[0-9a-f]{8}(-previous)?");
    Pattern brokenLocks = Pattern.compile(Pattern.quote(output.getName()) + "\\.lock\\.broken-.*");
    int removed = 0;
    boolean restored = false;
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (ours.matcher(name).matches()) {
        if (name.endsWith("-previous") && !fs.exists(output) && fs.rename(s.getPath(), output)) {
          restored = true;
        } else {
          fs.delete(s.getPath(), true);
          removed++;
        }
      } else if (brokenLocks.matcher(name).matches()) {
        fs.delete(s.getPath(), false);
      }
    }
    if (!restored && removed == 0) {
      return null;
    }
    return (restored ? "restored the previous table a killed run had moved aside; " : "")
        + "removed " + removed + " leftover staging " + (removed == 1 ? "directory" : "directories");
  }
}
