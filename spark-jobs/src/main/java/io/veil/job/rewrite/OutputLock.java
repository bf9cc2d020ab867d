package io.veil.job.rewrite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One run at a time per output: a lock file {@code .veil-staging/<name>.lock} beside the output,
 * created with create-if-absent (atomic on HDFS and local disks). The holder touches it every few
 * seconds; a lock whose holder died (its process is gone, or it stopped touching the lock for
 * {@link #LEASE_MILLIS}) is broken by renaming it away, which only one contender can do.
 */
final class OutputLock implements AutoCloseable {
  static final long HEARTBEAT_MILLIS = 10_000;
  static final long LEASE_MILLIS = 90_000;

  private final FileSystem fs;
  private final Path lock;
  private final ScheduledExecutorService heartbeat;

  private OutputLock(FileSystem fs, Path lock) {
    this.fs = fs;
    this.lock = lock;
    this.heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "veil-lock-heartbeat");
              t.setDaemon(true);
              return t;
            });
    heartbeat.scheduleAtFixedRate(
        this::touch, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  static Path path(Path output) {
    return new Path(StagingPaths.directory(output), output.getName() + ".lock");
  }

  /**
   * @throws ConcurrentRunException when a live run holds the output
   */
  static OutputLock acquire(FileSystem fs, Path output, String table, String runId)
      throws IOException {
    Path lock = path(output);
    fs.mkdirs(lock.getParent());
    for (int attempt = 0; attempt < 2; attempt++) {
      if (tryCreate(fs, lock, runId)) {
        return new OutputLock(fs, lock);
      }
      Properties holder = read(fs, lock);
      if (holder == null) {
        continue; // released between our attempts
      }
      if (holder.getProperty("run") == null || holder.getProperty("host") == null) {
        throw new ConcurrentRunException(
            "Cannot write table "
                + table
                + ": "
                + lock
                + " exists but is not a Veil"
                + " lock file (it names no run and host); Veil never breaks a lock it cannot read: remove the file if"
                + " nothing else uses it");
      }
      if (!isStale(fs, lock, holder)) {
        throw new ConcurrentRunException(
            "Cannot write table "
                + table
                + ": another Veil run (run "
                + holder.getProperty("run")
                + ", host "
                + holder.getProperty("host")
                + ", pid "
                + holder.getProperty("pid")
                + ", started "
                + holder.getProperty("started")
                + ") is writing "
                + output
                + "; wait for it to finish (a lock left by a killed run expires after "
                + LEASE_MILLIS / 1000
                + " s)");
      }
      // Only one contender can rename the stale lock away; the others retry and meet its new lock.
      fs.rename(lock, new Path(lock.getParent(), lock.getName() + ".broken-" + runId));
    }
    throw new ConcurrentRunException(
        "Cannot write table " + table + ": could not take the lock " + lock);
  }

  private static boolean tryCreate(FileSystem fs, Path lock, String runId) throws IOException {
    Properties p = new Properties();
    p.setProperty("run", runId);
    p.setProperty("host", host());
    p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
    p.setProperty("started", java.time.Instant.now().toString());
    try (OutputStream out = fs.create(lock, false)) {
      p.store(out, "Veil output lock");
      return true;
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(lock)) {
        return false; // some file systems report an existing file with a plain IOException
      }
      throw e;
    }
  }

  private static Properties read(FileSystem fs, Path lock) throws IOException {
    try (InputStream in = fs.open(lock)) {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return p;
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IllegalArgumentException e) {
      return new Properties(); // not a properties file: certainly not Veil's lock
    }
  }

  private static boolean isStale(FileSystem fs, Path lock, Properties holder) throws IOException {
    if (host().equals(holder.getProperty("host"))) {
      try {
        long pid = Long.parseLong(holder.getProperty("pid", "-1"));
        if (pid != ProcessHandle.current().pid()
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          return false;
        }
        if (pid != ProcessHandle.current().pid()) {
          return true; // its process is gone: killed or crashed
        }
      } catch (NumberFormatException e) {
        // unreadable: fall back to the lease
      }
    }
    FileStatus status = fs.getFileStatus(lock);
    return System.currentTimeMillis() - status.getModificationTime() > LEASE_MILLIS;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private void touch() {
    try {
      fs.setTimes(lock, System.currentTimeMillis(), -1);
    } catch (IOException e) {
      // The next heartbeat tries again; the lease is many heartbeats long.
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      fs.delete(lock, false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the output lock " + lock, e);
    }
  }
}
