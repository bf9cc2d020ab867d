package io.veil.job;

import io.veil.job.cli.Cli;
import org.apache.spark.sql.SparkSession;

/**
 * Veil's command line: {@code run}, {@code check}, {@code inspect}, {@code keygen}, {@code
 * sample-data}. The same arguments work after the shaded jar under spark-submit.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = Cli.run(args, System.out, System.err);
    if (!inYarnClusterMode()) {
      stopSpark(code);
      System.exit(code);
    }
    // In YARN cluster mode the driver runs inside Spark's ApplicationMaster, which takes any
    // System.exit, even exit(0), for an early exit: final status FAILED, and the RM runs the
    // whole job again in a new attempt. Returning reports success; an exception reports failure.
    if (code != 0) {
      throw new IllegalStateException("Veil exited with code " + code + "; the message is above");
    }
  }

  /**
   * Stops a running SparkContext with Veil's code. In YARN client mode the ApplicationMaster (it
   * only launches executors there) ends the application with the code the driver stops with, and
   * Spark's shutdown hook would stop it with 0: without this, YARN shows a failed run as SUCCEEDED.
   */
  static void stopSpark(int code) {
    if (code == 0) {
      return; // the shutdown hook stops it with 0 as well
    }
    scala.Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isDefined()) {
      session.get().sparkContext().stop(code);
    }
  }

  /** The ApplicationMaster sets these system properties before it calls main in cluster mode. */
  static boolean inYarnClusterMode() {
    return "yarn".equals(System.getProperty("spark.master"))
        && "cluster".equals(System.getProperty("spark.submit.deployMode"))
        && System.getProperty("spark.yarn.app.id") != null;
  }
}
