package io.veil.job.cli;

import io.veil.job.config.InvalidConfigException;
import io.veil.job.plan.SchemaMismatchException;
import io.veil.job.scan.UnreadableTableException;
import io.veil.job.verify.VerificationFailedException;
import io.veil.ops.InvalidValueException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkThrowable;

/** Dispatches a command and turns its outcome into an exit code and one clear message. */
public final class Cli {
  static final String USAGE = String.join("\n",
      "usage: veil <command> [options]",
      "  run CONFIG [--dry-run] [--table NAME] [--report FILE]   anonymize the tables of a job",
      "  check CONFIG                                            validate config, keys and input schemas",
      "  inspect PATH                                            show what veil did to a table it wrote",
      "  keygen [--type aes-256|aes-siv-512]                     print a fresh random key (base64)",
      "  sample-data [--rows N] [--out DIR] [--seed S]           write the fake-PII sample tables",
      "  bench [--rows N] [--runs R] [--only W] [--out FILE]     time Veil against a copy and Spark's built-ins",
      "  scan PATH [--sample N] [--json] [--suggest FILE]        find columns holding personal data",
      "       [--format F] [--key-source SOURCE]                 (suggest: write a job config for them)");

  private Cli() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? ExitCodes.INVALID_CONFIG : ExitCodes.OK;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "run":
          return Commands.run(rest, out, err);
        case "check":
          return Commands.check(rest, out, err);
        case "inspect":
          return Commands.inspect(rest, out, err);
        case "keygen":
          return Commands.keygen(rest, out);
        case "sample-data":
          return Commands.sampleData(rest, out, err);
        case "bench":
          return Commands.bench(rest, out, err);
        case "scan":
          return Commands.scan(rest, out, err);
        default:
          throw new UsageException("Unknown command " + args[0] + ".\n" + USAGE);
      }
    } catch (UsageException | InvalidConfigException | UnreadableTableException e) {
      err.println("veil: " + e.getMessage());
      return ExitCodes.INVALID_CONFIG;
    } catch (SchemaMismatchException e) {
      err.println("veil: " + e.getMessage());
      return ExitCodes.DATA_MISMATCH;
    } catch (VerificationFailedException e) {
      err.println("veil: " + e.getMessage());
      return ExitCodes.VERIFICATION_FAILED;
    } catch (Exception e) { // Spark throws checked SparkExceptions undeclared, from Scala
      InvalidValueException invalid = find(e, InvalidValueException.class);
      if (invalid != null) {
        // A value an op could not take, under on-invalid = fail: the data does not fit the config.
        err.println("veil: " + invalid.getMessage() + "; nothing was published");
        return ExitCodes.DATA_MISMATCH;
      }
      err.println("veil: " + describeFailure(e));
      return ExitCodes.FAILURE;
    }
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /**
   * A failure's description without cell values: Veil's own and I/O messages name only paths and
   * settings, but Spark's messages for task failures can quote a value (a failed cast, say), so
   * for those only the error condition is printed.
   */
  static String describeFailure(Throwable e) {
    if (e instanceof UncheckedIOException && e.getCause() != null) {
      return "Failed: " + e.getMessage() + ": " + e.getCause().getMessage();
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SparkThrowable && ((SparkThrowable) c).getCondition() != null) {
        return "Failed: Spark reported " + ((SparkThrowable) c).getCondition()
            + " (" + c.getClass().getSimpleName() + "); details are in the Spark logs";
      }
    }
    if (e.getClass().getName().startsWith("io.veil.")) {
      return "Failed: " + e.getMessage();
    }
    return "Failed: " + e.getClass().getName() + "; details are in the Spark logs";
  }
}
