package io.veil.job.cli;

import io.veil.job.scan.ConfigSuggestion;
import io.veil.job.scan.ScanReport;
import io.veil.job.scan.TableScanner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Veil's command line inside a JVM that must keep running: the Python package's {@code veil.Job}
 * and {@code veil.scan} call it through Py4J on a classic PySpark session. A call returns the exit
 * code the command line would exit with instead of exiting; standard output and error are kept as
 * text, and the error lines (progress among them) can be read while a command runs. One instance
 * per call.
 */
public final class InProcessCli {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Lines err = new Lines();
  private volatile String suggestion;

  /** {@code veil ARGS...}: the command's exit code. */
  public int run(List<String> args) {
    return Cli.run(args.toArray(new String[0]), print(out), print(err));
  }

  /**
   * {@code veil scan} of a DataFrame: the findings as {@code --json} prints them go to {@link
   * #output}, and a suggested config (for {@code suggest}) to {@link #suggestion}.
   *
   * @param name the table's name in the findings, and the input path of a suggested config
   * @param keySource the suggested key's source, or null for keyless ops only
   */
  public int scan(Dataset<Row> table, String name, int rows, String keySource, boolean suggest) {
    return Cli.guarded(
        () -> {
          if (rows < 1) {
            throw new UsageException(
                "Invalid sample "
                    + rows
                    + ": give a number of rows from 1 to "
                    + Integer.MAX_VALUE);
          }
          ScanReport report = new TableScanner(table.sparkSession()).scan(table, name, rows);
          print(out).print(report.toJson());
          if (suggest) {
            suggestion = ConfigSuggestion.render(report, keySource);
          }
          return ExitCodes.OK;
        },
        print(err));
  }

  public String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  public String errors() {
    return err.all();
  }

  /** The complete error lines written since the last call: progress while a command runs. */
  public String pollErrors() {
    return err.poll();
  }

  public String suggestion() {
    return suggestion;
  }

  private static PrintStream print(OutputStream stream) {
    return new PrintStream(stream, true, StandardCharsets.UTF_8);
  }

  /** An output stream that keeps everything, and hands out its new complete lines on request. */
  private static final class Lines extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int polled;

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    synchronized String all() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized String poll() {
      byte[] all = bytes.toByteArray();
      int end = all.length;
      while (end > polled && all[end - 1] != '\n') {
        end--;
      }
      String lines = new String(all, polled, end - polled, StandardCharsets.UTF_8);
      polled = end;
      return lines;
    }
  }
}
