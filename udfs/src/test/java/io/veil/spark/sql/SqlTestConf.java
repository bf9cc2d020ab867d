package io.veil.spark.sql;

import io.veil.testing.SharedSparkConf;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The udfs tests' static conf for the shared session: Veil's SQL functions installed through the
 * extensions class, as users install them, and the test keys ({@link SqlTestKeys#staticConf()}).
 */
public final class SqlTestConf implements SharedSparkConf {
  @Override
  public Map<String, String> settings() {
    Map<String, String> c = new LinkedHashMap<>(SqlTestKeys.staticConf());
    c.put("spark.sql.extensions", VeilExtensions.class.getName());
    return c;
  }
}
