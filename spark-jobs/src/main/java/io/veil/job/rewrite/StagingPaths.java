package io.veil.job.rewrite;

import org.apache.hadoop.fs.Path;

/**
 * Names of the directories a rewrite uses beside its output. They start with a dot, so Spark and
 * pyarrow reading the parent directory skip them, and they carry the run id, so leftovers of a
 * killed run are recognisable.
 */
final class StagingPaths {
  static final String STAGING = ".veil-staging-";
  static final String PREVIOUS = ".veil-previous-";

  private StagingPaths() {}

  static Path staging(Path output, String runId) {
    return new Path(output.getParent(), "." + output.getName() + STAGING + runId);
  }

  static Path previous(Path output, String runId) {
    return new Path(output.getParent(), "." + output.getName() + PREVIOUS + runId);
  }
}
