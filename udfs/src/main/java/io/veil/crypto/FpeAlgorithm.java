package io.veil.crypto;

import java.util.Locale;

/**
 * The format-preserving encryption algorithms Veil accepts: FF1 only. FF3 and FF3-1 are named here
 * so that asking for them gets the reason for the refusal rather than "unknown".
 */
public enum FpeAlgorithm {
  FF1;

  /**
   * @param name case-insensitive, surrounding spaces ignored
   * @throws IllegalArgumentException for FF3, FF3-1 (withdrawn by NIST) and anything else
   */
  public static FpeAlgorithm parse(String name) {
    String normalized = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    switch (normalized) {
      case "FF1":
        return FF1;
      case "FF3-1":
      case "FF3_1":
        throw new IllegalArgumentException(
            "Invalid format-preserving algorithm "
                + normalized
                + ": NIST SP 800-38G Rev. 1 (2025 draft) withdraws FF3-1; accepted: FF1");
      case "FF3":
        throw new IllegalArgumentException(
            "Invalid format-preserving algorithm FF3: broken (Durak and Vaudenay, 2017) and"
                + " withdrawn by NIST SP 800-38G Rev. 1, whose 2025 draft withdraws its FF3-1"
                + " replacement too; accepted: FF1");
      default:
        throw new IllegalArgumentException(
            "Invalid format-preserving algorithm " + name + ": accepted: FF1");
    }
  }
}
