package io.veil.job.config;

import io.veil.op.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** The job config cannot run as written; carries every problem found, each with its line. */
public final class InvalidConfigException extends RuntimeException implements Problem {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(
        "Invalid config ("
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems")
            + "):\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  @Override
  public Kind kind() {
    return Kind.CONFIG;
  }
}
