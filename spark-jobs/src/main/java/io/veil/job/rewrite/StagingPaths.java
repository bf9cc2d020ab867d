package io.veil.job.rewrite;

import org.apache.hadoop.fs.Path;

/**
 * Where a rewrite stages its table: {@code <parent>/.veil-staging/<name>-<run id>} beside the
 * output {@code <parent>/<name>}. The dot hides the staging directory from readers of the parent;
 * the table directory itself has a plain name because Spark skips (and warns about) input paths
 * whose own name starts with "." or "_". The run id makes leftovers of a killed run recognisable.
 * Staying under the same parent keeps the final rename on one file system, where it is atomic.
 */
final class StagingPaths {
  static final String DIRECTORY = ".veil-staging";

  private StagingPaths() {}

  static Path directory(Path output) {
    return new Path(output.getParent(), DIRECTORY);
  }

  static Path staging(Path output, String runId) {
    return new Path(directory(output), output.getName() + "-" + runId);
  }

  static Path previous(Path output, String runId) {
    return new Path(directory(output), output.getName() + "-" + runId + "-previous");
  }
}
