package io.veil.keys;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Warnings about how keys are kept and used (a key file others can read, a version marked
 * compromised being read). They do not stop anything, so each is said once, on standard error,
 * rather than in every query or table that meets it; a warning never holds key material.
 */
public final class KeyWarnings {
  private static final KeyWarnings PROCESS = new KeyWarnings(null);

  private final PrintStream stream;
  private final Set<String> given = ConcurrentHashMap.newKeySet();

  /**
   * @param stream where warnings go; null for {@code System.err} as it is when one is given
   */
  public KeyWarnings(PrintStream stream) {
    this.stream = stream;
  }

  /** Warnings on the process's standard error, each once per JVM: for the SQL functions' driver. */
  public static KeyWarnings standardError() {
    return PROCESS;
  }

  /** Prints {@code message} unless a warning about {@code subject} was given already. */
  public void once(String subject, String message) {
    if (given.add(subject)) {
      (stream == null ? System.err : stream).println("[veil] warning: " + message);
    }
  }
}
