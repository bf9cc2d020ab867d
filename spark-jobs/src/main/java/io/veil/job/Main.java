package io.veil.job;

import io.veil.job.cli.Cli;

/**
 * Veil's command line: {@code run}, {@code check}, {@code inspect}, {@code keygen},
 * {@code sample-data}. The same arguments work after the shaded jar under spark-submit.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.run(args, System.out, System.err);
    System.exit(code);
  }
}
