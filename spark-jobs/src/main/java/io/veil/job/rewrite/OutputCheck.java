package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.TableConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;

/**
 * Whether a table can be published at its output, asked before anything is written (for every table
 * of a run) and again under the output lock just before publishing: what the path holds against
 * {@code output.mode} and {@code output.replace-foreign}, and whether both renames of the publish
 * (the old table aside and back, the staged one into place) are permitted. A publish that would
 * fail halfway must not start.
 */
final class OutputCheck {
  private OutputCheck() {}

  /** Every reason {@code table} cannot be published at {@code output}; empty when it can. */
  static List<ConfigProblem> problems(FileSystem fs, Path output, TableConfig table)
      throws IOException {
    List<ConfigProblem> problems = new ArrayList<>();
    String cannot = "Cannot write table " + table.name() + ": output " + table.outputPath();
    Path ancestor = existingAncestor(fs, output.getParent());
    if (ancestor != null && !fs.getFileStatus(ancestor).isDirectory()) {
      problems.add(
          new ConfigProblem(table.where(), cannot + " is below " + ancestor + ", which is a file"));
      return problems;
    }
    OutputState state = OutputState.of(fs, output);
    if (state != OutputState.ABSENT
        && table.outputMode() == TableConfig.OutputMode.ERROR_IF_EXISTS) {
      problems.add(
          new ConfigProblem(
              table.where(),
              cannot
                  + " exists and output.mode = error-if-exists (set mode = overwrite to replace it)"));
      return problems;
    }
    if ((state == OutputState.FOREIGN_FILE || state == OutputState.FOREIGN_DIRECTORY)
        && !table.replaceForeign()) {
      problems.add(
          new ConfigProblem(
              table.where(),
              "Cannot replace output "
                  + table.outputPath()
                  + " of table "
                  + table.name()
                  + ": it holds "
                  + state.describe()
                  + ", and overwrite replaces only a table Veil wrote or"
                  + " an empty directory; remove it, write elsewhere, or set output.replace-foreign = true"));
      return problems;
    }
    String notMovable = state == OutputState.ABSENT ? null : whyNotMovable(fs, output);
    if (notMovable != null) {
      problems.add(
          new ConfigProblem(
              table.where(),
              "Cannot replace output "
                  + table.outputPath()
                  + " of table "
                  + table.name()
                  + ": "
                  + notMovable
                  + "; nothing was written"));
    }
    Path staging = StagingPaths.directory(output);
    String noStaging = whyNotWritable(fs, fs.exists(staging) ? staging : ancestor);
    if (noStaging != null) {
      problems.add(
          new ConfigProblem(
              table.where(),
              cannot
                  + " cannot be published: "
                  + noStaging
                  + " (Veil stages the table in "
                  + staging
                  + " and renames it into place)"));
    }
    return problems;
  }

  /**
   * Why the existing output cannot be renamed into the staging directory and back: on local disks a
   * directory moves to another parent only with write permission on itself (its ".." entry
   * changes), and any rename needs write permission on both parents.
   */
  private static String whyNotMovable(FileSystem fs, Path output) throws IOException {
    FileStatus status = fs.getFileStatus(output);
    if (AtomicRename.isLocal(fs)
        && status.isDirectory()
        && !Files.isWritable(AtomicRename.local(output))) {
      return output
          + " is read-only to this user, and a directory moves aside (into "
          + StagingPaths.DIRECTORY
          + ") only with write permission on itself: make it writable, or write the"
          + " table elsewhere";
    }
    return whyNotWritable(fs, output.getParent());
  }

  private static String whyNotWritable(FileSystem fs, Path dir) throws IOException {
    if (dir == null) {
      return null;
    }
    if (AtomicRename.isLocal(fs)) {
      java.nio.file.Path local = AtomicRename.local(dir);
      return Files.isWritable(local) && Files.isExecutable(local)
          ? null
          : dir + " is read-only to this user";
    }
    try {
      fs.access(dir, FsAction.WRITE_EXECUTE);
      return null;
    } catch (AccessControlException e) {
      return dir + " is read-only to this user";
    } catch (UnsupportedOperationException e) {
      return null; // stores without permissions (object stores) answer at the rename itself
    }
  }

  private static Path existingAncestor(FileSystem fs, Path p) throws IOException {
    while (p != null && !fs.exists(p)) {
      p = p.getParent();
    }
    return p;
  }
}
