package io.veil.job.plan;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A table location in the one form two spellings of the same place share, so that "is the output
 * inside the input?" compares places rather than text: the file system's own qualified form, with
 * symbolic links, {@code .} and {@code ..} resolved as the operating system would. On local disks
 * the longest existing prefix goes through {@code realpath} (a link followed by {@code ..} lands
 * where the kernel says, not where the text suggests); on other file systems through {@link
 * FileSystem#resolvePath}, which follows their links and mount tables (viewfs).
 */
public final class ResolvedLocation {
  private final String configured;
  private final Path path;
  private final boolean symlink;

  private ResolvedLocation(String configured, Path path, boolean symlink) {
    this.configured = configured;
    this.path = path;
    this.symlink = symlink;
  }

  public static ResolvedLocation of(String location, Configuration conf) throws IOException {
    Path raw = new Path(location);
    FileSystem fs = raw.getFileSystem(conf);
    if (isLocal(fs)) {
      // Hadoop's Path normalizes ".." lexically; take the text as the user gave it instead.
      URI uri = raw.toUri();
      String text = uri.getScheme() == null ? location : uri.getPath();
      java.nio.file.Path given = Paths.get(text).toAbsolutePath();
      boolean link = Files.isSymbolicLink(given);
      // Not toUri(): it ends an existing directory's URI with "/", a missing one's without.
      return new ResolvedLocation(
          location, fs.makeQualified(new Path(realLocal(given).toString())), link);
    }
    Path qualified = fs.makeQualified(raw);
    Deque<String> missing = new ArrayDeque<>();
    Path existing = qualified;
    while (existing != null && !fs.exists(existing)) {
      missing.push(existing.getName());
      existing = existing.getParent();
    }
    Path resolved = existing == null ? qualified : fs.resolvePath(existing);
    while (existing != null && !missing.isEmpty()) {
      resolved = new Path(resolved, missing.pop());
    }
    return new ResolvedLocation(location, resolved, false);
  }

  private static boolean isLocal(FileSystem fs) {
    return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
  }

  /** The real path of the longest existing prefix, with the rest appended as written. */
  private static java.nio.file.Path realLocal(java.nio.file.Path given) throws IOException {
    java.nio.file.Path existing = given;
    Deque<java.nio.file.Path> missing = new ArrayDeque<>();
    while (existing != null && !Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    java.nio.file.Path real = existing == null ? given.getRoot() : existing.toRealPath();
    for (java.nio.file.Path name : missing) {
      real = real.resolve(name);
    }
    return real.normalize();
  }

  /** The location as the config gives it, for messages. */
  public String configured() {
    return configured;
  }

  public Path path() {
    return path;
  }

  /** Whether the configured path itself is a symbolic link (local disks only). */
  public boolean isSymlink() {
    return symlink;
  }

  /** Whether this is {@code other} or a place inside it. */
  public boolean isWithin(ResolvedLocation other) {
    String mine = path.toString() + "/";
    String theirs = other.path.toString() + "/";
    return mine.startsWith(theirs);
  }

  public boolean sameAs(ResolvedLocation other) {
    return path.equals(other.path);
  }
}
