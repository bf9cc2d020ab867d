package io.veil.job.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command kept out of the shipped jar, found with {@link java.util.ServiceLoader} when its module
 * is on the classpath: {@code veil bench}, in the benchmarks module, which {@code bin/veil bench}
 * puts beside the jar. It fails as the built-in commands do: a {@link UsageException} exits 2.
 */
public interface ExternalCommand {
  /** The word after {@code veil} that runs it. */
  String name();

  /** Runs it on the arguments after its name and returns the exit code. */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
