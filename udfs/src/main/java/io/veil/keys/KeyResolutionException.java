package io.veil.keys;

/** A key could not be read. The message names the key and its source, never any key bytes. */
public final class KeyResolutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyResolutionException(String message) {
    super(message);
  }

  public KeyResolutionException(String message, Throwable cause) {
    // The cause's message could echo file contents, so only its type is kept.
    super(message + " (" + cause.getClass().getSimpleName() + ")");
  }
}
