package io.veil.spark;

import java.util.Locale;

/**
 * What happens to a column (or nested field) that the config does not name. {@code FAIL}, the
 * default, stops the job, so a column added upstream (schema drift) never leaks through unseen.
 */
public enum UnlistedColumns {
  FAIL,
  KEEP,
  DROP;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
