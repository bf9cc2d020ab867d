package io.veil.job.cli;

/** Veil's exit codes (SPEC: Command line). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int INVALID_CONFIG = 2;
  public static final int DATA_MISMATCH = 3;
  public static final int VERIFICATION_FAILED = 4;

  private ExitCodes() {}
}
