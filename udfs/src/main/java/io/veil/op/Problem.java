package io.veil.op;

/**
 * What kind of problem a failure is, which decides Veil's exit code: the config (or how Veil was
 * called) is wrong, the data does not fit the config, or what was written did not verify. A failure
 * of no kind is an unexpected one (exit 1).
 */
public interface Problem {
  enum Kind {
    /** Bad usage or an invalid config: nothing read or written (exit 2). */
    CONFIG,
    /** The data does not fit the config: nothing published (exit 3). */
    DATA,
    /** What was written did not verify: nothing published (exit 4). */
    VERIFICATION
  }

  Kind kind();
}
