package io.veil.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Where a timed job's seconds go, by the description Veil gives its Spark jobs ({@code veil
 * customers: leak check}): a listener keeps each Spark job's description and wall time, and each
 * timed run of the measured job marks its window. The wall times of a description's Spark jobs are
 * added up per run, and the median run is reported: what the leak check costs inside the job,
 * measured in the same run as the job itself.
 */
final class SparkJobTimes extends SparkListener {
  private record Job(String description, long start, long end) {}

  private final Map<Integer, Job> started = new ConcurrentHashMap<>();
  private final List<Job> jobs = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<long[]> runs = new ArrayList<>();
  private final SparkSession spark;

  SparkJobTimes(SparkSession spark) {
    this.spark = spark;
    spark.sparkContext().addSparkListener(this);
  }

  /** Runs {@code action} as one timed run whose Spark jobs are counted. */
  void timed(Runnable action) {
    long start = System.currentTimeMillis();
    action.run();
    runs.add(new long[] {start, System.currentTimeMillis()});
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    String description =
        event.properties() == null ? null : event.properties().getProperty("spark.job.description");
    if (description != null) {
      started.put(event.jobId(), new Job(description, event.time(), 0));
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd event) {
    Job s = started.remove(event.jobId());
    if (s != null) {
      jobs.add(new Job(s.description(), s.start(), event.time()));
    }
  }

  /**
   * Per description holding one of {@code words}, in the order first seen: the median over the
   * timed runs of the seconds its Spark jobs took in that run.
   */
  Map<String, Double> medianSeconds(List<String> words) {
    // The listener bus delivers events after the jobs end: wait for what is queued.
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } catch (java.util.concurrent.TimeoutException e) {
      // A minute's backlog: report the jobs delivered so far.
    }
    Map<String, double[]> perRun = new LinkedHashMap<>();
    List<Job> all;
    synchronized (jobs) {
      all = new ArrayList<>(jobs);
    }
    for (Job j : all) {
      if (words.stream().noneMatch(w -> j.description.contains(w))) {
        continue;
      }
      for (int r = 0; r < runs.size(); r++) {
        if (j.start >= runs.get(r)[0] && j.end <= runs.get(r)[1]) {
          perRun.computeIfAbsent(j.description, d -> new double[runs.size()])[r] +=
              (j.end - j.start) / 1000.0;
        }
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    perRun.forEach(
        (d, seconds) -> {
          double[] sorted = seconds.clone();
          Arrays.sort(sorted);
          medians.put(d, sorted[sorted.length / 2]);
        });
    return medians;
  }

  /**
   * The finding line: {@code name}'s median Spark-job seconds by description, or null when none of
   * its runs had such jobs.
   */
  String line(String name, List<String> words) {
    Map<String, Double> medians = medianSeconds(words);
    if (medians.isEmpty()) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    medians.forEach(
        (d, s) ->
            parts.add(String.format(Locale.ROOT, "%s %.2f s", d.replaceFirst("^veil ", ""), s)));
    spark.sparkContext().removeSparkListener(this);
    return "Inside `"
        + name
        + "` (wall time of its Spark jobs, median of the timed runs): "
        + String.join("; ", parts)
        + ".";
  }
}
