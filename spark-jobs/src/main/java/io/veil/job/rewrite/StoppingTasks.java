package io.veil.job.rewrite;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;
import scala.Option;

/**
 * The tasks of a table's failed Spark jobs that are still running. When one task fails, Spark fails
 * the job at once and kills its other tasks without waiting for them: a task killed in the middle
 * of a write can still create its attempt's directory under the staging directory after the rewrite
 * has removed it, leaving a {@code .veil-staging} behind beside the output. The rewrite tags its
 * jobs and, before removing what it staged, waits for their tasks to stop.
 */
final class StoppingTasks {
  /** Longer than a killed task takes to notice (it checks between rows and between files). */
  private static final long MAX_WAIT_MS = 30_000;

  private StoppingTasks() {}

  /** Waits until no job tagged {@code tag} has a running task, or 30 s have passed. */
  static void await(SparkContext spark, String tag) {
    long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
    try {
      while (running(spark.statusTracker(), tag) && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean running(SparkStatusTracker tracker, String tag) {
    for (int job : tracker.getJobIdsForTag(tag)) {
      Option<SparkJobInfo> info = tracker.getJobInfo(job);
      if (info.isEmpty()) {
        continue;
      }
      for (int stage : info.get().stageIds()) {
        Option<SparkStageInfo> s = tracker.getStageInfo(stage);
        if (s.isDefined() && s.get().numActiveTasks() > 0) {
          return true;
        }
      }
    }
    return false;
  }
}
