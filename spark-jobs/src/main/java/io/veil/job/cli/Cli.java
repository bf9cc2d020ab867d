package io.veil.job.cli;

import io.veil.op.Problem;
import io.veil.ops.InvalidValueException;
import io.veil.spark.SparkErrors;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/** Dispatches a command and turns its outcome into an exit code and one clear message. */
public final class Cli {
  static final String USAGE =
      String.join(
          "\n",
          "usage: veil <command> [options]",
          "  run CONFIG [--dry-run] [--table NAME] [--report FILE]   anonymize the tables of a job",
          "      [--dry-run --json]                                  (the plan as JSON)",
          "  check CONFIG                                            validate config, keys and input schemas",
          "  inspect PATH [--json]                                   show what veil did to a table it wrote",
          "  keygen [--type aes-256|aes-siv-512]                     print a fresh random key (base64)",
          "  keygen --kms URI --key NAME [--out FILE]                a data key from a Hadoop KMS, encrypted (EDEK)",
          "  rewrap FILE [--kms URI]                                 re-encrypt an EDEK under its KMS key's newest version",
          "  sample-data [--rows N] [--out DIR] [--seed S]           write the fake-PII sample tables",
          "  bench [--rows N] [--runs R] [--only W] [--out FILE]     time Veil against a copy and Spark's built-ins (bin/veil)",
          "  scan PATH [--sample N] [--json] [--suggest FILE]        find columns holding personal data",
          "       [--format F] [--key-source SOURCE]                 (suggest: write a job config for them;",
          "       [--html FILE]                                       html: the findings as a page)");

  private Cli() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? ExitCodes.INVALID_CONFIG : ExitCodes.OK;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    return guarded(
        () ->
            switch (args[0]) {
              case "run" -> Commands.run(rest, out, err);
              case "check" -> Commands.check(rest, out, err);
              case "inspect" -> Commands.inspect(rest, out, err);
              case "keygen" -> Commands.keygen(rest, out);
              case "rewrap" -> KmsCommands.rewrap(rest, out);
              case "sample-data" -> Commands.sampleData(rest, out, err);
              case "scan" -> Commands.scan(rest, out, err);
              default -> external(args[0]).run(rest, out, err);
            },
        err);
  }

  /** A command's exit code, or its failure's code with one message on {@code err}. */
  static int guarded(Callable<Integer> command, PrintStream err) {
    try {
      return command.call();
    } catch (PartialRunException e) {
      return fail(e.getCause(), e.note(), err);
    } catch (Exception e) { // Spark throws checked SparkExceptions undeclared, from Scala
      return fail(e, null, err);
    }
  }

  /** A command of a module outside the shipped jar, if that module is on the classpath. */
  private static ExternalCommand external(String name) {
    for (ExternalCommand command : ServiceLoader.load(ExternalCommand.class)) {
      if (command.name().equals(name)) {
        return command;
      }
    }
    if (name.equals("bench")) {
      throw new UsageException(
          "Cannot run veil bench from this jar: the benchmarks are a module of their own,"
              + " left out of the shipped jars. From a source checkout, run bin/veil bench, which builds it"
              + " (docs/performance.md).");
    }
    throw new UsageException("Unknown command " + name + ".\n" + USAGE);
  }

  /**
   * Prints one message for a failure and returns its exit code.
   *
   * @param partial for a failure after earlier tables of the run were published: which they were
   */
  private static int fail(Throwable e, String partial, PrintStream err) {
    // The kind of problem decides the code, wherever in the chain it was raised: a value an op
    // could not take fails inside a Spark task, and reaches the driver wrapped in Spark's errors.
    Problem problem = find(e, Problem.class);
    int code = problem == null ? ExitCodes.FAILURE : ExitCodes.of(problem.kind());
    String message;
    if (problem == null) {
      message = describeFailure(e);
    } else {
      message = ((Throwable) problem).getMessage();
      if (problem.kind() == Problem.Kind.DATA
          && problem instanceof InvalidValueException
          && partial == null) {
        message += "; nothing was published";
      }
    }
    if (partial != null && code == ExitCodes.INVALID_CONFIG) {
      code = ExitCodes.FAILURE; // exit 2 says nothing was read or written, no longer true
    }
    err.println("veil: " + message + (partial == null ? "" : "\n" + partial));
    return code;
  }

  private static <T> T find(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /**
   * A failure's description without cell values: Veil's own and I/O messages name only paths and
   * settings, but Spark's messages for task failures can quote a value (a failed cast, say), so for
   * those only the error condition, the file and the cause's class are printed.
   */
  static String describeFailure(Throwable e) {
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return "Failed: " + e.getMessage() + ": " + e.getCause().getMessage();
    }
    if (e.getClass().getName().startsWith("io.veil.")) {
      return "Failed: " + e.getMessage();
    }
    return "Failed: " + SparkErrors.describe(e);
  }
}
