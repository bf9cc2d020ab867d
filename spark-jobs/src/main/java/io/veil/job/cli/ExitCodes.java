package io.veil.job.cli;

/** Veil's exit codes (SPEC: Command line). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int INVALID_CONFIG = 2;
  public static final int DATA_MISMATCH = 3;
  public static final int VERIFICATION_FAILED = 4;

  private ExitCodes() {}

  /** The code of a kind of problem. */
  public static int of(io.veil.op.Problem.Kind kind) {
    switch (kind) {
      case CONFIG:
        return INVALID_CONFIG;
      case DATA:
        return DATA_MISMATCH;
      default:
        return VERIFICATION_FAILED;
    }
  }
}
