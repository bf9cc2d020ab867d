package io.veil.spark.op;

/**
 * What an op's settings need of the key they name, known from the settings alone: checked with the
 * job's keys before any Spark session starts, so a key of the wrong size or one serving two
 * purposes it may not share fails the run in its config (exit 2) without starting Spark.
 *
 * @param key the key's name
 * @param purpose what the key serves (as {@link KeyLookup#claim} records it)
 * @param minBytes the smallest size accepted
 * @param maxBytes the largest size accepted (equal to {@code minBytes}: an exact size)
 * @param use the use in words, for messages: "deterministic encryption"
 */
public record KeyNeed(String key, String purpose, int minBytes, int maxBytes, String use) {
  /** Why a key of {@code bytes} bytes does not fit, or null when it does. */
  public String misfit(int bytes) {
    if (bytes >= minBytes && bytes <= maxBytes) {
      return null;
    }
    return "has "
        + bytes
        + " bytes, expected "
        + (minBytes == maxBytes ? "" : "at least ")
        + minBytes
        + " for "
        + use
        + " (veil keygen prints one)";
  }
}
