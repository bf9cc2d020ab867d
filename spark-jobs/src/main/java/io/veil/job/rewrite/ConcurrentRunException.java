package io.veil.job.rewrite;

/** Another live run is writing the same output; this run wrote nothing. */
public final class ConcurrentRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentRunException(String message) {
    super(message);
  }
}
