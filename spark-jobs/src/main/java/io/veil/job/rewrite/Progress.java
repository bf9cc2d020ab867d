package io.veil.job.rewrite;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Per-table progress lines on stderr: table, stage, rows written so far, elapsed seconds. Rows come
 * from Spark's task metrics as tasks finish, so a long write reports as it goes, every {@code
 * intervalSeconds}; nothing here reads data.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final long started = System.nanoTime();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final SparkListener listener;
  private final SparkSession spark;
  private final ScheduledExecutorService ticker;
  private volatile String table;
  private volatile String stage;

  public Progress(PrintStream out, SparkSession spark, long intervalSeconds) {
    this.out = out;
    this.spark = spark;
    this.listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
              rowsWritten.addAndGet(end.taskMetrics().outputMetrics().recordsWritten());
            }
          }
        };
    spark.sparkContext().addSparkListener(listener);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "veil-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(this::tick, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
  }

  public void stage(String table, String stage) {
    if (!table.equals(this.table)) {
      rowsWritten.set(0);
    }
    this.table = table;
    this.stage = stage;
    line();
  }

  public void info(String line) {
    out.println("[veil] " + line);
  }

  private void tick() {
    if ("writing".equals(stage)) {
      line();
    }
  }

  private synchronized void line() {
    out.printf(
        "[veil] %-20s %-10s %,14d rows %8.1fs%n",
        table, stage, rowsWritten.get(), (System.nanoTime() - started) / 1e9);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    spark.sparkContext().removeSparkListener(listener);
  }
}
