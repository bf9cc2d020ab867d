package io.veil.job.rewrite;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A directory rename that either happens whole or not at all. Hadoop's local file system falls back
 * to copy-and-delete when the rename(2) call fails (a read-only directory moved to another parent,
 * say), and a copy-and-delete that fails halfway leaves half a table at each end. On local disks
 * Veil therefore renames through {@code Files.move} with {@code ATOMIC_MOVE}, which is one
 * rename(2) and fails without side effects; on HDFS {@code FileSystem.rename} is already one atomic
 * NameNode operation. Object stores have no rename: there it is a copy, as documented.
 */
final class AtomicRename {
  private AtomicRename() {}

  static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  /**
   * @throws IOException saying why, when the rename did not happen (nothing changed then)
   */
  static void move(FileSystem fs, Path from, Path to) throws IOException {
    if (isLocal(fs)) {
      try {
        Files.move(local(from), local(to), StandardCopyOption.ATOMIC_MOVE);
      } catch (AccessDeniedException e) {
        throw new IOException(
            "cannot rename "
                + from
                + " to "
                + to
                + ": permission denied"
                + (Files.isDirectory(local(from)) && !Files.isWritable(local(from))
                    ? " ("
                        + from
                        + " is read-only, and a directory moves to another parent only with write"
                        + " permission on itself)"
                    : ""),
            e);
      } catch (IOException e) {
        throw new IOException(
            "cannot rename "
                + from
                + " to "
                + to
                + ": "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()),
            e);
      }
      return;
    }
    if (!fs.rename(from, to)) {
      throw new IOException("cannot rename " + from + " to " + to + " (the file system refused)");
    }
  }

  static java.nio.file.Path local(Path p) {
    return Paths.get(p.toUri().getPath());
  }
}
